/// What a skill concept is, following ESCO's split plus O*NET technology names.
public enum SkillType: String, Sendable, Codable, CaseIterable {
    /// ESCO `skill/competence`: something a person can do.
    case skill
    /// ESCO `knowledge`: something a person knows.
    case knowledge
    /// A named tool, language or product (O*NET technology skills, e.g. "PostgreSQL").
    case technology
}

/// One concept of the skills taxonomy.
///
/// `id` is stable and external: the ESCO URI for ESCO skills
/// (`http://data.europa.eu/esco/skill/…`), `onet-tech:<slug>` for O*NET technology skills and
/// `custom:<slug>` for operator extensions. Inside the engine a skill is addressed by its dense
/// ``SkillIndex`` (its position in ``Taxonomy/skills``).
public struct Skill: Sendable, Hashable {
    public var id: String
    public var label: String
    /// Every alternative label (ESCO `altLabels`), without the preferred label.
    public var altLabels: [String]
    public var type: SkillType
    /// Ids of broader concepts: ESCO skill groups (`…/isced-f/…`, `…/skill/S1.2…`) or skills.
    public var broader: [String]
    public var description: String

    public init(
        id: String, label: String, altLabels: [String] = [], type: SkillType, broader: [String] = [],
        description: String = ""
    ) {
        self.id = id
        self.label = label
        self.altLabels = altLabels
        self.type = type
        self.broader = broader
        self.description = description
    }
}

/// Dense position of a skill in ``Taxonomy/skills``; what postings and vectors are keyed by.
public typealias SkillIndex = Int32
