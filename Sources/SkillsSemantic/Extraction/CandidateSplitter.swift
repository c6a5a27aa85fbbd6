// SPDX-License-Identifier: Apache-2.0
/// Cuts a text into ``CandidatePhrase``s: sentences (ended by `. ! ? ; :`, line breaks, bullets),
/// clauses inside them (cut at commas, brackets, quotes and spaced dashes) and word n-grams inside
/// clauses. No candidate starts or ends with a function word ("solving business problems", not
/// "problems through"; the clause "with your team" is "team").
///
/// Words are runs of letters, digits, `+` and `#`, joined by `. & ' - / _` between two such
/// characters (`Node.js`, `CI/CD`, `problem-solving` are one word). Offsets are Unicode scalars.
public struct CandidateSplitter: Sendable, Hashable {
    /// Shortest and longest n-gram, in words.
    public var ngramWords: ClosedRange<Int>
    /// Emit each clause of 2… `maximumClauseWords` words (when not already an n-gram).
    public var clauses: Bool
    /// Emit each sentence of 2… `maximumSentenceWords` words (when not already a clause or n-gram).
    public var sentences: Bool
    public var maximumClauseWords: Int
    public var maximumSentenceWords: Int

    public init(
        ngramWords: ClosedRange<Int> = 1...8, clauses: Bool = false, sentences: Bool = false,
        maximumClauseWords: Int = 16, maximumSentenceWords: Int = 40
    ) {
        self.ngramWords = ngramWords
        self.clauses = clauses
        self.sentences = sentences
        self.maximumClauseWords = maximumClauseWords
        self.maximumSentenceWords = maximumSentenceWords
    }

    /// The candidates of `text`, sentence by sentence; within a sentence n-grams (by start, then
    /// length), then clauses, then the sentence. Each span appears once.
    public func split(_ text: String) -> [CandidatePhrase] {
        let scalars = Array(text.unicodeScalars)
        var result: [CandidatePhrase] = []
        var seen = Set<Range<Int>>()
        func emit(_ words: ArraySlice<Word>, sentence: Int, kind: CandidatePhrase.Kind) {
            guard let first = words.first, let last = words.last else { return }
            let span = first.range.lowerBound..<last.range.upperBound
            guard seen.insert(span).inserted else { return }
            var piece = String.UnicodeScalarView()
            piece.append(contentsOf: scalars[span])
            result.append(CandidatePhrase(text: String(piece), span: span, sentence: sentence, kind: kind, words: words.count))
        }
        for (s, sentence) in Self.sentences(scalars).enumerated() {
            for clause in sentence {
                for start in clause.indices where !clause[start].isFunctionWord {
                    for length in ngramWords where start + length <= clause.endIndex {
                        let last = clause[start + length - 1]
                        // One-letter words are noise ("C", "R"), symbol names are not ("C++").
                        if last.isFunctionWord || (length == 1 && last.range.count < 2) { continue }
                        emit(clause[start..<start + length], sentence: s, kind: .ngram)
                    }
                }
                let trimmed = Self.trimmed(clause[...])
                if clauses, (2...max(2, maximumClauseWords)).contains(trimmed.count) {
                    emit(trimmed, sentence: s, kind: .clause)
                }
            }
            let words = Self.trimmed(sentence.flatMap { $0 }[...])
            if sentences, (2...max(2, maximumSentenceWords)).contains(words.count) {
                emit(words, sentence: s, kind: .sentence)
            }
        }
        return result
    }

    /// The sentences of `text` (every one, whatever its length), `sentence` numbered as in ``split(_:)``:
    /// the context a candidate's hits are weighed against.
    public func sentenceContexts(_ text: String) -> [CandidatePhrase] {
        let scalars = Array(text.unicodeScalars)
        return Self.sentences(scalars).enumerated().map { (s, clauses) in
            let words = clauses.flatMap { $0 }
            let span = words[0].range.lowerBound..<words[words.count - 1].range.upperBound
            var piece = String.UnicodeScalarView()
            piece.append(contentsOf: scalars[span])
            return CandidatePhrase(text: String(piece), span: span, sentence: s, kind: .sentence, words: words.count)
        }
    }

    /// Words without leading and trailing function words.
    static func trimmed(_ words: ArraySlice<Word>) -> ArraySlice<Word> {
        var words = words
        while words.first?.isFunctionWord == true { words.removeFirst() }
        while words.last?.isFunctionWord == true { words.removeLast() }
        return words
    }

    struct Word {
        var range: Range<Int>
        var isFunctionWord: Bool
    }

    /// Sentences as lists of clauses as lists of words.
    static func sentences(_ scalars: [Unicode.Scalar]) -> [[[Word]]] {
        var sentences: [[[Word]]] = []
        var clauses: [[Word]] = []
        var words: [Word] = []
        var start = -1
        var lowered = ""
        func endWord(at end: Int) {
            guard start >= 0 else { return }
            words.append(Word(range: start..<end, isFunctionWord: functionWords.contains(lowered)))
            start = -1
            lowered = ""
        }
        func endClause() {
            if !words.isEmpty { clauses.append(words) }
            words = []
        }
        func endSentence() {
            endClause()
            if !clauses.isEmpty { sentences.append(clauses) }
            clauses = []
        }
        for (i, scalar) in scalars.enumerated() {
            let next = i + 1 < scalars.count ? scalars[i + 1] : " "
            if isWordCharacter(scalar) {
                if start < 0 { start = i }
                lowered += scalar.properties.lowercaseMapping
                continue
            }
            if start >= 0, "._&'-/\u{2019}".unicodeScalars.contains(scalar), isWordCharacter(next) {
                lowered.unicodeScalars.append(scalar)
                continue
            }
            endWord(at: i)
            switch scalar {
            case ".", "!", "?", ";", ":", "\n", "\r", "\u{2022}", "\u{00B7}", "\u{25AA}", "\u{25CF}", "|", "*",
                "\u{2026}", "\u{3002}":
                endSentence()
            case ",", "(", ")", "[", "]", "{", "}", "\"", "\u{201C}", "\u{201D}", "\u{2013}", "\u{2014}", "<", ">":
                endClause()
            case "-" where i > 0 && scalars[i - 1].properties.isWhitespace:
                endClause()  // " - " is a dash, not a hyphen
            default:
                break
            }
        }
        endWord(at: scalars.count)
        endSentence()
        return sentences
    }

    static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil || scalar == "+" || scalar == "#"
    }

    /// Words that never start or end a skill phrase: articles, pronouns, prepositions,
    /// conjunctions, auxiliaries and the filler of job ads.
    static let functionWords: Set<String> = [
        "a", "an", "the", "and", "or", "nor", "but", "of", "to", "in", "on", "at", "by", "for", "with", "from",
        "into", "onto", "over", "under", "about", "as", "than", "via", "per", "within", "across", "through",
        "around", "between", "among", "including", "such", "like", "is", "are", "was", "were", "be", "been",
        "being", "am", "do", "does", "did", "have", "has", "had", "will", "would", "shall", "should", "can",
        "could", "may", "might", "must", "we", "you", "your", "yours", "our", "ours", "us", "they", "them",
        "their", "it", "its", "he", "she", "his", "her", "i", "me", "my", "this", "that", "these", "those",
        "which", "who", "whom", "what", "where", "when", "how", "why", "all", "any", "each", "every", "some",
        "other", "more", "most", "very", "also", "well", "not", "no", "so", "if", "then", "there", "here",
        "etc", "e.g", "i.e", "plus", "one", "two", "three", "able", "ability", "strong", "good", "excellent",
        "experience", "knowledge", "understanding", "skills", "skill", "proven", "demonstrated", "required",
        "preferred", "years", "year", "new", "highly", "both", "either", "just", "own",
    ]
}
