import SkillsCore
import SkillsIndex

/// A skill a candidate lacks for a target job or occupation.
public struct SkillGap: Sendable, Hashable {
    public var skill: Int32
    /// Importance on the target side (preferred skills at half weight, as in the profile formula).
    public var importance: Float
    public var role: SkillProfile.Role
    /// The most similar skill the candidate holds, if any: the bridge to learn from.
    public var closestHeld: RelatedMatch?
    /// `importance · (1 − similarity of closestHeld)`: what closing this gap is worth.
    public var priority: Float
}

extension Matcher {
    /// Missing skills of `candidate` for `target` (a job or an occupation), most valuable first.
    ///
    /// Priority discounts a gap by how close a held skill already is, so "learn MySQL" ranks below
    /// "learn Kubernetes" when the candidate knows PostgreSQL.
    public func gapAnalysis(candidate: EntityKey, target: EntityKey) throws(RankingError) -> [SkillGap] {
        let c = try document(candidate, expected: .candidate, role: "candidate")
        guard target.kind == .job || target.kind == .occupation else {
            throw RankingError(code: .wrongSourceKind, message: "gap target \(target) must be a job or an occupation")
        }
        let t = try document(target, expected: target.kind, role: "target")
        let have = snapshot.profile(c)
        var gaps: [SkillGap] = []
        for want in snapshot.profile(t).entries where have.entry(for: want.skill) == nil {
            let bridge = related.related(to: want.skill).first { have.entry(for: $0.skill) != nil }
            let closest = bridge.map { RelatedMatch(wanted: want.skill, held: $0.skill, similarity: $0.similarity) }
            gaps.append(SkillGap(
                skill: want.skill, importance: want.weight, role: want.role, closestHeld: closest,
                priority: want.weight * (1 - (closest?.similarity ?? 0))))
        }
        return gaps.sorted { $0.priority != $1.priority ? $0.priority > $1.priority : $0.skill < $1.skill }
    }
}
