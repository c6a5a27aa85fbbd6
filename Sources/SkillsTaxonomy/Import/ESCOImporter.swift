import Foundation

/// Imports the official ESCO CSV download (v1.1.x, English): the classification zip and the
/// relations zip, or the folder(s) they were unpacked into.
///
/// Yields skills (URIs, preferred and every alternative label, skill/knowledge type,
/// description, broader concepts), the skill groups of the hierarchy, occupations with their
/// essential and optional skills, and skill–skill relations.
public enum ESCOImporter {
    /// Imports from any mix of zip files and folders.
    public static func importTaxonomy(from urls: [URL]) throws -> Taxonomy {
        try importTaxonomy(source: ImportSource(urls))
    }

    static func importTaxonomy(source: ImportSource) throws -> Taxonomy {
        var skills = try readSkills(source.csv("skills_en.csv")!)
        var groups = try source.csv("skillGroups_en.csv", required: false).map(readGroups) ?? []
        if let broader = try source.csv("broaderRelationsSkillPillar.csv", required: false) {
            try applyBroader(broader, skills: &skills, groups: &groups)
        }
        if let hierarchy = try source.csv("skillsHierarchy_en.csv", required: false, padShortRows: true) {
            try applyLevels(hierarchy, groups: &groups)
        }
        let occupationsTable = try source.csv("occupations_en.csv", required: false)
        let occupations = try occupationsTable.map(readOccupations) ?? []
        var taxonomy = try Taxonomy(skills: skills, skillGroups: groups, occupations: occupations)

        if let relations = try source.csv("occupationSkillRelations.csv", required: false) {
            try applyOccupationSkills(relations, to: &taxonomy)
        }
        if let relations = try source.csv("skillSkillRelations.csv", required: false) {
            taxonomy.skillRelations = try readSkillRelations(relations, taxonomy: taxonomy)
        }
        return taxonomy
    }

    /// ESCO list fields put one value per line.
    static func lines(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static func readSkills(_ table: CSVTable) throws -> [Skill] {
        let uri = try table.column("conceptUri"), type = try table.column("skillType")
        let label = try table.column("preferredLabel"), alt = try table.column("altLabels")
        let description = try table.column("description")
        var seen: Set<String> = []
        return try zip(table.rows, table.lines).map { row, line in
            guard !row[uri].isEmpty, seen.insert(row[uri]).inserted else {
                throw TaxonomyError(.duplicateID, file: table.file, line: line, "empty or duplicate conceptUri \(row[uri])")
            }
            let skillType: SkillType
            switch row[type] {
            case "knowledge": skillType = .knowledge
            case "skill/competence", "": skillType = .skill  // six v1.1.1 skills have no type
            default:
                throw TaxonomyError(.invalidValue, file: table.file, line: line, "unknown skillType \"\(row[type])\"")
            }
            let preferred = row[label].trimmingCharacters(in: .whitespaces)
            var altLabels: [String] = []
            for candidate in lines(row[alt]) where candidate != preferred && !altLabels.contains(candidate) {
                altLabels.append(candidate)
            }
            return Skill(
                id: row[uri], label: preferred, altLabels: altLabels, type: skillType,
                description: row[description].trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    static func readGroups(_ table: CSVTable) throws -> [SkillGroup] {
        let uri = try table.column("conceptUri"), label = try table.column("preferredLabel")
        let code = try table.column("code"), description = try table.column("description")
        return table.rows.map { row in
            SkillGroup(
                id: row[uri], code: row[code], level: 0, label: row[label],
                description: row[description].trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    static func applyBroader(_ table: CSVTable, skills: inout [Skill], groups: inout [SkillGroup]) throws {
        let concept = try table.column("conceptUri"), broader = try table.column("broaderUri")
        let skillAt = Dictionary(uniqueKeysWithValues: skills.enumerated().map { ($1.id, $0) })
        let groupAt = Dictionary(uniqueKeysWithValues: groups.enumerated().map { ($1.id, $0) })
        for row in table.rows {
            if let index = skillAt[row[concept]] {
                skills[index].broader.append(row[broader])
            } else if let index = groupAt[row[concept]] {
                groups[index].broader.append(row[broader])
            }
            // v1.1.1 lists a few relations of concepts outside the released skills; they are skipped.
        }
    }

    /// Levels 0–3 from `skillsHierarchy_en.csv` (columns `Level N URI`).
    static func applyLevels(_ table: CSVTable, groups: inout [SkillGroup]) throws {
        let columns = try (0...3).map { try table.column("Level \($0) URI") }
        var level: [String: Int] = [:]
        for row in table.rows {
            for (depth, column) in columns.enumerated() where !row[column].isEmpty { level[row[column]] = depth }
        }
        for index in groups.indices { groups[index].level = level[groups[index].id] ?? groups[index].level }
    }

    static func readOccupations(_ table: CSVTable) throws -> [Occupation] {
        let uri = try table.column("conceptUri"), label = try table.column("preferredLabel")
        let alt = try table.column("altLabels"), description = try table.column("description")
        let isco = try table.column("iscoGroup")
        return table.rows.map { row in
            Occupation(
                id: row[uri], title: row[label], description: row[description].trimmingCharacters(in: .whitespacesAndNewlines),
                iscoGroup: row[isco], alternateTitles: lines(row[alt]).filter { $0 != row[label] })
        }
    }

    static func applyOccupationSkills(_ table: CSVTable, to taxonomy: inout Taxonomy) throws {
        let occupation = try table.column("occupationUri"), type = try table.column("relationType")
        let skill = try table.column("skillUri")
        var occupations = taxonomy.occupations
        let position = Dictionary(uniqueKeysWithValues: occupations.enumerated().map { ($1.id, $0) })
        var relations: [OccupationSkillRelation] = []
        relations.reserveCapacity(table.rows.count)
        for (row, line) in zip(table.rows, table.lines) {
            guard let skillIndex = taxonomy.index(of: row[skill]) else {
                throw TaxonomyError(.unknownReference, file: table.file, line: line, "unknown skill \(row[skill])")
            }
            guard row[type] == "essential" || row[type] == "optional" else {
                throw TaxonomyError(.invalidValue, file: table.file, line: line, "unknown relationType \"\(row[type])\"")
            }
            relations.append(OccupationSkillRelation(occupationID: row[occupation], skill: skillIndex, type: row[type]))
            if let index = position[row[occupation]] {
                if row[type] == "essential" {
                    occupations[index].essentialSkills.append(skillIndex)
                } else {
                    occupations[index].optionalSkills.append(skillIndex)
                }
            }
        }
        try taxonomy.setOccupations(occupations)
        taxonomy.occupationSkillRelations = relations
    }

    static func readSkillRelations(_ table: CSVTable, taxonomy: Taxonomy) throws -> [SkillRelation] {
        let from = try table.column("originalSkillUri"), to = try table.column("relatedSkillUri")
        let type = try table.column("relationType")
        return try zip(table.rows, table.lines).map { row, line in
            guard let a = taxonomy.index(of: row[from]), let b = taxonomy.index(of: row[to]) else {
                throw TaxonomyError(
                    .unknownReference, file: table.file, line: line, "unknown skill \(row[from]) or \(row[to])")
            }
            return SkillRelation(from: a, to: b, type: row[type])
        }
    }
}
