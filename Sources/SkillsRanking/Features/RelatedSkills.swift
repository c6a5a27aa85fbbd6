/// Skill-to-skill similarity, the source of related-skill credit ("PostgreSQL ≈ MySQL 0.72").
///
/// Implementations come from taxonomy hierarchy and skill vectors (SkillsVectors); tests use a table.
public protocol RelatedSkills: Sendable {
    /// Skills similar to `skill` with similarity in (0, 1), most similar first; never `skill` itself.
    /// A short precomputed list: candidate generation expands queries with its head.
    func related(to skill: Int32) -> [(skill: Int32, similarity: Float)]

    /// Similarity of two different skills in [0, 1) (0: unrelated). Related credit compares each
    /// missing skill with every held one through this, so it is not limited to ``related(to:)``'s list.
    func similarity(_ a: Int32, _ b: Int32) -> Float
}

extension RelatedSkills {
    /// Looked up in ``related(to:)``; implementations with a formula override it.
    public func similarity(_ a: Int32, _ b: Int32) -> Float {
        related(to: a).first { $0.skill == b }?.similarity ?? 0
    }
}

/// No related skills: related credit is always 0.
public struct NoRelatedSkills: RelatedSkills {
    public init() {}
    public func related(to skill: Int32) -> [(skill: Int32, similarity: Float)] { [] }
}

/// Related skills from an explicit symmetric table.
public struct RelatedSkillTable: RelatedSkills {
    let table: [Int32: [(skill: Int32, similarity: Float)]]

    /// - Parameter pairs: each pair is related both ways with the given similarity in (0, 1).
    public init(_ pairs: [(Int32, Int32, Float)]) {
        var table: [Int32: [(skill: Int32, similarity: Float)]] = [:]
        for (a, b, s) in pairs where a != b {
            table[a, default: []].append((b, s))
            table[b, default: []].append((a, s))
        }
        self.table = table.mapValues { $0.sorted { $0.similarity > $1.similarity || ($0.similarity == $1.similarity && $0.skill < $1.skill) } }
    }

    public func related(to skill: Int32) -> [(skill: Int32, similarity: Float)] { table[skill] ?? [] }
}
