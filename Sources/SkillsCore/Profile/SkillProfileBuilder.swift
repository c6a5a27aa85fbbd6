import Foundation

/// Turns an entity's explicit skills into a ``SkillProfile`` by one documented formula.
///
/// Held skills (candidates):
///
///     weight = provenance × level × recency
///     provenance: extracted 0.6, stated 0.8, credential-backed 0.9, verified 1.0
///     level:      0.5 + 0.1 × L for L in 1…5 (0.6…1.0); unknown 0.8
///     recency:    max(floor, 0.5 ^ (yearsSinceLastUsed / halfLifeYears)); current 1.0
///
/// A skill attested by a held credential is added (or upgraded) as credential-backed or verified,
/// with the credential's issuer. Duplicates keep the heaviest claim.
///
/// Demand skills (jobs, occupations): `weight = importance × (required 1.0 | preferred 0.5)`.
/// Taught skills (programs): `weight = importance`.
public struct SkillProfileBuilder: Sendable {
    /// The tunable constants of the formula.
    public struct Parameters: Sendable, Hashable, Codable {
        public var extracted: Float = 0.6
        public var stated: Float = 0.8
        public var credentialBacked: Float = 0.9
        public var verified: Float = 1.0
        public var unknownLevel: Float = 0.8
        public var halfLifeYears: Double = 5
        public var recencyFloor: Float = 0.25
        public var preferredFactor: Float = 0.5

        public init() {}

        func factor(_ provenance: SkillProvenance) -> Float {
            switch provenance {
            case .extracted: extracted
            case .stated: stated
            case .credentialBacked: credentialBacked
            case .verified: verified
            }
        }
    }

    public var parameters: Parameters
    /// The date recency is measured from; passed in so building stays pure and repeatable.
    public var asOf: Date

    public init(parameters: Parameters = Parameters(), asOf: Date) {
        self.parameters = parameters
        self.asOf = asOf
    }

    /// The profile of any entity.
    public func profile(for entity: Entity) -> SkillProfile {
        switch entity {
        case .candidate(let c): profile(for: c)
        case .job(let j): profile(required: j.requiredSkills, preferred: j.preferredSkills)
        case .program(let p):
            SkillProfile(entries: p.skillsTaught.map {
                .init(skill: $0.skill, weight: $0.importance, role: .taught, level: $0.minimumLevel, importance: $0.importance)
            })
        case .occupation(let o): profile(required: o.skills, preferred: [])
        }
    }

    /// Held skills of a candidate, including skills attested by credentials.
    public func profile(for candidate: Candidate) -> SkillProfile {
        var entries: [SkillProfile.Entry] = candidate.skills.map { claim in
            let recency = recencyFactor(lastUsed: claim.lastUsed)
            let level = claim.level.map { 0.5 + 0.1 * Float($0) } ?? parameters.unknownLevel
            return .init(
                skill: claim.skill, weight: parameters.factor(claim.provenance) * level * recency, role: .held,
                provenance: claim.provenance, issuer: claim.issuer, level: claim.level, recency: recency)
        }
        for credential in candidate.credentials {
            let provenance: SkillProvenance = credential.verified ? .verified : .credentialBacked
            for skill in credential.skills {
                let claimed = candidate.skills.first { $0.skill == skill }
                let level = claimed?.level.map { 0.5 + 0.1 * Float($0) } ?? parameters.unknownLevel
                entries.append(.init(
                    skill: skill, weight: parameters.factor(provenance) * level, role: .held,
                    provenance: provenance, issuer: credential.issuer, level: claimed?.level))
            }
        }
        return SkillProfile(entries: entries)
    }

    /// Demand-side profile: required at full importance, preferred scaled by `preferredFactor`.
    public func profile(required: [SkillRequirement], preferred: [SkillRequirement]) -> SkillProfile {
        let req = required.map {
            SkillProfile.Entry(skill: $0.skill, weight: $0.importance, role: .required, level: $0.minimumLevel, importance: $0.importance)
        }
        let pref = preferred.map {
            SkillProfile.Entry(
                skill: $0.skill, weight: $0.importance * parameters.preferredFactor, role: .preferred,
                level: $0.minimumLevel, importance: $0.importance)
        }
        return SkillProfile(entries: req + pref)
    }

    func recencyFactor(lastUsed: Date?) -> Float {
        guard let lastUsed else { return 1 }
        let years = max(0, asOf.timeIntervalSince(lastUsed) / (365.25 * 86_400))
        return max(parameters.recencyFloor, Float(pow(0.5, years / parameters.halfLifeYears)))
    }
}
