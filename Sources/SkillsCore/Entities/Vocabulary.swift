/// Where the work happens.
public enum WorkplaceType: String, Sendable, Codable, CaseIterable, Hashable {
    case onSite = "on_site"
    case hybrid
    case remote
}

/// Contract form of a job.
public enum EmploymentType: String, Sendable, Codable, CaseIterable, Hashable {
    case fullTime = "full_time"
    case partTime = "part_time"
    case contract
    case temporary
    case internship
    case apprenticeship
}

/// How a program is delivered.
public enum Modality: String, Sendable, Codable, CaseIterable, Hashable {
    case inPerson = "in_person"
    case online
    case hybrid
}

/// What a program awards on completion.
public enum CredentialType: String, Sendable, Codable, CaseIterable, Hashable {
    case none
    case badge
    case certificate
    case license
    case apprenticeship
    case associate
    case bachelor
    case master
}

/// Highest completed (or required) education, ordered.
public enum EducationLevel: Int, Sendable, Codable, CaseIterable, Hashable, Comparable {
    case none = 0
    case highSchool = 1
    case postsecondaryCertificate = 2
    case associate = 3
    case bachelor = 4
    case master = 5
    case doctorate = 6

    public static func < (a: EducationLevel, b: EducationLevel) -> Bool { a.rawValue < b.rawValue }
}
