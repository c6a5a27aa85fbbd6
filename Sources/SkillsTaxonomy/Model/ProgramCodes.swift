/// A NCES Classification of Instructional Programs (CIP 2020) code: what a training program teaches.
public struct ProgramCode: Sendable, Hashable {
    /// `11.0701` (6-digit), `11.07` (4-digit series) or `11` (2-digit family).
    public var code: String
    public var title: String
    public var definition: String

    public init(code: String, title: String, definition: String = "") {
        self.code = code
        self.title = title
        self.definition = definition
    }
}

/// CIP 2020 codes and the CIP ↔ SOC 2018 crosswalk (which occupations a program prepares for).
public struct ProgramCodes: Sendable {
    public private(set) var codes: [ProgramCode]
    private var codeAt: [String: Int]
    private var socByCIP: [String: [String]]
    private var cipBySOC: [String: [String]]

    public init(codes: [ProgramCode] = [], crosswalk: [(cip: String, soc: String)] = []) {
        self.codes = codes
        codeAt = [:]
        for (position, code) in codes.enumerated() { codeAt[code.code] = position }
        socByCIP = [:]
        cipBySOC = [:]
        for pair in crosswalk {
            if !(socByCIP[pair.cip]?.contains(pair.soc) ?? false) { socByCIP[pair.cip, default: []].append(pair.soc) }
            if !(cipBySOC[pair.soc]?.contains(pair.cip) ?? false) { cipBySOC[pair.soc, default: []].append(pair.cip) }
        }
    }

    public func code(_ code: String) -> ProgramCode? { codeAt[code].map { codes[$0] } }

    /// SOC 2018 codes a CIP code prepares for (crosswalk).
    public func socCodes(forCIP cip: String) -> [String] { socByCIP[cip] ?? [] }

    /// CIP 2020 codes that prepare for a SOC code (crosswalk).
    public func cipCodes(forSOC soc: String) -> [String] { cipBySOC[soc] ?? [] }

    /// Number of crosswalk pairs.
    public var crosswalkCount: Int { socByCIP.values.reduce(0) { $0 + $1.count } }
}
