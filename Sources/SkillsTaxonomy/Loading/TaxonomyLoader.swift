import Foundation

/// Reads the shipped on-disk taxonomy (`Taxonomies/`, format described in its README.md).
///
/// Only `skills.tsv` is required; the other files are read when present, so a folder holding
/// just skills (a test, a custom build) loads too. Every error names the file and line.
public enum TaxonomyLoader {
    /// The files of format version 1.
    public enum File {
        public static let skills = "skills.tsv"
        public static let skillGroups = "skill_groups.tsv"
        public static let occupations = "occupations.tsv"
        public static let tasks = "occupation_tasks.tsv"
        public static let workActivities = "work_activities.tsv"
        public static let occupationSkills = "occupation_skills.tsv"
        public static let profiles = "occupation_profiles.tsv"
        public static let wageAreas = "wage_areas.tsv"
        public static let wageOccupations = "wage_occupations.tsv"
        public static let wages = "wages.tsv"
        public static let manifest = "manifest.json"
    }

    /// Loads the taxonomy in `directory`, then applies the operator extension file, if given.
    public static func load(directory: URL, extensions: URL? = nil) throws -> Taxonomy {
        func url(_ name: String) -> URL { directory.appendingPathComponent(name) }
        func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: url(name).path) }

        guard exists(File.skills) else {
            throw TaxonomyError(.missingFile, file: File.skills, "no \(File.skills) in \(directory.path)")
        }
        let skills = try readSkills(TSVTable(contentsOf: url(File.skills)))
        let groups = exists(File.skillGroups) ? try readGroups(TSVTable(contentsOf: url(File.skillGroups))) : []
        var taxonomy = try Taxonomy(skills: skills, skillGroups: groups)

        if exists(File.occupations) {
            var occupations = try OccupationFiles.readOccupations(TSVTable(contentsOf: url(File.occupations)))
            if exists(File.tasks) {
                let activities = exists(File.workActivities)
                    ? try OccupationFiles.readWorkActivities(TSVTable(contentsOf: url(File.workActivities))) : [:]
                try OccupationFiles.readTasks(
                    TSVTable(contentsOf: url(File.tasks)), workActivities: activities, into: &occupations)
            }
            var relations: [OccupationSkillRelation] = []
            if exists(File.occupationSkills) {
                relations = try OccupationFiles.readOccupationSkills(
                    TSVTable(contentsOf: url(File.occupationSkills)), taxonomy: taxonomy, into: &occupations)
            }
            try taxonomy.setOccupations(occupations)
            taxonomy.occupationSkillRelations = relations
        }
        if exists(File.profiles) {
            taxonomy.occupationProfiles = try OccupationFiles.readProfiles(
                TSVTable(contentsOf: url(File.profiles)), taxonomy: taxonomy)
        }
        if exists(File.wages) {
            let areas = exists(File.wageAreas) ? try WageFiles.readAreas(TSVTable(contentsOf: url(File.wageAreas))) : []
            let titles = exists(File.wageOccupations)
                ? try WageFiles.readOccupationTitles(TSVTable(contentsOf: url(File.wageOccupations))) : [:]
            taxonomy.wages = try WageFiles.readWages(TSVTable(contentsOf: url(File.wages)), areas: areas, titles: titles)
        }
        if let extensions {
            try TaxonomyExtensions.load(contentsOf: extensions).apply(to: &taxonomy)
        }
        return taxonomy
    }

    static func readSkills(_ table: TSVTable) throws -> [Skill] {
        let id = try table.column("id"), type = try table.column("type"), label = try table.column("label")
        let alt = try table.column("alt_labels"), broader = try table.column("broader")
        let description = try table.column("description")
        var skills: [Skill] = []
        var seen: Set<String> = []
        try table.forEachRow { line, fields in
            guard !fields[id].isEmpty else {
                throw TaxonomyError(.invalidValue, file: table.file, line: line, "empty id")
            }
            guard let skillType = SkillType(rawValue: fields[type]) else {
                throw TaxonomyError(
                    .invalidValue, file: table.file, line: line,
                    "unknown type \"\(fields[type])\" (expected skill, knowledge or technology)")
            }
            guard !fields[label].isEmpty else {
                throw TaxonomyError(.invalidValue, file: table.file, line: line, "empty label for \(fields[id])")
            }
            guard seen.insert(fields[id]).inserted else {
                throw TaxonomyError(.duplicateID, file: table.file, line: line, "duplicate id \(fields[id])")
            }
            skills.append(
                Skill(
                    id: fields[id], label: fields[label], altLabels: fields[alt].pipeList, type: skillType,
                    broader: fields[broader].pipeList, description: fields[description]))
        }
        return skills
    }

    static func readGroups(_ table: TSVTable) throws -> [SkillGroup] {
        let id = try table.column("id"), code = try table.column("code"), level = try table.column("level")
        let label = try table.column("label"), broader = try table.column("broader")
        var groups: [SkillGroup] = []
        var seen: Set<String> = []
        try table.forEachRow { line, fields in
            guard let depth = Int(fields[level]), (0...3).contains(depth) else {
                throw TaxonomyError(.invalidValue, file: table.file, line: line, "level \"\(fields[level])\" is not 0–3")
            }
            guard !fields[id].isEmpty, seen.insert(fields[id]).inserted else {
                throw TaxonomyError(.duplicateID, file: table.file, line: line, "empty or duplicate id \(fields[id])")
            }
            groups.append(
                SkillGroup(
                    id: fields[id], code: fields[code], level: depth, label: fields[label],
                    broader: fields[broader].pipeList))
        }
        return groups
    }
}
