/// What an API key may do. The access matrix is documented in `Documentation/API.md`.
public enum Role: String, Sendable, CaseIterable, Codable {
    /// Everything.
    case admin
    /// Writes entities and ingests; reads tasks.
    case ingest
    /// Reads jobs and programs, writes jobs, sees consenting candidates without personal data.
    case employer
    /// Bound to one candidate: reads and edits only that candidate, matches from it.
    case learner
    /// Reads aggregates and explanations; never personal data.
    case analyst

    /// Whether the role's view of candidates hides personal data (name).
    var redactsPersonalData: Bool { self == .employer || self == .analyst }
    /// Whether the role sees only candidates who consented to be found.
    var seesOnlyConsentingCandidates: Bool { self == .employer }
}
