import Foundation

/// A job posting.
public struct Job: Sendable, Hashable, Codable {
    public var id: String
    public var title: String
    public var employer: String
    public var description: String
    public var requiredSkills: [SkillRequirement]
    public var preferredSkills: [SkillRequirement]
    /// SOC / O*NET-SOC code, e.g. `15-1252.00`.
    public var occupationCode: String?
    public var location: GeoPoint?
    public var workplace: WorkplaceType
    public var pay: PayRange?
    public var postedOn: Date
    public var expiresOn: Date?
    public var employmentType: EmploymentType
    public var educationRequired: EducationLevel?
    public var experienceYears: Int?

    public init(
        id: String, title: String, employer: String = "", description: String = "",
        requiredSkills: [SkillRequirement] = [], preferredSkills: [SkillRequirement] = [],
        occupationCode: String? = nil, location: GeoPoint? = nil, workplace: WorkplaceType = .onSite,
        pay: PayRange? = nil, postedOn: Date, expiresOn: Date? = nil, employmentType: EmploymentType = .fullTime,
        educationRequired: EducationLevel? = nil, experienceYears: Int? = nil
    ) {
        self.id = id
        self.title = title
        self.employer = employer
        self.description = description
        self.requiredSkills = requiredSkills
        self.preferredSkills = preferredSkills
        self.occupationCode = occupationCode
        self.location = location
        self.workplace = workplace
        self.pay = pay
        self.postedOn = postedOn
        self.expiresOn = expiresOn
        self.employmentType = employmentType
        self.educationRequired = educationRequired
        self.experienceYears = experienceYears
    }

    /// Throws the first invalid field.
    public func validate() throws(EntityError) {
        try requireNonEmpty(id, "job.id")
        try requireNonEmpty(title, "job.title")
        for (i, r) in requiredSkills.enumerated() { try r.validate(field: "job.requiredSkills[\(i)]") }
        for (i, r) in preferredSkills.enumerated() { try r.validate(field: "job.preferredSkills[\(i)]") }
        try validateUniqueSkills((requiredSkills + preferredSkills).map(\.skill), field: "job.skills")
        try location?.validate(field: "job.location")
        try pay?.validate(field: "job.pay")
        if let expiresOn, expiresOn < postedOn { throw .invalidValue("job.expiresOn", "is before postedOn") }
        if let experienceYears, !(0...60).contains(experienceYears) {
            throw .invalidValue("job.experienceYears", "must be within 0...60, got \(experienceYears)")
        }
    }
}
