/// An occupation (SOC / O*NET-SOC) with the skills it needs and its labour-market demand.
public struct Occupation: Sendable, Hashable, Codable {
    /// Labour-market figures for the occupation in the served area.
    public struct Demand: Sendable, Hashable, Codable {
        public var employment: Double?
        /// Projected yearly growth as a fraction (0.05 = 5 %).
        public var growthRate: Double?
        public var annualOpenings: Double?
        public var medianWage: Double?

        public init(employment: Double? = nil, growthRate: Double? = nil, annualOpenings: Double? = nil, medianWage: Double? = nil) {
            self.employment = employment
            self.growthRate = growthRate
            self.annualOpenings = annualOpenings
            self.medianWage = medianWage
        }

        /// Demand in 0…1: openings saturate at 100,000 a year, growth is clamped to −10 %…+20 %.
        /// Equal parts openings and growth; an unknown part counts 0.5.
        public var score: Double {
            let openings = annualOpenings.map { $0 / ($0 + 10_000) } ?? 0.5
            let growth = growthRate.map { (min(max($0, -0.10), 0.20) + 0.10) / 0.30 } ?? 0.5
            return 0.5 * openings + 0.5 * growth
        }
    }

    /// SOC code, e.g. `15-1252`.
    public var code: String
    public var title: String
    public var description: String
    public var skills: [SkillRequirement]
    public var demand: Demand

    public init(code: String, title: String, description: String = "", skills: [SkillRequirement] = [], demand: Demand = Demand()) {
        self.code = code
        self.title = title
        self.description = description
        self.skills = skills
        self.demand = demand
    }

    /// Throws the first invalid field.
    public func validate() throws(EntityError) {
        try requireNonEmpty(code, "occupation.code")
        try requireNonEmpty(title, "occupation.title")
        for (i, r) in skills.enumerated() { try r.validate(field: "occupation.skills[\(i)]") }
        try validateUniqueSkills(skills.map(\.skill), field: "occupation.skills")
    }
}
