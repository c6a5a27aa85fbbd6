import Foundation

/// A training or education program.
public struct Program: Sendable, Hashable, Codable {
    /// Published results of past cohorts, as rates in 0…1.
    public struct Outcomes: Sendable, Hashable, Codable {
        public var completionRate: Double?
        public var employmentRate: Double?
        public var medianEarnings: Double?

        public init(completionRate: Double? = nil, employmentRate: Double? = nil, medianEarnings: Double? = nil) {
            self.completionRate = completionRate
            self.employmentRate = employmentRate
            self.medianEarnings = medianEarnings
        }
    }

    public var id: String
    public var provider: String
    public var title: String
    public var description: String
    public var skillsTaught: [SkillRequirement]
    /// CIP 2020 code, e.g. `11.0701`.
    public var cipCode: String?
    /// SOC codes of occupations the program leads to.
    public var occupationCodes: [String]
    /// Total tuition and fees.
    public var cost: Double?
    public var clockHours: Int?
    public var weeks: Int?
    public var modality: Modality
    public var location: GeoPoint?
    public var credentialAwarded: CredentialType
    public var startDates: [Date]
    public var outcomes: Outcomes

    public init(
        id: String, provider: String = "", title: String, description: String = "",
        skillsTaught: [SkillRequirement] = [], cipCode: String? = nil, occupationCodes: [String] = [],
        cost: Double? = nil, clockHours: Int? = nil, weeks: Int? = nil, modality: Modality = .inPerson,
        location: GeoPoint? = nil, credentialAwarded: CredentialType = .certificate, startDates: [Date] = [],
        outcomes: Outcomes = Outcomes()
    ) {
        self.id = id
        self.provider = provider
        self.title = title
        self.description = description
        self.skillsTaught = skillsTaught
        self.cipCode = cipCode
        self.occupationCodes = occupationCodes
        self.cost = cost
        self.clockHours = clockHours
        self.weeks = weeks
        self.modality = modality
        self.location = location
        self.credentialAwarded = credentialAwarded
        self.startDates = startDates
        self.outcomes = outcomes
    }

    /// Throws the first invalid field.
    public func validate() throws(EntityError) {
        try requireNonEmpty(id, "program.id")
        try requireNonEmpty(title, "program.title")
        for (i, r) in skillsTaught.enumerated() { try r.validate(field: "program.skillsTaught[\(i)]") }
        try validateUniqueSkills(skillsTaught.map(\.skill), field: "program.skillsTaught")
        if let cost, !(cost.isFinite && cost >= 0) { throw .invalidValue("program.cost", "must be >= 0, got \(cost)") }
        if let clockHours, clockHours <= 0 { throw .invalidValue("program.clockHours", "must be > 0") }
        if let weeks, weeks <= 0 { throw .invalidValue("program.weeks", "must be > 0") }
        try location?.validate(field: "program.location")
        for (name, rate) in [("completionRate", outcomes.completionRate), ("employmentRate", outcomes.employmentRate)] {
            if let rate, !(0...1).contains(rate) {
                throw .invalidValue("program.outcomes.\(name)", "must be within 0...1, got \(rate)")
            }
        }
    }
}
