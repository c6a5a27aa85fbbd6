import Foundation

/// A WordPiece vocabulary: one token per line of `vocab.txt`, the line number is the id.
///
/// Tokens are keyed by their Unicode scalars, not by `String`, because Swift string equality is
/// canonical equivalence and would merge distinct vocabulary entries (e.g. CJK compatibility
/// ideographs and their unified forms).
public struct Vocabulary: Sendable {
    public let tokens: [String]
    private let ids: [[UInt32]: Int32]

    public let unknownID: Int32
    public let classifierID: Int32
    public let separatorID: Int32
    public let paddingID: Int32
    /// The special tokens matched verbatim in raw text (before normalisation), with their ids.
    public let specialTokens: [(scalars: [UInt32], id: Int32)]

    public var count: Int { tokens.count }

    /// Builds a vocabulary from its lines; `[UNK]`, `[CLS]`, `[SEP]` and `[PAD]` must be present.
    public init(tokens: [String]) throws {
        guard !tokens.isEmpty else {
            throw EncoderError(.invalidVocabulary, "the vocabulary is empty")
        }
        guard tokens.count < Int(Int32.max) else {
            throw EncoderError(.invalidVocabulary, "the vocabulary has too many entries (\(tokens.count))")
        }
        var ids: [[UInt32]: Int32] = [:]
        ids.reserveCapacity(tokens.count)
        // Later duplicates win, as in the reference tokenizer.
        for (index, token) in tokens.enumerated() {
            ids[token.unicodeScalars.map(\.value)] = Int32(index)
        }
        func special(_ token: String) throws -> Int32 {
            guard let id = ids[token.unicodeScalars.map(\.value)] else {
                throw EncoderError(.invalidVocabulary, "the vocabulary lacks the special token \(token)")
            }
            return id
        }
        self.tokens = tokens
        self.ids = ids
        self.unknownID = try special("[UNK]")
        self.classifierID = try special("[CLS]")
        self.separatorID = try special("[SEP]")
        self.paddingID = try special("[PAD]")
        self.specialTokens = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"].compactMap { token in
            let scalars = token.unicodeScalars.map(\.value)
            return ids[scalars].map { (scalars, $0) }
        }
    }

    /// Reads `vocab.txt` (UTF-8, one token per line).
    public init(contentsOf url: URL) throws {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw EncoderError(.invalidVocabulary, "vocabulary file not found: \(url.path)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw EncoderError(.invalidVocabulary, "\(url.path) is not UTF-8")
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
        }
        if lines.last == "" { lines.removeLast() }
        do {
            try self.init(tokens: lines)
        } catch let error as EncoderError {
            throw EncoderError(error.kind, "\(url.path): \(error.message)")
        }
    }

    /// The id of the token spelled by `scalars`, if any.
    @inlinable
    public func id(_ scalars: [UInt32]) -> Int32? { lookup(scalars) }

    @usableFromInline
    func lookup(_ scalars: [UInt32]) -> Int32? { ids[scalars] }

    /// The id of `token`, if any.
    public func id(_ token: String) -> Int32? { ids[token.unicodeScalars.map(\.value)] }
}
