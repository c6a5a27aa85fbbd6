extension SkillExtractor {
    /// Builds the extractor over a loaded taxonomy, adding its operator extensions (blocked
    /// phrases and acronyms) to `options`. ``SkillIndex`` values are the taxonomy's.
    public init(taxonomy: Taxonomy, options: ExtractionOptions = ExtractionOptions()) throws {
        var options = options
        options.blockedPhrases += taxonomy.blockedPhrases.sorted()
        for (acronym, indices) in taxonomy.acronyms.sorted(by: { $0.key < $1.key }) {
            for index in indices {
                options.aliases.append(ExtractionAlias(skillID: taxonomy[index].id, phrase: acronym))
            }
        }
        try self.init(skills: taxonomy.skills, options: options)
    }
}
