/// Token ids of one text, `[CLS]` … `[SEP]`, truncated to the sequence budget.
///
/// There is no padding here: the encoder packs texts end to end, so every position is attended
/// (an attention mask of all ones, `mask`, is kept for callers that pad).
public struct TokenizedText: Equatable, Sendable {
    public var ids: [Int32]
    /// 1 for every token (the reference's attention mask before padding).
    public var mask: [Int32] { Array(repeating: 1, count: ids.count) }
    public var count: Int { ids.count }
}

/// BERT uncased WordPiece: `BertNormalizer` words, then greedy longest-match-first sub-words with the
/// `##` continuation prefix; a word that cannot be covered, or is longer than 100 scalars, is `[UNK]`.
public struct WordPieceTokenizer: Sendable {
    public let vocabulary: Vocabulary
    /// Token budget per text, `[CLS]` and `[SEP]` included.
    public let maxSequenceLength: Int
    /// Words longer than this (in Unicode scalars) become `[UNK]` whole.
    public let maxCharactersPerWord = 100

    private static let continuation: [UInt32] = [35, 35]  // "##"

    public init(vocabulary: Vocabulary, maxSequenceLength: Int = 256) throws {
        guard maxSequenceLength >= 2 else {
            throw EncoderError(.invalidConfiguration, "maxSequenceLength \(maxSequenceLength) must be at least 2")
        }
        self.vocabulary = vocabulary
        self.maxSequenceLength = maxSequenceLength
    }

    /// `[CLS]`, the word pieces of `text` (cut to fit), `[SEP]`.
    public func tokenize(_ text: String) -> TokenizedText {
        let budget = maxSequenceLength - 2
        var ids: [Int32] = [vocabulary.classifierID]
        ids.reserveCapacity(min(maxSequenceLength, text.utf8.count + 2))
        segments: for segment in segments(of: text) {
            switch segment {
            case .special(let id):
                if ids.count - 1 == budget { break segments }
                ids.append(id)
            case .text(let text):
                for word in BertNormalizer.words(text) {
                    for piece in pieces(of: word) {
                        if ids.count - 1 == budget { break segments }
                        ids.append(piece)
                    }
                }
            }
        }
        ids.append(vocabulary.separatorID)
        return TokenizedText(ids: ids)
    }

    private enum Segment {
        case text(String)
        case special(Int32)
    }

    /// Splits raw text around special tokens written verbatim (`[SEP]`, `[MASK]`…), which the
    /// reference maps to their ids before any normalisation.
    private func segments(of text: String) -> [Segment] {
        let scalars = Array(text.unicodeScalars)
        guard scalars.contains("[") else { return [.text(text)] }
        var result: [Segment] = []
        var pending = String.UnicodeScalarView()
        var index = 0
        scan: while index < scalars.count {
            if scalars[index] == "[" {
                for (token, id) in vocabulary.specialTokens where index + token.count <= scalars.count {
                    if zip(token, scalars[index...]).allSatisfy({ $0 == $1.value }) {
                        if !pending.isEmpty { result.append(.text(String(pending))) }
                        pending = String.UnicodeScalarView()
                        result.append(.special(id))
                        index += token.count
                        continue scan
                    }
                }
            }
            pending.append(scalars[index])
            index += 1
        }
        if !pending.isEmpty { result.append(.text(String(pending))) }
        return result
    }

    /// The word-piece ids of one normalized word.
    func pieces(of word: [UInt32]) -> [Int32] {
        if word.count > maxCharactersPerWord { return [vocabulary.unknownID] }
        var result: [Int32] = []
        var key: [UInt32] = []
        key.reserveCapacity(word.count + 2)
        var start = 0
        while start < word.count {
            var end = word.count
            var found: Int32?
            while start < end {
                key.removeAll(keepingCapacity: true)
                if start > 0 { key.append(contentsOf: Self.continuation) }
                key.append(contentsOf: word[start..<end])
                if let id = vocabulary.id(key) {
                    found = id
                    break
                }
                end -= 1
            }
            guard let id = found else { return [vocabulary.unknownID] }
            result.append(id)
            start = end
        }
        return result
    }
}
