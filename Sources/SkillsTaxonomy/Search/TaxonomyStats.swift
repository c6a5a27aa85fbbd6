/// Counts describing a loaded taxonomy, for `skillmatch taxonomy stats` and health endpoints.
public struct TaxonomyStats: Sendable, Codable, Equatable {
    public var skills: Int
    public var skillsByType: [String: Int]
    public var escoSkills: Int
    public var escoSkillsWithAltLabels: Int
    public var altLabels: Int
    public var customSkills: Int
    public var skillGroups: Int
    public var occupations: Int
    public var occupationsWithTasks: Int
    public var occupationsWithProfiles: Int
    public var tasks: Int
    public var occupationSkillRelations: Int
    public var skillRelations: Int
    public var wageRows: Int
    public var wageAreas: Int
    public var programCodes: Int
    public var programCrosswalkPairs: Int
    public var blockedPhrases: Int
    public var acronyms: Int

    public init(_ taxonomy: Taxonomy) {
        let escoPrefix = "http://data.europa.eu/esco/skill/"
        skills = taxonomy.skills.count
        skillsByType = Dictionary(grouping: taxonomy.skills, by: \.type.rawValue).mapValues(\.count)
        let esco = taxonomy.skills.filter { $0.id.hasPrefix(escoPrefix) }
        escoSkills = esco.count
        escoSkillsWithAltLabels = esco.filter { !$0.altLabels.isEmpty }.count
        altLabels = taxonomy.skills.reduce(0) { $0 + $1.altLabels.count }
        customSkills = taxonomy.skills.filter { $0.id.hasPrefix("custom:") }.count
        skillGroups = taxonomy.skillGroups.count
        occupations = taxonomy.occupations.count
        occupationsWithTasks = taxonomy.occupations.filter { !$0.tasks.isEmpty }.count
        occupationsWithProfiles = taxonomy.occupationProfiles.values.filter { !$0.isEmpty }.count
        tasks = taxonomy.occupations.reduce(0) { $0 + $1.tasks.count }
        occupationSkillRelations = taxonomy.occupationSkillRelations.count
        skillRelations = taxonomy.skillRelations.count
        wageRows = taxonomy.wages.rows.count
        wageAreas = taxonomy.wages.areas.count
        programCodes = taxonomy.programs.codes.count
        programCrosswalkPairs = taxonomy.programs.crosswalkCount
        blockedPhrases = taxonomy.blockedPhrases.count
        acronyms = taxonomy.acronyms.count
    }

    /// `name: value` lines for a terminal, in a fixed order.
    public var lines: [String] {
        var lines = ["skills: \(skills)"]
        for type in SkillType.allCases { lines.append("  \(type.rawValue): \(skillsByType[type.rawValue] ?? 0)") }
        lines += [
            "esco skills: \(escoSkills) (\(escoSkillsWithAltLabels) with alternative labels)",
            "alternative labels: \(altLabels)",
            "custom skills: \(customSkills)",
            "skill groups: \(skillGroups)",
            "occupations: \(occupations)",
            "  with tasks: \(occupationsWithTasks)",
            "  with skill profiles: \(occupationsWithProfiles)",
            "tasks: \(tasks)",
            "occupation-skill relations: \(occupationSkillRelations)",
            "skill-skill relations: \(skillRelations)",
            "wage rows: \(wageRows) (\(wageAreas) areas)",
            "program codes: \(programCodes) (\(programCrosswalkPairs) CIP-SOC pairs)",
            "blocked phrases: \(blockedPhrases)",
            "acronyms: \(acronyms)",
        ]
        return lines
    }
}

extension Taxonomy {
    /// Counts for `skillmatch taxonomy stats`.
    public var stats: TaxonomyStats { TaxonomyStats(self) }
}
