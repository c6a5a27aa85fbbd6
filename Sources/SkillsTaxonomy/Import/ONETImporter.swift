import Foundation

/// Imports the O*NET database as tab-separated text files (the "Text" download, e.g. O*NET 29.2):
/// `Occupation Data.txt` (required), and when present `Alternate Titles.txt`, `Task Statements.txt`,
/// `Tasks to DWAs.txt`, `DWA Reference.txt`, `Technology Skills.txt` and `Job Zones.txt`.
///
/// Occupations are keyed by O*NET-SOC code; technology examples become `onet-tech:<slug>` skills
/// (the same ids as the shipped build) linked to the occupations that use them. Rows about codes
/// missing from `Occupation Data.txt` are skipped.
public enum ONETImporter {
    /// A taxonomy holding only O*NET occupations and technology skills.
    public static func importTaxonomy(from url: URL) throws -> Taxonomy {
        var taxonomy = try Taxonomy(skills: [])
        try apply(from: url, to: &taxonomy)
        return taxonomy
    }

    /// Adds O*NET occupations (replacing any with the same code) and technology skills to `taxonomy`.
    public static func apply(from url: URL, to taxonomy: inout Taxonomy) throws {
        let source = try ImportSource([url])
        var occupations = try readOccupations(source.tsv("Occupation Data.txt")!)
        let position = Dictionary(uniqueKeysWithValues: occupations.enumerated().map { ($1.id, $0) })
        let code = "O*NET-SOC Code"

        if let table = try source.tsv("Alternate Titles.txt", required: false) {
            let occupation = try table.column(code), title = try table.column("Alternate Title")
            try table.forEachRow { _, fields in
                guard let index = position[fields[occupation]], !fields[title].isEmpty else { return }
                occupations[index].alternateTitles.append(fields[title])
            }
        }
        if let table = try source.tsv("Task Statements.txt", required: false) {
            let occupation = try table.column(code), task = try table.column("Task")
            try table.forEachRow { _, fields in
                guard let index = position[fields[occupation]], !fields[task].isEmpty else { return }
                occupations[index].tasks.append(fields[task])
            }
        }
        if let table = try source.tsv("Tasks to DWAs.txt", required: false) {
            let occupation = try table.column(code), title = try table.column("DWA Title")
            var seen: [Set<String>] = Array(repeating: [], count: occupations.count)
            try table.forEachRow { _, fields in
                guard let index = position[fields[occupation]], seen[index].insert(fields[title]).inserted else { return }
                occupations[index].workActivities.append(fields[title])
            }
        }
        if let table = try source.tsv("Job Zones.txt", required: false) {
            let occupation = try table.column(code), zone = try table.column("Job Zone")
            try table.forEachRow { line, fields in
                guard let index = position[fields[occupation]] else { return }
                guard let value = Int(fields[zone]), (1...5).contains(value) else {
                    throw TaxonomyError(.invalidValue, file: table.file, line: line, "Job Zone \"\(fields[zone])\" is not 1–5")
                }
                occupations[index].jobZone = value
            }
        }
        if let table = try source.tsv("Technology Skills.txt", required: false) {
            try applyTechnology(table, occupations: &occupations, position: position, taxonomy: &taxonomy)
        }
        let replaced = Set(occupations.map(\.id))
        try taxonomy.setOccupations(taxonomy.occupations.filter { !replaced.contains($0.id) } + occupations)
    }

    static func readOccupations(_ table: TSVTable) throws -> [Occupation] {
        let code = try table.column("O*NET-SOC Code"), title = try table.column("Title")
        let description = try table.column("Description")
        var seen: Set<String> = []
        var occupations: [Occupation] = []
        try table.forEachRow { line, fields in
            let id = fields[code]
            guard id.count == 10, id.dropFirst(2).first == "-", seen.insert(id).inserted else {
                throw TaxonomyError(.invalidValue, file: table.file, line: line, "bad or duplicate O*NET-SOC code \"\(id)\"")
            }
            occupations.append(
                Occupation(id: id, title: fields[title], description: fields[description], socCode: String(id.prefix(7))))
        }
        return occupations
    }

    private static func applyTechnology(
        _ table: TSVTable, occupations: inout [Occupation], position: [String: Int], taxonomy: inout Taxonomy
    ) throws {
        let occupation = try table.column("O*NET-SOC Code"), example = try table.column("Example")
        let commodity = try table.column("Commodity Title")
        var uses: [(Int, String)] = []
        var commodities: [String: Set<String>] = [:]
        try table.forEachRow { _, fields in
            let name = fields[example].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { return }
            commodities[name, default: []].insert(fields[commodity])
            if let index = position[fields[occupation]] { uses.append((index, name)) }
        }
        // Ids as the shipped build makes them: names in sorted order, colliding slugs numbered.
        var idByName: [String: String] = [:]
        var slugCount: [String: Int] = [:]
        for name in commodities.keys.sorted() {
            let base = TechnologySlug.make(name)
            slugCount[base, default: 0] += 1
            let count = slugCount[base]!
            let id = "onet-tech:" + (count == 1 ? base : "\(base)-\(count)")
            idByName[name] = id
            if taxonomy.index(of: id) == nil {
                try taxonomy.append(
                    Skill(
                        id: id, label: name, type: .technology,
                        description: commodities[name]!.sorted().joined(separator: "; ")))
            }
        }
        for (index, name) in uses {
            guard let skill = taxonomy.index(of: idByName[name]!) else { continue }
            if !occupations[index].technologySkills.contains(skill) { occupations[index].technologySkills.append(skill) }
        }
    }
}

/// The `onet-tech:` slug rule shared with `scripts/build-taxonomy.py`: lower case, `++`/`+`/`#`
/// spelled out, a leading `.` read as "dot", other runs of non-alphanumerics become `-`.
enum TechnologySlug {
    static func make(_ name: String) -> String {
        var text = name.lowercased()
            .replacingOccurrences(of: "++", with: " plus plus ")
            .replacingOccurrences(of: "+", with: " plus ")
            .replacingOccurrences(of: "#", with: " sharp ")
        if text.hasPrefix(".") { text = "dot " + text.dropFirst() }
        var slug = ""
        var pendingDash = false
        for scalar in text.unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if pendingDash, !slug.isEmpty { slug.append("-") }
                pendingDash = false
                slug.unicodeScalars.append(scalar)
            } else {
                pendingDash = true
            }
        }
        return slug.isEmpty ? "x" : slug
    }
}
