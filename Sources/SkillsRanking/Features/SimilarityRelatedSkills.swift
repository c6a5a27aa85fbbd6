import SkillsVectors

/// Related-skill credit from SkillsVectors' ``SkillSimilarity`` (vector cosine blended with the
/// taxonomy hierarchy, neighbours precomputed).
public struct SimilarityRelatedSkills: RelatedSkills {
    public let similarity: SkillSimilarity

    public init(_ similarity: SkillSimilarity) { self.similarity = similarity }

    public func related(to skill: Int32) -> [(skill: Int32, similarity: Float)] {
        similarity.related(to: skill).filter { $0.id != skill && $0.score > 0 }.map { ($0.id, min($0.score, 1)) }
    }

    /// The formula itself (vectors + hierarchy), for any pair, not only the precomputed neighbours.
    public func similarity(_ a: Int32, _ b: Int32) -> Float {
        a == b ? 0 : similarity.similarity(a, b)
    }
}
