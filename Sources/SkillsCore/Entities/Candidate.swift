import Foundation

/// A person looking for work or training.
public struct Candidate: Sendable, Hashable, Codable {
    /// One past or current position.
    public struct WorkExperience: Sendable, Hashable, Codable {
        public var title: String
        public var employer: String?
        /// SOC / O*NET-SOC code, if known.
        public var occupationCode: String?
        public var start: Date
        /// `nil` while current.
        public var end: Date?

        public init(title: String, employer: String? = nil, occupationCode: String? = nil, start: Date, end: Date? = nil) {
            self.title = title
            self.employer = employer
            self.occupationCode = occupationCode
            self.start = start
            self.end = end
        }
    }

    /// One completed (or ongoing) education.
    public struct Education: Sendable, Hashable, Codable {
        public var level: EducationLevel
        public var field: String?
        public var institution: String?

        public init(level: EducationLevel, field: String? = nil, institution: String? = nil) {
            self.level = level
            self.field = field
            self.institution = institution
        }
    }

    /// A credential the person holds.
    public struct Credential: Sendable, Hashable, Codable {
        public var name: String
        public var issuer: String
        public var verified: Bool
        /// Skills the credential attests (its alignments mapped to the taxonomy).
        public var skills: [Int32]

        public init(name: String, issuer: String, verified: Bool, skills: [Int32] = []) {
            self.name = name
            self.issuer = issuer
            self.verified = verified
            self.skills = skills
        }
    }

    public var id: String
    public var name: String
    /// A one-line headline ("Backend developer"), searched like a job title.
    public var headline: String
    public var summary: String
    public var skills: [SkillClaim]
    public var workHistory: [WorkExperience]
    public var education: [Education]
    public var credentials: [Credential]
    public var location: GeoPoint?
    public var willingToRelocate: Bool
    public var openToRemote: Bool
    public var desiredPay: PayRange?
    /// Opt-in: only consenting candidates are shown to employers.
    public var consentToBeFound: Bool

    public init(
        id: String, name: String = "", headline: String = "", summary: String = "", skills: [SkillClaim] = [],
        workHistory: [WorkExperience] = [], education: [Education] = [], credentials: [Credential] = [],
        location: GeoPoint? = nil, willingToRelocate: Bool = false, openToRemote: Bool = true,
        desiredPay: PayRange? = nil, consentToBeFound: Bool = false
    ) {
        self.id = id
        self.name = name
        self.headline = headline
        self.summary = summary
        self.skills = skills
        self.workHistory = workHistory
        self.education = education
        self.credentials = credentials
        self.location = location
        self.willingToRelocate = willingToRelocate
        self.openToRemote = openToRemote
        self.desiredPay = desiredPay
        self.consentToBeFound = consentToBeFound
    }

    /// Throws the first invalid field.
    public func validate() throws(EntityError) {
        try requireNonEmpty(id, "candidate.id")
        for (i, claim) in skills.enumerated() { try claim.validate(field: "candidate.skills[\(i)]") }
        try validateUniqueSkills(skills.map(\.skill), field: "candidate.skills")
        for (i, job) in workHistory.enumerated() {
            try requireNonEmpty(job.title, "candidate.workHistory[\(i)].title")
            if let end = job.end, end < job.start {
                throw .invalidValue("candidate.workHistory[\(i)]", "ends before it starts")
            }
        }
        try location?.validate(field: "candidate.location")
        try desiredPay?.validate(field: "candidate.desiredPay")
    }

    /// Highest education level completed.
    public var highestEducation: EducationLevel { education.map(\.level).max() ?? .none }
}
