import Foundation

/// How we know a person has a skill, from weakest to strongest evidence.
public enum SkillProvenance: String, Sendable, Codable, CaseIterable, Hashable, Comparable {
    /// Found by the extractor in free text (a CV, a work-history line).
    case extracted
    /// Listed by the person themself.
    case stated
    /// Backed by a credential the person holds but that was not cryptographically checked.
    case credentialBacked = "credential_backed"
    /// Backed by a credential whose proof verified (OB 3.0 / CLR 2.0).
    case verified

    var rank: Int {
        switch self {
        case .extracted: 0
        case .stated: 1
        case .credentialBacked: 2
        case .verified: 3
        }
    }

    public static func < (a: SkillProvenance, b: SkillProvenance) -> Bool { a.rank < b.rank }
}

/// One skill a candidate claims, with its evidence.
public struct SkillClaim: Sendable, Hashable, Codable {
    /// Dense skill index in the taxonomy (`SkillIndex` in SkillsTaxonomy).
    public var skill: Int32
    /// Proficiency 1 (novice) … 5 (expert), if known.
    public var level: Int?
    public var provenance: SkillProvenance
    /// Who issued the backing credential, for `credentialBacked` and `verified`.
    public var issuer: String?
    /// When the skill was last used; `nil` means current.
    public var lastUsed: Date?

    public init(
        skill: Int32, level: Int? = nil, provenance: SkillProvenance = .stated, issuer: String? = nil,
        lastUsed: Date? = nil
    ) {
        self.skill = skill
        self.level = level
        self.provenance = provenance
        self.issuer = issuer
        self.lastUsed = lastUsed
    }

    func validate(field: String) throws(EntityError) {
        if skill < 0 { throw .invalidValue("\(field).skill", "must be a non-negative skill index, got \(skill)") }
        if let level, !(1...5).contains(level) {
            throw .invalidValue("\(field).level", "must be within 1...5, got \(level)")
        }
    }
}

/// One skill a job, program or occupation asks for or teaches, with its importance.
public struct SkillRequirement: Sendable, Hashable, Codable {
    public var skill: Int32
    /// Importance in (0, 1]; 1 is essential.
    public var importance: Float
    /// Minimum proficiency 1…5, if stated.
    public var minimumLevel: Int?

    public init(skill: Int32, importance: Float = 1, minimumLevel: Int? = nil) {
        self.skill = skill
        self.importance = importance
        self.minimumLevel = minimumLevel
    }

    func validate(field: String) throws(EntityError) {
        if skill < 0 { throw .invalidValue("\(field).skill", "must be a non-negative skill index, got \(skill)") }
        if !(importance > 0 && importance <= 1) {
            throw .invalidValue("\(field).importance", "must be within (0, 1], got \(importance)")
        }
        if let minimumLevel, !(1...5).contains(minimumLevel) {
            throw .invalidValue("\(field).minimumLevel", "must be within 1...5, got \(minimumLevel)")
        }
    }
}

func validateUniqueSkills(_ skills: [Int32], field: String) throws(EntityError) {
    var seen = Set<Int32>()
    for skill in skills where !seen.insert(skill).inserted {
        throw .duplicate(field, "lists skill \(skill) twice")
    }
}

func requireNonEmpty(_ value: String, _ field: String) throws(EntityError) {
    if value.allSatisfy(\.isWhitespace) { throw .missingField(field) }
}
