/// Readers of the occupation files of the shipped format (see `Taxonomies/README.md`).
enum OccupationFiles {
    /// `occupations.tsv`: id, soc_code, title, description, alternate_titles, job_zone.
    static func readOccupations(_ table: TSVTable) throws -> [Occupation] {
        let id = try table.column("id"), soc = try table.column("soc_code"), title = try table.column("title")
        let description = try table.column("description"), alternates = try table.column("alternate_titles")
        let zone = try table.column("job_zone")
        var occupations: [Occupation] = []
        var seen: Set<String> = []
        try table.forEachRow { line, fields in
            guard !fields[id].isEmpty, seen.insert(fields[id]).inserted else {
                throw TaxonomyError(.duplicateID, file: table.file, line: line, "empty or duplicate id \(fields[id])")
            }
            var jobZone: Int?
            if !fields[zone].isEmpty {
                guard let value = Int(fields[zone]), (1...5).contains(value) else {
                    throw TaxonomyError(.invalidValue, file: table.file, line: line, "job_zone \"\(fields[zone])\" is not 1–5")
                }
                jobZone = value
            }
            occupations.append(
                Occupation(
                    id: fields[id], title: fields[title], description: fields[description], socCode: fields[soc],
                    alternateTitles: fields[alternates].pipeList, jobZone: jobZone))
        }
        return occupations
    }

    /// `work_activities.tsv`: id, title (O*NET detailed work activities).
    static func readWorkActivities(_ table: TSVTable) throws -> [String: String] {
        let id = try table.column("id"), title = try table.column("title")
        var titles: [String: String] = [:]
        try table.forEachRow { line, fields in
            guard titles.updateValue(fields[title], forKey: fields[id]) == nil else {
                throw TaxonomyError(.duplicateID, file: table.file, line: line, "duplicate id \(fields[id])")
            }
        }
        return titles
    }

    /// `occupation_tasks.tsv`: occupation_id, task_id, task, dwa_ids (`|`-joined ids of `work_activities.tsv`).
    static func readTasks(
        _ table: TSVTable, workActivities: [String: String], into occupations: inout [Occupation]
    ) throws {
        let occupation = try table.column("occupation_id"), task = try table.column("task")
        let dwas = try table.column("dwa_ids")
        let position = Dictionary(uniqueKeysWithValues: occupations.enumerated().map { ($1.id, $0) })
        var seenActivities: [Set<String>] = Array(repeating: [], count: occupations.count)
        try table.forEachRow { line, fields in
            guard let index = position[fields[occupation]] else {
                throw TaxonomyError(
                    .unknownReference, file: table.file, line: line, "unknown occupation \(fields[occupation])")
            }
            if !fields[task].isEmpty { occupations[index].tasks.append(fields[task]) }
            for dwa in fields[dwas].pipeList {
                guard let title = workActivities[dwa] else {
                    throw TaxonomyError(.unknownReference, file: table.file, line: line, "unknown work activity \(dwa)")
                }
                if seenActivities[index].insert(dwa).inserted { occupations[index].workActivities.append(title) }
            }
        }
    }

    /// `occupation_skills.tsv`: occupation_id, skill_id, relation (`essential`, `optional` from ESCO;
    /// `technology` from O*NET Technology Skills). Returns the ESCO relations.
    static func readOccupationSkills(
        _ table: TSVTable, taxonomy: Taxonomy, into occupations: inout [Occupation]
    ) throws -> [OccupationSkillRelation] {
        let occupation = try table.column("occupation_id"), skill = try table.column("skill_id")
        let relation = try table.column("relation")
        let position = Dictionary(uniqueKeysWithValues: occupations.enumerated().map { ($1.id, $0) })
        var relations: [OccupationSkillRelation] = []
        try table.forEachRow { line, fields in
            guard let index = position[fields[occupation]] else {
                throw TaxonomyError(
                    .unknownReference, file: table.file, line: line, "unknown occupation \(fields[occupation])")
            }
            guard let skillIndex = taxonomy.index(of: fields[skill]) else {
                throw TaxonomyError(.unknownReference, file: table.file, line: line, "unknown skill \(fields[skill])")
            }
            switch fields[relation] {
            case "technology":
                occupations[index].technologySkills.append(skillIndex)
            case "essential":
                occupations[index].essentialSkills.append(skillIndex)
                relations.append(OccupationSkillRelation(occupationID: fields[occupation], skill: skillIndex, type: "essential"))
            case "optional":
                occupations[index].optionalSkills.append(skillIndex)
                relations.append(OccupationSkillRelation(occupationID: fields[occupation], skill: skillIndex, type: "optional"))
            default:
                throw TaxonomyError(
                    .invalidValue, file: table.file, line: line,
                    "relation \"\(fields[relation])\" is not essential, optional or technology")
            }
        }
        return relations
    }

    /// `occupation_profiles.tsv`: occupation_id, skill_id, weight; rows of an occupation strongest first.
    static func readProfiles(_ table: TSVTable, taxonomy: Taxonomy) throws -> [String: [OccupationSkillWeight]] {
        let occupation = try table.column("occupation_id"), skill = try table.column("skill_id")
        let weight = try table.column("weight")
        var profiles: [String: [OccupationSkillWeight]] = [:]
        try table.forEachRow { line, fields in
            guard taxonomy.occupation(id: fields[occupation]) != nil else {
                throw TaxonomyError(
                    .unknownReference, file: table.file, line: line, "unknown occupation \(fields[occupation])")
            }
            guard let skillIndex = taxonomy.index(of: fields[skill]) else {
                throw TaxonomyError(.unknownReference, file: table.file, line: line, "unknown skill \(fields[skill])")
            }
            guard let value = Float(fields[weight]), value.isFinite else {
                throw TaxonomyError(.invalidValue, file: table.file, line: line, "weight \"\(fields[weight])\" is not a number")
            }
            profiles[fields[occupation], default: []].append(OccupationSkillWeight(skill: skillIndex, weight: value))
        }
        return profiles
    }
}
