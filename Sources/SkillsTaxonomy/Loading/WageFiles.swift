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
        // Parsed from bytes: ~240,000 rows of 10 fields would otherwise cost 2.4 M strings.
        try table.forEachRawRow { line, row in
            guard let soc = row.string(at[0]), let area = row.string(at[1]) else {
                throw TaxonomyError(.malformedRow, file: table.file, line: line, "invalid UTF-8")
            }
            if !known.isEmpty, !known.contains(area) {
                throw TaxonomyError(.unknownReference, file: table.file, line: line, "unknown area \(area)")
            }
            func figure(_ column: Int) throws -> Double? {
                if row.isEmpty(at[column]) { return nil }
                guard let value = row.decimal(at[column]) else {
                    throw TaxonomyError(
                        .invalidValue, file: table.file, line: line,
                        "\(columns[column]) \"\(row.string(at[column]) ?? "?")\" is not a number")
                }
                return value
            }
            func wage(_ column: Int) throws -> Float? { try figure(column).map { Float($0) } }
            rows.append(
                OccupationWage(
                    socCode: soc, areaCode: area, employment: try figure(2).map { Int($0) },
                    hourlyMean: try wage(3), annualMean: try wage(4), annualP10: try wage(5),
                    annualP25: try wage(6), annualMedian: try wage(7), annualP75: try wage(8),
                    annualP90: try wage(9)))
        }
        return WageTable(areas: areas, rows: rows, occupationTitles: titles)
    }
}
