import SkillsCore

/// Merges what a credential says about a candidate into the stored candidate.
///
/// Pure and idempotent: merging the same credential twice gives the same candidate, which is what
/// makes re-sending a credential change nothing. A credential replaces an earlier one with the same
/// name and issuer (a re-verification may change its verdict); a skill keeps its strongest
/// provenance, and the issuer of the claim that gave it.
public enum CandidateMerge {
    public static func merge(_ incoming: Candidate, into existing: Candidate?) -> Candidate {
        guard var merged = existing else { return incoming }
        for credential in incoming.credentials {
            if let index = merged.credentials.firstIndex(where: { $0.name == credential.name && $0.issuer == credential.issuer }) {
                merged.credentials[index] = credential
            } else {
                merged.credentials.append(credential)
            }
        }
        for claim in incoming.skills {
            if let index = merged.skills.firstIndex(where: { $0.skill == claim.skill }) {
                let current = merged.skills[index]
                if claim.provenance > current.provenance {
                    merged.skills[index] = SkillClaim(
                        skill: claim.skill, level: current.level ?? claim.level, provenance: claim.provenance,
                        issuer: claim.issuer, lastUsed: current.lastUsed)
                }
            } else {
                merged.skills.append(claim)
            }
        }
        return merged
    }

    /// A new profile for a stored candidate keeps the credentials attached earlier and the skills
    /// they back: credentials are separate documents, not part of the profile.
    public static func keepingCredentials(of existing: Candidate?, in profile: Candidate) -> Candidate {
        guard let existing, !existing.credentials.isEmpty else { return profile }
        let backed = existing.skills.filter { $0.provenance >= .credentialBacked }
        return merge(Candidate(id: profile.id, skills: backed, credentials: existing.credentials), into: profile)
    }
}
