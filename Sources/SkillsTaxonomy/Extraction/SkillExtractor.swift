/// Finds taxonomy skills in free text: job postings, résumé lines, programme descriptions.
///
/// Built once from a skill list (plus operator extensions in ``ExtractionOptions``) into a
/// ``PhraseDictionary``; ``extract(_:)`` is then linear in the text's length, allocates only in
/// proportion to the text, and is safe to call from many threads at once.
///
/// Confidence of a mention is the product of:
/// - the label kind: preferred 0.90, operator alias 0.85, alternative 0.80 (also the preferred
///   label without its parenthesised qualifier, and upper-case acronyms), alternative sharing no
///   word with the preferred label 0.66, derived 0.70 (noun-phrase readings and the objects of
///   light-verb labels: "arc welding" for "apply arc welding techniques");
/// - length: one-word phrases × 0.85, and a further × 0.85 when the word is inflected otherwise
///   than every label of the skill with that phrase ("crafted" for "crafting") or capitalised
///   inside a sentence that is not title-cased while the label is a lower-case common noun ("the
///   Electricity Sales team": part of a name);
/// - generic one-word preferred labels ("communication") × 0.65;
/// - ambiguity: a phrase naming k skills gives each × 1/√k;
/// - acronym evidence: an upper-case label written in upper case × 1.1, and technical context
///   for one-word technology or knowledge names × 1.05;
/// - boilerplate sections × ``ExtractionOptions/boilerplateWeight``.
/// A skill mentioned m times gets 1 − (1 − best) · 0.85^(m−1). Overlapping phrases: the longest
/// phrase whose confidence reaches the threshold wins; phrases below it do not hide nested ones.
public struct SkillExtractor: Sendable {
    public let options: ExtractionOptions
    let skills: [Skill]
    let types: [SkillType]
    let dictionary: PhraseDictionary
    let boilerplate = BoilerplateDetector()
    let context = TechnicalContext()

    /// Number of phrases (trie nodes) in the dictionary, for diagnostics.
    public var phraseNodeCount: Int { dictionary.nodeCount }

    /// Builds the dictionary from `skills` (their positions are the ``SkillIndex`` values).
    /// Throws ``ExtractionError`` for invalid options or aliases naming unknown skills.
    public init(skills: [Skill], options: ExtractionOptions = ExtractionOptions()) throws {
        try options.validate()
        self.options = options
        self.skills = skills
        self.types = skills.map(\.type)
        var common = CommonWords.english
        for word in options.extraCommonWords { common.insert(word.lowercased()) }
        var builder = DictionaryBuilder(
            commonWords: Set(common.map(BoilerplateDetector.hash)), maximumTokens: options.maximumPhraseTokens)
        var indexByID: [String: SkillIndex] = [:]
        for (i, skill) in skills.enumerated() {
            let index = SkillIndex(i)
            indexByID[skill.id] = index
            let preferredWords = builder.add(
                skill.label, skill: index, kind: .preferred, type: skill.type, derive: options.deriveVariants)
            for alt in skill.altLabels {
                builder.add(
                    alt, skill: index, kind: .alternative, type: skill.type, derive: options.deriveVariants,
                    preferredWords: preferredWords)
            }
        }
        for alias in options.aliases {
            guard let index = indexByID[alias.skillID] else {
                throw ExtractionError("alias \"\(alias.phrase)\" names unknown skill id \(alias.skillID)")
            }
            guard !builder.add(alias.phrase, skill: index, kind: .custom, type: skills[Int(index)].type, derive: false).isEmpty
            else { throw ExtractionError("alias for \(alias.skillID) has no words: \"\(alias.phrase)\"") }
        }
        for phrase in options.blockedPhrases {
            guard builder.block(phrase) else { throw ExtractionError("blocked phrase has no words: \"\(phrase)\"") }
        }
        var dictionary = builder.dictionary
        dictionary.finalize(types: types)
        self.dictionary = dictionary
    }

    /// Skills found in `text`, highest confidence first. Never fails: empty or meaningless text
    /// gives an empty list.
    public func extract(_ text: String) -> [ExtractedSkill] {
        var tokens: [TextToken] = []
        TextTokenizer.tokenize(text, into: &tokens)
        return extract(tokens: tokens)
    }

    /// Skills found in UTF-8 bytes (a request body, a file). Malformed sequences are repaired
    /// as `String(decoding: bytes, as: UTF8.self)` does, and spans are offsets into that string.
    public func extract(utf8 bytes: some Collection<UInt8>) -> [ExtractedSkill] {
        extract(String(decoding: bytes, as: UTF8.self))
    }

    private func extract(tokens: [TextToken]) -> [ExtractedSkill] {
        guard !tokens.isEmpty else { return [] }
        var pass = ExtractionPass(extractor: self, tokens: tokens)
        return pass.run()
    }
}

/// Turns labels into dictionary phrases with their guards.
private struct DictionaryBuilder {
    var dictionary = PhraseDictionary()
    let commonWords: Set<UInt64>
    let maximumTokens: Int
    private var tokens: [TextToken] = []

    init(commonWords: Set<UInt64>, maximumTokens: Int) {
        self.commonWords = commonWords
        self.maximumTokens = maximumTokens
    }

    /// Adds a label and returns its words (empty when it has none). An alternative label that
    /// shares no word with `preferredWords` becomes a ``LabelKind/relatedAlternative``, unless it
    /// is an acronym ("CPR" for "resuscitation"): an abbreviation shares no word with what it
    /// abbreviates.
    @discardableResult
    mutating func add(
        _ label: String, skill: SkillIndex, kind: LabelKind, type: SkillType, derive: Bool,
        preferredWords: [UInt64] = []
    ) -> [UInt64] {
        tokens.removeAll(keepingCapacity: true)
        TextTokenizer.tokenize(label, into: &tokens)
        let words = tokens.map(\.hash)
        guard !tokens.isEmpty else { return [] }
        guard tokens.count <= maximumTokens else { return words }
        let guardRule = guardRule(for: tokens, type: type)
        var kind = kind
        if kind == .alternative, !preferredWords.isEmpty, !words.contains(where: preferredWords.contains) {
            // Two-letter upper-case labels ("IC", "RE", "ST") are too ambiguous to count as acronyms.
            let acronym = tokens.count == 1 && tokens[0].flags.contains(.allUpper) && tokens[0].letters >= 3
                && guardRule == .none
            if !acronym { kind = .relatedAlternative }
        }
        var entry = PhraseEntry(skill: skill, kind: kind, guardRule: guardRule)
        if tokens.count == 1 {
            entry.surface = tokens[0].surface
            entry.lowerCaseLabel = !tokens[0].flags.contains(.capitalized) && !tokens[0].flags.contains(.symbol)
        }
        dictionary.add(entry, at: dictionary.insert(words))
        guard derive else { return words }
        if let nominal = LabelVariants.nominalised(tokens, type: type) {
            dictionary.add(PhraseEntry(skill: skill, kind: .derived, guardRule: .none), at: dictionary.insert(nominal))
        }
        // Only the preferred label's object: alternative labels are often loose ("execute arc
        // welding operations" for "perform metal active gas welding").
        for object in kind == .preferred ? LabelVariants.objectPhrases(tokens, type: type) : [] {
            dictionary.add(PhraseEntry(skill: skill, kind: .derived, guardRule: .none), at: dictionary.insert(object))
        }
        if let short = LabelVariants.withoutQualifier(label) {
            // The qualifier only disambiguates the preferred label: "Java" is that skill's name.
            add(short, skill: skill, kind: kind == .preferred ? .alternative : .derived, type: type, derive: false)
        }
        return words
    }

    mutating func block(_ phrase: String) -> Bool {
        tokens.removeAll(keepingCapacity: true)
        TextTokenizer.tokenize(phrase, into: &tokens)
        guard !tokens.isEmpty else { return false }
        dictionary.block(dictionary.insert(tokens.map(\.hash)))
        return true
    }

    private func guardRule(for tokens: [TextToken], type: SkillType) -> MatchGuard {
        if tokens.count > 1 {
            // A product named by common words only ("Adapt It", "Time Clock") needs its capitals.
            let allCommon = tokens.allSatisfy { commonWords.contains($0.hash) }
            return type == .technology && allCommon && tokens[0].flags.contains(.capitalized) ? .capitalized : .none
        }
        guard let token = tokens.first else { return .none }
        if token.letters == 1 && token.flags.isDisjoint(with: [.symbol, .digit]) { return .oneLetter }
        guard commonWords.contains(token.hash) else { return .none }
        if token.flags.contains(.allUpper) && token.letters > 1 { return .upperCase }
        if token.flags.contains(.capitalized) { return .capitalized }
        return .generic
    }
}
