import SkillsCore

/// The input formats ingestion understands, by the names the CLI and API use.
public enum IngestFormat: String, Sendable, CaseIterable, Codable {
    /// schema.org `JobPosting` (JSON-LD).
    case jobPosting = "jobposting"
    /// HR Open JDX `JobPosting`.
    case jdx
    /// Credential Engine CTDL (`ceterms:Credential`, `LearningOpportunityProfile`, `Course`).
    case ctdl
    /// The eligible-training-provider list CSV layout (one program per row).
    case etplCSV = "etpl-csv"
    /// Skillmatch's candidate profile JSON (`Documentation/INGESTION.md`).
    case profile
    /// An Open Badges 3.0 credential attached to a candidate.
    case ob3
    /// A CLR 2.0 credential attached to a candidate.
    case clr
    /// Generic CSV with a column mapping.
    case csv

    /// Guesses the format of one JSON document from its type markers; `nil` when nothing fits.
    public static func detect(_ document: JSONValue) -> IngestFormat? {
        // A credential envelope: {"candidateId": …, "credential": {…} | "<VC-JWT>"}.
        if let inner = document["credential"], document["candidateId"] != nil {
            if inner.stringValue != nil { return .ob3 }
            if let format = detect(inner), format == .ob3 || format == .clr { return format }
        }
        let types = (document["@type"] ?? document["type"])?.asArray.compactMap(\.stringValue) ?? []
        if types.contains(where: { $0.contains("ClrCredential") }) { return .clr }
        if types.contains(where: { $0.contains("AchievementCredential") || $0.contains("OpenBadgeCredential") }) {
            return .ob3
        }
        if types.contains(where: { $0.hasPrefix("ceterms:") }) || document["ceterms:ctid"] != nil { return .ctdl }
        if let graph = document["@graph"]?.arrayValue, graph.contains(where: CTDLAdapter.isProgram) { return .ctdl }
        if types.contains("JobPosting") {
            let jdxMarkers = ["competencies", "occupationCategories", "jobPostingId", "employerOverview"]
            return jdxMarkers.contains(where: { document[$0] != nil }) ? .jdx : .jobPosting
        }
        if document["programid"] != nil && document["cipcode"] != nil { return .etplCSV }
        if document["skills"] != nil || document["workHistory"] != nil, document["id"] != nil,
            document["title"] == nil
        {
            return .profile
        }
        return nil
    }
}

/// Turns one document of a format into entity drafts.
///
/// Adapters MUST be pure: the same document gives the same drafts, which is what makes re-sending a
/// file change nothing.
public protocol IngestAdapter: Sendable {
    var format: IngestFormat { get }
    func drafts(from document: JSONValue, context: IngestContext) throws(IngestError) -> [EntityDraft]
}

/// Request-level facts an adapter may need.
public struct IngestContext: Sendable {
    /// Who sent the data (a job board, a registrar); part of the upsert key.
    public var source: String
    /// The candidate a credential belongs to, when the request names one.
    public var candidateID: String?

    public init(source: String, candidateID: String? = nil) {
        self.source = source
        self.candidateID = candidateID
    }
}
