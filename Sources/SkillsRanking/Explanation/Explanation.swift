import SkillsCore

/// Why a target scored what it did. ``contributions`` add up to ``score`` exactly.
public struct Explanation: Sendable, Hashable {
    /// 0…100.
    public var score: Double
    /// One per weighted feature, in ``RankingFeature`` order; `points` sum to ``score``.
    public var contributions: [FeatureContribution]
    /// Demand-side skills the supply side has.
    public var matchedSkills: [MatchedSkill]
    /// Required demand-side skills the supply side lacks (including those with only related credit).
    public var missingRequiredSkills: [Int32]
    /// Missing demand-side skills partly covered by a similar held skill.
    public var relatedMatches: [RelatedMatch]
}

/// One feature's part of the score: `points = 100 · weight · value / Σ weights`.
public struct FeatureContribution: Sendable, Hashable {
    public var feature: RankingFeature
    /// The feature value in 0…1.
    public var value: Double
    /// The weight from `Config/ranking.json` (or the request's override).
    public var weight: Double
    public var points: Double
}

/// A skill both sides share.
public struct MatchedSkill: Sendable, Hashable {
    public var skill: Int32
    /// Importance on the demand side.
    public var importance: Float
    public var role: SkillProfile.Role
    /// `true` when the supply side holds it through a verified credential.
    public var verified: Bool
}

/// A wanted skill covered in part by a similar held skill.
public struct RelatedMatch: Sendable, Hashable {
    public var wanted: Int32
    public var held: Int32
    public var similarity: Float

    /// "PostgreSQL ≈ MySQL 0.72", with labels from the caller's taxonomy.
    public func describe(label: (Int32) -> String) -> String {
        let value = (similarity * 100).rounded() / 100
        return "\(label(wanted)) ≈ \(label(held)) \(value)"
    }
}
