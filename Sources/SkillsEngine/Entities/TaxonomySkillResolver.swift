import SkillsIngestion
import SkillsSemantic
import SkillsTaxonomy

/// Resolves what documents say about skills against the shipped taxonomy.
///
/// Order: the id/URI (`targetUrl`, `termCode`); then the label or code as a preferred or
/// alternative label, compared case- and space-insensitively; else nothing (the draft resolver
/// then runs the label through the extractor). Free text goes through the lexical extractor, and
/// through the semantic one too when it is given (lexical hits keep priority).
public struct TaxonomySkillResolver: SkillResolver {
    public let taxonomy: Taxonomy
    public let extractor: SkillExtractor
    public let semantic: SemanticSkillExtractor?
    private let byLabel: [String: SkillIndex]

    public init(taxonomy: Taxonomy, extractor: SkillExtractor, semantic: SemanticSkillExtractor? = nil) {
        self.taxonomy = taxonomy
        self.extractor = extractor
        self.semantic = semantic
        var byLabel: [String: SkillIndex] = [:]
        // Alternative labels first so a preferred label always wins a collision.
        for (position, skill) in taxonomy.skills.enumerated() {
            for alt in skill.altLabels { byLabel[Self.key(alt)] = byLabel[Self.key(alt)] ?? SkillIndex(position) }
        }
        for (position, skill) in taxonomy.skills.enumerated() { byLabel[Self.key(skill.label)] = SkillIndex(position) }
        self.byLabel = byLabel
    }

    public func resolve(_ reference: SkillReference) -> Int32? {
        for candidate in [reference.id, reference.code].compactMap({ $0 }) {
            if let index = taxonomy.index(of: candidate) { return index }
        }
        for text in [reference.label, reference.code].compactMap({ $0 }) {
            if let index = byLabel[Self.key(text)] { return index }
        }
        return nil
    }

    public func extract(_ text: String) -> [(skill: Int32, confidence: Double)] {
        let lexical = extractor.extract(text)
        // An encoder failure on one text (it has none short of memory) leaves the lexical hits.
        let hits = semantic.flatMap { try? $0.extract(text, mergingWith: lexical) } ?? lexical
        return hits.map { ($0.skill, $0.confidence) }
    }

    static func key(_ label: String) -> String {
        label.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
