// SPDX-License-Identifier: Apache-2.0
/// A piece of a text that may name a skill: a word n-gram, a clause or a whole sentence.
public struct CandidatePhrase: Sendable, Hashable {
    /// What kind of piece it is.
    public enum Kind: String, Sendable, Hashable {
        /// Consecutive words inside one clause, neither first nor last a function word.
        case ngram
        /// The words between commas, brackets or dashes.
        case clause
        /// The words between sentence ends, line breaks or bullets.
        case sentence
    }

    /// The text as written (from the first word's start to the last word's end).
    public var text: String
    /// Half-open Unicode scalar offsets into the source text.
    public var span: Range<Int>
    /// Index of the sentence holding it (0-based, in text order).
    public var sentence: Int
    public var kind: Kind
    /// Number of words.
    public var words: Int

    public init(text: String, span: Range<Int>, sentence: Int, kind: Kind, words: Int) {
        self.text = text
        self.span = span
        self.sentence = sentence
        self.kind = kind
        self.words = words
    }
}
