import Foundation

/// Imports the NCES CIP 2020 code list and the CIP 2020 ↔ SOC 2018 crosswalk (CSV).
///
/// Accepts the NCES column names (`CIPCode`, `CIPTitle`, `CIPDefinition`, codes written as
/// `="01.0101"`) and the plain variant (`CIP_Code`, `CIP_Title`); the crosswalk needs
/// `CIP2020Code` and `SOC2018Code`.
public enum CIPImporter {
    public static func importCodes(codes: URL, crosswalk: URL? = nil) throws -> ProgramCodes {
        let codeTable = try table(codes)
        let code = try column(codeTable, ["CIPCode", "CIP_Code", "CIP Code"])
        let title = try column(codeTable, ["CIPTitle", "CIP_Title", "CIP Title"])
        let definition = ["CIPDefinition", "CIP_Definition"].lazy.compactMap { codeTable.header.firstIndex(of: $0) }.first
        var seen: Set<String> = []
        var programs: [ProgramCode] = []
        for (row, line) in zip(codeTable.rows, codeTable.lines) {
            let value = normalized(row[code])
            guard isCIP(value) else {
                throw TaxonomyError(.invalidValue, file: codeTable.file, line: line, "\"\(row[code])\" is not a CIP code")
            }
            guard seen.insert(value).inserted else { continue }
            programs.append(
                ProgramCode(
                    code: value, title: clean(row[title]), definition: definition.map { clean(row[$0]) } ?? ""))
        }
        var pairs: [(cip: String, soc: String)] = []
        if let crosswalk {
            let walk = try table(crosswalk)
            let cip = try column(walk, ["CIP2020Code", "CIPCode"]), soc = try column(walk, ["SOC2018Code", "SOCCode"])
            for (row, line) in zip(walk.rows, walk.lines) {
                let cipCode = normalized(row[cip]), socCode = normalized(row[soc])
                guard isCIP(cipCode), socCode.count == 7, socCode.dropFirst(2).first == "-" else {
                    // NCES marks "no match" rows with 99.9999 / 99-9999: keep the pair only when both are real codes.
                    if cipCode.hasPrefix("99") || socCode.hasPrefix("99") { continue }
                    throw TaxonomyError(
                        .invalidValue, file: walk.file, line: line, "bad CIP \"\(row[cip])\" or SOC \"\(row[soc])\" code")
                }
                if cipCode.hasPrefix("99.") || socCode.hasPrefix("99-") { continue }
                pairs.append((cipCode, socCode))
            }
        }
        return ProgramCodes(codes: programs, crosswalk: pairs)
    }

    private static func table(_ url: URL) throws -> CSVTable {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw TaxonomyError(.missingFile, file: url.lastPathComponent, "cannot read \(url.path)")
        }
        return try CSVTable(bytes: [UInt8](data), file: url.lastPathComponent)
    }

    private static func column(_ table: CSVTable, _ names: [String]) throws -> Int {
        for name in names { if let index = table.header.firstIndex(of: name) { return index } }
        return try table.column(names[0])
    }

    /// Strips the `="…"` Excel guard and spaces NCES files wrap codes in.
    static func normalized(_ code: String) -> String {
        var text = code.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("=\""), text.hasSuffix("\""), text.count >= 3 { text = String(text.dropFirst(2).dropLast()) }
        return text
    }

    /// `11`, `11.07` or `11.0701`.
    static func isCIP(_ code: String) -> Bool {
        let parts = code.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, parts[0].count == 2, parts[0].allSatisfy(\.isASCIIDigit) else { return false }
        guard parts.count == 2 else { return true }
        return [2, 4].contains(parts[1].count) && parts[1].allSatisfy(\.isASCIIDigit)
    }

    private static func clean(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
