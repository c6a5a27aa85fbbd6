import SkillsCore

/// One unit vector per skill (row `i` is skill `i`), whatever produced them: the taxonomy
/// factorisation (``SkillEmbeddingBuilder``) today, the sentence encoder later.
///
/// Rows are L2-normalised on construction, so similarity is a dot product. A zero row (a skill
/// nothing is known about) has similarity 0 to every skill.
public struct SkillVectors: Sendable {
    /// The normalised vectors.
    public let matrix: VectorMatrix
    let index: FlatVectorIndex

    /// Wraps (and normalises a copy of) `matrix`.
    public init(matrix: VectorMatrix) throws {
        var normalised = matrix
        normalised.normalizeRows()
        self.matrix = normalised
        self.index = try FlatVectorIndex(vectors: normalised)
    }

    /// Number of skills.
    public var count: Int { matrix.count }
    /// Vector length.
    public var dimension: Int { matrix.dimension }

    /// Skill `skill`'s unit (or zero) vector.
    public func vector(of skill: Int32) throws -> [Float] { try matrix.row(skill) }

    /// Cosine similarity of two skills, in -1...1.
    public func similarity(_ a: Int32, _ b: Int32) throws -> Float {
        try matrix.checkRow(a)
        try matrix.checkRow(b)
        let d = dimension
        return matrix.withUnsafeBufferPointer { m in
            BLAS.sdot(d, m.baseAddress! + Int(a) * d, m.baseAddress! + Int(b) * d)
        }
    }

    /// The `k` skills most similar to `skill` by cosine, best first, excluding the skill itself;
    /// empty for a skill with a zero vector (nothing is known about it).
    public func neighbours(of skill: Int32, k: Int) throws -> [ScoredID] {
        guard k > 0 else { throw VectorsError(.invalidArgument, "k must be positive, got \(k)") }
        let query = try vector(of: skill)
        guard query.contains(where: { $0 != 0 }) else { return [] }
        let found = try index.search(query: query, k: min(k + 1, max(count, 1)))
        return Array(found.filter { $0.id != skill }.prefix(k))
    }

    /// Neighbours of every skill in one blocked `sgemm` pass (see ``neighbours(of:k:)``).
    public func allNeighbours(k: Int) throws -> [[ScoredID]] {
        guard k > 0 else { throw VectorsError(.invalidArgument, "k must be positive, got \(k)") }
        guard count > 0 else { return [] }
        let found = try index.search(queries: matrix, k: min(k + 1, count))
        return try found.enumerated().map { skill, list in
            try vector(of: Int32(skill)).contains(where: { $0 != 0 })
                ? Array(list.filter { $0.id != Int32(skill) }.prefix(k)) : []
        }
    }
}
