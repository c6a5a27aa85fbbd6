import Foundation

/// Writes a taxonomy (typically an import) in the shipped on-disk format, so the service can load
/// it with ``TaxonomyLoader`` (set `SKILLMATCH_TAXONOMY_DIR`). CIP program codes and skill–skill
/// relations have no file in format version 1 and are not written.
public enum TaxonomyWriter {
    public static func write(_ taxonomy: Taxonomy, to directory: URL) throws {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw TaxonomyError(.missingFile, file: directory.lastPathComponent, "cannot create \(directory.path): \(error)")
        }
        typealias File = TaxonomyLoader.File
        var written: [String: Int] = [:]
        func emit(_ name: String, _ header: [String], _ rows: [[String]]) throws {
            var text = header.joined(separator: "\t") + "\n"
            for row in rows { text += row.map(field).joined(separator: "\t") + "\n" }
            do {
                try Data(text.utf8).write(to: directory.appendingPathComponent(name), options: .atomic)
            } catch {
                throw TaxonomyError(.missingFile, file: name, "cannot write \(directory.path)/\(name): \(error)")
            }
            written[name] = rows.count
        }

        try emit(
            File.skills, ["id", "type", "label", "alt_labels", "broader", "description"],
            taxonomy.skills.map { [$0.id, $0.type.rawValue, $0.label, list($0.altLabels), list($0.broader), $0.description] })
        try emit(
            File.skillGroups, ["id", "code", "level", "label", "broader"],
            taxonomy.skillGroups.map { [$0.id, $0.code, String($0.level), $0.label, list($0.broader)] })
        try emit(
            File.occupations, ["id", "soc_code", "title", "description", "alternate_titles", "job_zone"],
            taxonomy.occupations.map {
                [$0.id, $0.socCode, $0.title, $0.description, list($0.alternateTitles), $0.jobZone.map(String.init) ?? ""]
            })

        // Work activities get ids by first appearance; tasks keep their order.
        var activityID: [String: String] = [:]
        var activities: [[String]] = []
        var tasks: [[String]] = []
        var occupationSkills: [[String]] = []
        for occupation in taxonomy.occupations {
            var ids: [String] = []
            for title in occupation.workActivities {
                if activityID[title] == nil {
                    activityID[title] = "wa-\(activities.count + 1)"
                    activities.append([activityID[title]!, title])
                }
                ids.append(activityID[title]!)
            }
            for (ordinal, task) in occupation.tasks.enumerated() {
                // The first task row carries the occupation's work activities (task-level links are not kept in memory).
                tasks.append([occupation.id, String(ordinal + 1), task, ordinal == 0 ? ids.joined(separator: "|") : ""])
            }
            if occupation.tasks.isEmpty && !ids.isEmpty { tasks.append([occupation.id, "0", "", ids.joined(separator: "|")]) }
            for skill in occupation.technologySkills { occupationSkills.append([occupation.id, taxonomy[skill].id, "technology"]) }
        }
        let occupationIDs = Set(taxonomy.occupations.map(\.id))
        for relation in taxonomy.occupationSkillRelations where occupationIDs.contains(relation.occupationID) {
            occupationSkills.append([relation.occupationID, taxonomy[relation.skill].id, relation.type])
        }
        try emit(File.workActivities, ["id", "title"], activities)
        try emit(File.tasks, ["occupation_id", "task_id", "task", "dwa_ids"], tasks)
        try emit(File.occupationSkills, ["occupation_id", "skill_id", "relation"], occupationSkills)

        if !taxonomy.occupationProfiles.isEmpty {
            var rows: [[String]] = []
            for id in taxonomy.occupationProfiles.keys.sorted() {
                for entry in taxonomy.occupationProfiles[id]! { rows.append([id, taxonomy[entry.skill].id, String(entry.weight)]) }
            }
            try emit(File.profiles, ["occupation_id", "skill_id", "weight"], rows)
        }
        if !taxonomy.wages.rows.isEmpty {
            try emit(
                File.wageAreas, ["code", "type", "state_code", "name"],
                taxonomy.wages.areas.map { [$0.code, $0.type, $0.stateCode, $0.name] })
            try emit(
                File.wageOccupations, ["soc_code", "title", "level"],
                taxonomy.wages.occupationTitles.keys.sorted().map { [$0, taxonomy.wages.occupationTitles[$0]!, ""] })
            try emit(
                File.wages, WageFiles.columns,
                taxonomy.wages.rows.map { row in
                    [row.socCode, row.areaCode, row.employment.map(String.init) ?? ""]
                        + [row.hourlyMean, row.annualMean, row.annualP10, row.annualP25, row.annualMedian, row.annualP75,
                           row.annualP90].map { $0.map { String($0) } ?? "" }
                })
        }

        var manifest = TaxonomyManifest(generator: "skillmatch taxonomy import")
        for (name, rows) in written.sorted(by: { $0.key < $1.key }) {
            try manifest.updateFile(named: name, in: directory, rows: rows, description: "imported")
        }
        do {
            try manifest.write(to: directory.appendingPathComponent(File.manifest))
        } catch {
            throw TaxonomyError(.missingFile, file: File.manifest, "cannot write \(directory.path): \(error)")
        }
    }

    /// One line, no tabs: the format has no quoting.
    private static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "\t" || $0.isNewline }) else { return text }
        return text.split(whereSeparator: { $0 == "\t" || $0.isNewline }).joined(separator: " ")
    }

    private static func list(_ values: [String]) -> String {
        values.map { $0.replacingOccurrences(of: "|", with: "/") }.joined(separator: "|")
    }
}
