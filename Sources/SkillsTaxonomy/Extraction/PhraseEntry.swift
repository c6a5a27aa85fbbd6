/// Where a dictionary phrase comes from; better kinds win when one phrase names several skills.
enum LabelKind: UInt8, Sendable, Comparable {
    /// The skill's preferred label.
    case preferred
    /// An operator alias or acronym.
    case custom
    /// An alternative label of the taxonomy that shares a word with the preferred label
    /// ("manage a team" for "lead a team"): a synonym.
    case alternative
    /// An alternative label sharing no word with the preferred label: often a narrower or
    /// related term ("agile" for "ICT project management methodologies", "bash" for
    /// "computer programming") rather than a synonym.
    case relatedAlternative
    /// Derived by rule from a label ("Java (computer programming)" → "Java").
    case derived

    static func < (a: LabelKind, b: LabelKind) -> Bool { a.rawValue < b.rawValue }
}

/// What a text mention must show before a phrase may name its skill.
enum MatchGuard: UInt8, Sendable {
    /// Nothing beyond the phrase itself.
    case none
    /// A one-word label that is a common word ("communication"): allowed, at lower confidence.
    case generic
    /// A capitalised name that is also a common word ("Go", "Swift"): the mention must be
    /// capitalised and in technical context.
    case capitalized
    /// An upper-case name that is also a common word ("LESS"): the mention must be upper case and
    /// in technical context.
    case upperCase
    /// A one-letter name (`C`, `R`): the mention must be upper case and in technical context.
    case oneLetter
}

/// One skill a phrase of the dictionary names.
struct PhraseEntry: Sendable, Hashable {
    var skill: SkillIndex
    var kind: LabelKind
    var guardRule: MatchGuard
    /// For one-word phrases: the unstemmed word's hash, so a mention in another inflection
    /// ("crafted" for "crafting") can score lower. 0 for longer phrases.
    var surface: UInt64 = 0
    /// A second spelling among the skill's labels for the same phrase ("weld" and "welding" both
    /// label "operate welding equipment"): a mention written either way is no other inflection.
    var otherSurface: UInt64 = 0
    /// For one-word phrases: the label is written in lower case (a common noun, not a name).
    var lowerCaseLabel = false

    /// The mention's unstemmed word is written as one of the labels (always true for longer phrases).
    func hasSurface(_ word: UInt64) -> Bool { surface == 0 || surface == word || otherSurface == word }
}
