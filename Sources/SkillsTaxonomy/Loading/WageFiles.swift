/// Readers of `wage_areas.tsv` and `wages.tsv` (OEWS estimates; see `Taxonomies/README.md`).
enum WageFiles {
    /// `wage_areas.tsv`: code, type, state_code, name.
    static func readAreas(_ table: TSVTable) throws -> [WageArea] {
        let code = try table.column("code"), type = try table.column("type")
        let state = try table.column("state_code"), name = try table.column("name")
        var areas: [WageArea] = []
        try table.forEachRow { line, fields in
            guard ["N", "S", "M"].contains(fields[type]) else {
                throw TaxonomyError(.invalidValue, file: table.file, line: line, "area type \"\(fields[type])\" is not N, S or M")
            }
            areas.append(WageArea(code: fields[code], type: fields[type], stateCode: fields[state], name: fields[name]))
        }
        return areas
    }

    static let columns = [
        "soc_code", "area_code", "employment", "hourly_mean", "annual_mean", "annual_p10", "annual_p25",
        "annual_median", "annual_p75", "annual_p90",
    ]

    /// `wages.tsv`: soc_code, area_code, employment, hourly_mean, annual_mean, annual_p10, annual_p25,
    /// annual_median, annual_p75, annual_p90. An empty figure was not published.
    /// `wage_occupations.tsv`: soc_code, title, level.
    static func readOccupationTitles(_ table: TSVTable) throws -> [String: String] {
        let code = try table.column("soc_code"), title = try table.column("title")
        var titles: [String: String] = [:]
        try table.forEachRow { line, fields in
            guard titles.updateValue(fields[title], forKey: fields[code]) == nil else {
                throw TaxonomyError(.duplicateID, file: table.file, line: line, "duplicate soc_code \(fields[code])")
            }
        }
        return titles
    }

    static func readWages(_ table: TSVTable, areas: [WageArea], titles: [String: String] = [:]) throws -> WageTable {
        let at = try columns.map { try table.column($0) }
        let known = Set(areas.map(\.code))
        var rows: [OccupationWage] = []
        try table.forEachRow { line, fields in
            if !known.isEmpty, !known.contains(fields[at[1]]) {
                throw TaxonomyError(.unknownReference, file: table.file, line: line, "unknown area \(fields[at[1]])")
            }
            func figure(_ column: Int) throws -> Float? {
                let text = fields[at[column]]
                if text.isEmpty { return nil }
                guard let value = Float(text), value.isFinite, value >= 0 else {
                    throw TaxonomyError(
                        .invalidValue, file: table.file, line: line, "\(columns[column]) \"\(text)\" is not a number")
                }
                return value
            }
            rows.append(
                OccupationWage(
                    socCode: fields[at[0]], areaCode: fields[at[1]], employment: try figure(2).map { Int($0) },
                    hourlyMean: try figure(3), annualMean: try figure(4), annualP10: try figure(5),
                    annualP25: try figure(6), annualMedian: try figure(7), annualP75: try figure(8),
                    annualP90: try figure(9)))
        }
        return WageTable(areas: areas, rows: rows, occupationTitles: titles)
    }
}
