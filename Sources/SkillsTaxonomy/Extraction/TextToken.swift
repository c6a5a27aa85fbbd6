/// Shape facts about a token and what separates it from the previous one.
struct TokenFlags: OptionSet, Sendable, Hashable {
    let rawValue: UInt8

    /// Strong punctuation (`.`, `;`, `(`, a line break…) precedes it: phrases never span it.
    static let breakBefore = TokenFlags(rawValue: 1)
    /// First token of a sentence, line or list item: its capital letter is no evidence.
    static let sentenceStart = TokenFlags(rawValue: 2)
    /// Starts with an upper-case letter.
    static let capitalized = TokenFlags(rawValue: 4)
    /// Every letter is upper case (`SQL`, `C`, `AWS`).
    static let allUpper = TokenFlags(rawValue: 8)
    /// Carries a tech-name symbol (`c++`, `c#`, `.net`, `node.js`, `r&d`).
    static let symbol = TokenFlags(rawValue: 16)
    /// Contains a digit.
    static let digit = TokenFlags(rawValue: 32)
}

/// One normalised word of a text or label: the hash of its lower-cased, stemmed form, where it
/// is in the text (Unicode scalar offsets, end exclusive) and its shape.
struct TextToken: Sendable, Hashable {
    var hash: UInt64
    /// Hash of the lower-cased word before stemming ("databases" ≠ "database").
    var surface: UInt64
    var start: Int
    var end: Int
    var flags: TokenFlags
    /// Letters in the token (1 for `C`, `R`, `C#`).
    var letters: Int
}
