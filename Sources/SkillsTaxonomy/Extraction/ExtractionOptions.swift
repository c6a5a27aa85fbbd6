/// An extra phrase that names a skill (operator extension: alias or acronym).
public struct ExtractionAlias: Sendable, Hashable {
    /// Id of the skill the phrase names (`http://data.europa.eu/esco/skill/…`, `onet-tech:…`).
    public var skillID: String
    public var phrase: String

    public init(skillID: String, phrase: String) {
        self.skillID = skillID
        self.phrase = phrase
    }
}

/// Typed configuration of a ``SkillExtractor``. Defaults are the tuned values; ``validate()``
/// rejects values out of range with a precise message.
public struct ExtractionOptions: Sendable, Hashable {
    /// Skills scoring below this are not returned (0…1).
    public var minimumConfidence: Double
    /// Longest phrase, in tokens, the dictionary holds; longer labels are skipped (1…32).
    public var maximumPhraseTokens: Int
    /// Phrases that must never produce a skill. A blocked phrase also hides the shorter phrases
    /// nested in it ("equal opportunity employer" hides "employer").
    public var blockedPhrases: [String]
    /// Extra names for existing skills (aliases, acronyms).
    public var aliases: [ExtractionAlias]
    /// Words treated as generic on top of the built-in list (see ``CommonWords``).
    public var extraCommonWords: [String]
    /// Multiplier for confidences inside boilerplate (EEO statements, benefits, privacy) (0…1).
    public var boilerplateWeight: Double
    /// Also derive names from labels: "Java (computer programming)" → "Java",
    /// "solve problems" → "problem solving". Derived names score lower than real labels.
    public var deriveVariants: Bool

    public init(
        minimumConfidence: Double = 0.67, maximumPhraseTokens: Int = 12, blockedPhrases: [String] = [],
        aliases: [ExtractionAlias] = [], extraCommonWords: [String] = [], boilerplateWeight: Double = 0.25,
        deriveVariants: Bool = true
    ) {
        self.minimumConfidence = minimumConfidence
        self.maximumPhraseTokens = maximumPhraseTokens
        self.blockedPhrases = blockedPhrases
        self.aliases = aliases
        self.extraCommonWords = extraCommonWords
        self.boilerplateWeight = boilerplateWeight
        self.deriveVariants = deriveVariants
    }

    /// Throws ``ExtractionError`` naming the first invalid option.
    public func validate() throws {
        guard minimumConfidence.isFinite, (0...1).contains(minimumConfidence) else {
            throw ExtractionError("minimumConfidence must be within 0...1, got \(minimumConfidence)")
        }
        guard (1...32).contains(maximumPhraseTokens) else {
            throw ExtractionError("maximumPhraseTokens must be within 1...32, got \(maximumPhraseTokens)")
        }
        guard boilerplateWeight.isFinite, (0...1).contains(boilerplateWeight) else {
            throw ExtractionError("boilerplateWeight must be within 0...1, got \(boilerplateWeight)")
        }
    }
}
