import SkillsCore

/// What an Open Badges 3.0 / CLR 2.0 credential claims, for ingestion: issuer, subject,
/// achievement, alignments (to map onto taxonomy skills), results and dates.
///
/// Parsing is lenient (missing fields become `nil`/empty): whether the claims can be trusted is
/// the verifier's job, reported in ``VerificationResult``.
public struct AchievementCredential: Sendable, Codable, Equatable {
    public struct Issuer: Sendable, Codable, Equatable {
        public var id: String?
        public var name: String?
    }

    /// A link from an achievement or result to a framework item (ESCO, O*NET, CASE, CTDL…).
    public struct Alignment: Sendable, Codable, Equatable {
        public var targetName: String?
        public var targetURL: String?
        public var targetCode: String?
        public var targetFramework: String?
        public var targetType: String?
        public var targetDescription: String?
        /// Where it was found: `achievement`, `resultDescription`, `rubricCriterionLevel` or `result`.
        public var level: String
    }

    public struct Achievement: Sendable, Codable, Equatable {
        public var id: String?
        public var name: String?
        public var description: String?
        public var criteriaNarrative: String?
        public var achievementType: String?
        public var tags: [String]
        public var fieldOfStudy: String?
        public var alignments: [Alignment]
    }

    /// One `credentialSubject.result[]` entry.
    public struct Result: Sendable, Codable, Equatable {
        /// `Completed` (the default when absent), `Enrolled`, `Failed`, `InProgress`, `OnHold`, `Provisional`, `Withdrew`.
        public var status: String?
        public var value: String?
        public var achievedLevel: String?
        public var resultDescription: String?
        public var alignments: [Alignment]

        /// `false` for statuses that are not evidence of a skill (Failed, InProgress, Withdrew, Enrolled, OnHold).
        public var isPass: Bool {
            guard let status else { return true }
            return ["Completed", "Provisional"].contains(status)
        }
    }

    public var id: String?
    public var types: [String]
    public var name: String?
    public var issuer: Issuer
    public var subjectID: String?
    public var achievement: Achievement?
    public var results: [Result]
    /// `validFrom` (VCDM 2.0) or `issuanceDate` (VCDM 1.1), as written.
    public var validFrom: String?
    /// `validUntil` (VCDM 2.0) or `expirationDate` (VCDM 1.1), as written.
    public var validUntil: String?
    public var awardedDate: String?
    /// For a CLR: the nested credentials in order (each verified separately).
    public var nested: [AchievementCredential]

    public var isCLR: Bool { types.contains("ClrCredential") }

    /// Every alignment at every level (achievement, result descriptions, rubric levels, results).
    public var allAlignments: [Alignment] { (achievement?.alignments ?? []) + results.flatMap(\.alignments) }

    /// Reads the claims of a credential document (the payload, for a VC-JWT), nested CLR
    /// credentials included.
    public init(document: JSONValue) {
        self.init(document: document, nested: nil)
    }

    /// Reads the claims; `nested` (when given) replaces reading `verifiableCredential[]` again,
    /// so the verifier can hand over the claims it already read while verifying each one.
    init(document: JSONValue, nested givenNested: [AchievementCredential]?) {
        let d = document
        id = d["id"]?.stringValue
        types = d["type"]?.asArray.compactMap(\.stringValue) ?? []
        name = d["name"]?.stringValue
        if let s = d["issuer"]?.stringValue {
            issuer = Issuer(id: s, name: nil)
        } else {
            issuer = Issuer(id: d["issuer"]?["id"]?.stringValue, name: d["issuer"]?["name"]?.stringValue)
        }
        let subject = d["credentialSubject"]?.asArray.first
        subjectID = subject?["id"]?.stringValue
        validFrom = d["validFrom"]?.stringValue ?? d["issuanceDate"]?.stringValue
        validUntil = d["validUntil"]?.stringValue ?? d["expirationDate"]?.stringValue
        awardedDate = d["awardedDate"]?.stringValue
        achievement = subject?["achievement"].map(Self.achievement)
        let descriptions = subject?["achievement"]?["resultDescription"]?.asArray ?? []
        results = (subject?["result"]?.asArray ?? []).map { r in
            var alignments = Self.alignments(r["alignment"], level: "result")
            if let ref = r["resultDescription"]?.stringValue,
               let description = descriptions.first(where: { $0["id"]?.stringValue == ref }) {
                alignments += Self.alignments(description["alignment"], level: "resultDescription")
                for level in description["rubricCriterionLevel"]?.asArray ?? [] where level["id"]?.stringValue == r["achievedLevel"]?.stringValue {
                    alignments += Self.alignments(level["alignment"], level: "rubricCriterionLevel")
                }
            }
            return Result(status: r["status"]?.stringValue, value: r["value"]?.stringValue, achievedLevel: r["achievedLevel"]?.stringValue,
                          resultDescription: r["resultDescription"]?.stringValue, alignments: alignments)
        }
        if let givenNested {
            nested = givenNested
            return
        }
        nested = (subject?["verifiableCredential"]?.asArray ?? []).compactMap { v in
            if case .object = v { return AchievementCredential(document: v) }
            // A nested VC-JWT: read its claims (verification is the verifier's job).
            if let jwt = v.stringValue, let jws = try? CompactJWS(jwt, limits: .init(maxDepth: 64, maxBytes: 4 << 20), maxLength: 4 << 20) {
                return AchievementCredential(document: .object(jws.credential))
            }
            return nil
        }
    }

    static func achievement(_ a: JSONValue) -> Achievement {
        var alignments = alignments(a["alignment"], level: "achievement")
        for description in a["resultDescription"]?.asArray ?? [] {
            alignments += Self.alignments(description["alignment"], level: "resultDescription")
            for level in description["rubricCriterionLevel"]?.asArray ?? [] {
                alignments += Self.alignments(level["alignment"], level: "rubricCriterionLevel")
            }
        }
        return Achievement(
            id: a["id"]?.stringValue, name: a["name"]?.stringValue, description: a["description"]?.stringValue,
            criteriaNarrative: a["criteria"]?["narrative"]?.stringValue, achievementType: a["achievementType"]?.stringValue,
            tags: a["tag"]?.asArray.compactMap(\.stringValue) ?? [], fieldOfStudy: a["fieldOfStudy"]?.stringValue,
            alignments: alignments)
    }

    static func alignments(_ value: JSONValue?, level: String) -> [Alignment] {
        (value?.asArray ?? []).map { a in
            Alignment(targetName: a["targetName"]?.stringValue, targetURL: a["targetUrl"]?.stringValue, targetCode: a["targetCode"]?.stringValue,
                      targetFramework: a["targetFramework"]?.stringValue, targetType: a["targetType"]?.stringValue,
                      targetDescription: a["targetDescription"]?.stringValue, level: level)
        }
    }
}
