/// An OEWS estimate area: the nation, a state or a metropolitan / nonmetropolitan area.
public struct WageArea: Sendable, Hashable {
    /// BLS area code (`0000000` national, `0000006` California, `0041860` San Francisco…).
    public var code: String
    /// `N` national, `S` state, `M` metropolitan or nonmetropolitan area.
    public var type: String
    /// Two-digit FIPS state code ("00" for national).
    public var stateCode: String
    public var name: String

    public init(code: String, type: String, stateCode: String, name: String) {
        self.code = code
        self.type = type
        self.stateCode = stateCode
        self.name = name
    }
}

/// OEWS employment and wage estimates of one SOC occupation in one area (all industries).
/// A `nil` figure was not published by BLS (suppressed, or above the top-code of $239,200).
public struct OccupationWage: Sendable, Hashable {
    /// SOC 2018 detailed code, `15-1252`.
    public var socCode: String
    public var areaCode: String
    public var employment: Int?
    public var hourlyMean: Float?
    public var annualMean: Float?
    public var annualP10: Float?
    public var annualP25: Float?
    public var annualMedian: Float?
    public var annualP75: Float?
    public var annualP90: Float?

    public init(
        socCode: String, areaCode: String, employment: Int? = nil, hourlyMean: Float? = nil, annualMean: Float? = nil,
        annualP10: Float? = nil, annualP25: Float? = nil, annualMedian: Float? = nil, annualP75: Float? = nil,
        annualP90: Float? = nil
    ) {
        self.socCode = socCode
        self.areaCode = areaCode
        self.employment = employment
        self.hourlyMean = hourlyMean
        self.annualMean = annualMean
        self.annualP10 = annualP10
        self.annualP25 = annualP25
        self.annualMedian = annualMedian
        self.annualP75 = annualP75
        self.annualP90 = annualP90
    }
}

/// OEWS estimates by (SOC code, area), with the areas they refer to.
public struct WageTable: Sendable {
    public static let nationalAreaCode = "0000000"

    public private(set) var areas: [WageArea]
    public private(set) var rows: [OccupationWage]
    /// SOC 2018 titles by code at every level (`15-0000` major group … `15-1252` detailed).
    public private(set) var occupationTitles: [String: String]
    private var rowsBySOC: [String: [Int]]
    private var areaByCode: [String: Int]

    public init(areas: [WageArea] = [], rows: [OccupationWage] = [], occupationTitles: [String: String] = [:]) {
        self.areas = areas
        self.rows = rows
        self.occupationTitles = occupationTitles
        rowsBySOC = [:]
        for (position, row) in rows.enumerated() { rowsBySOC[row.socCode, default: []].append(position) }
        areaByCode = [:]
        for (position, area) in areas.enumerated() { areaByCode[area.code] = position }
    }

    public func area(code: String) -> WageArea? { areaByCode[code].map { areas[$0] } }

    /// Every area's estimate for a SOC code.
    public func wages(socCode: String) -> [OccupationWage] { (rowsBySOC[socCode] ?? []).map { rows[$0] } }

    /// The estimate for a SOC code in one area (national by default).
    public func wage(socCode: String, areaCode: String = WageTable.nationalAreaCode) -> OccupationWage? {
        rowsBySOC[socCode]?.lazy.map { rows[$0] }.first { $0.areaCode == areaCode }
    }
}
