import Foundation

/// Skill vectors from the taxonomy alone: co-occurrence in occupation profiles, the skills
/// hierarchy and skill groups, factorised by a randomized eigen-decomposition on BLAS and LAPACK.
///
/// ## The matrix
/// Every list of skills that belong together (each occupation profile, each parent with its
/// children, each group) adds weight to every pair in it:
/// `C[i][j] += w / (L − 1)` for a list of length `L`, with `w` = 1 for occupation profiles,
/// ``Configuration/hierarchyWeight`` for parent–child lists and ``Configuration/groupWeight`` for
/// groups (dividing by `L − 1` gives each member the same total mass from a list, so one huge group
/// does not drown the rest). Then positive pointwise mutual information:
/// `M[i][j] = max(0, log(C[i][j] · T / (r_i · r_j)))`, `r` the row sums and `T` their total.
///
/// ## The factorisation
/// `M` is symmetric, so its leading eigenvectors give the best rank-`d` approximation. A
/// randomized range finder (Halko, Martinsson and Tropp, 2011) finds them: `Y = M·Ω` for a seeded
/// Gaussian `Ω` with `d + oversampling` columns, power iterations `Y = M·Q`, orthonormalisation by
/// the Gram matrix (`sgemm` for `YᵀY`, LAPACK `ssyevd`, `sgemm` again, done twice for stability),
/// then the small projected matrix `B = Qᵀ·M·Q` is decomposed with `ssyevd`. A skill's vector is
/// its row of `Q·W·√Λ` over the `d` largest positive eigenvalues, L2-normalised.
///
/// The result depends only on the inputs and the seed. Skills that appear in no list get a zero
/// vector (similarity 0 to everything), never a random one.
public enum SkillEmbeddingBuilder {
    /// Weights and numerical knobs, all validated.
    public struct Configuration: Sendable, Codable, Equatable {
        /// Weight of each parent-with-children list.
        public var hierarchyWeight: Float
        /// Weight of each group list.
        public var groupWeight: Float
        /// Extra random columns beyond the dimension (accuracy of the range finder).
        public var oversampling: Int
        /// Power iterations (each sharpens the leading eigenvectors).
        public var powerIterations: Int

        public init(hierarchyWeight: Float = 2, groupWeight: Float = 1, oversampling: Int = 10, powerIterations: Int = 3) {
            self.hierarchyWeight = hierarchyWeight
            self.groupWeight = groupWeight
            self.oversampling = oversampling
            self.powerIterations = powerIterations
        }

        public func validate() throws {
            guard hierarchyWeight.isFinite, hierarchyWeight >= 0 else {
                throw VectorsError(.invalidArgument, "hierarchyWeight must be finite and ≥ 0, got \(hierarchyWeight)")
            }
            guard groupWeight.isFinite, groupWeight >= 0 else {
                throw VectorsError(.invalidArgument, "groupWeight must be finite and ≥ 0, got \(groupWeight)")
            }
            guard (0...1000).contains(oversampling) else {
                throw VectorsError(.invalidArgument, "oversampling must be in 0...1000, got \(oversampling)")
            }
            guard (0...20).contains(powerIterations) else {
                throw VectorsError(.invalidArgument, "powerIterations must be in 0...20, got \(powerIterations)")
            }
        }
    }

    /// Builds one L2-normalised vector per skill (row `i` is skill `i`).
    ///
    /// - Parameters:
    ///   - skillCount: skills are numbered `0..<skillCount`.
    ///   - hierarchy: `(child, parent)` edges between skills.
    ///   - groups: sets of skills that share a group (for example an ESCO skill group).
    ///   - cooccurrence: skill lists that occur together, such as each occupation's profile.
    ///   - dimension: vector length (at least 1; columns beyond the matrix rank are zero).
    ///   - seed: seeds the random projection.
    public static func build(
        skillCount: Int, hierarchy: [(child: Int32, parent: Int32)], groups: [[Int32]], cooccurrence: [[Int32]],
        dimension: Int, seed: UInt64, configuration: Configuration = Configuration()
    ) throws -> VectorMatrix {
        try configuration.validate()
        guard skillCount >= 0, skillCount <= Int(Int32.max) else {
            throw VectorsError(.invalidArgument, "skillCount must be in 0...\(Int32.max), got \(skillCount)")
        }
        guard dimension > 0 else { throw VectorsError(.invalidArgument, "dimension must be positive, got \(dimension)") }
        let pmi = try ppmiMatrix(skillCount: skillCount, hierarchy: hierarchy, groups: groups,
                                 cooccurrence: cooccurrence, configuration: configuration)
        var result = try VectorMatrix(dimension: dimension, values: [Float](repeating: 0, count: skillCount * dimension))
        guard skillCount > 0, pmi.nonZeroCount > 0 else { return result }
        let factors = try RandomizedEigen.leading(pmi, count: dimension, oversampling: configuration.oversampling,
                                                  powerIterations: configuration.powerIterations, seed: seed)
        var values = [Float](repeating: 0, count: skillCount * dimension)
        for (c, (lambda, vector)) in zip(factors.values, factors.vectors).enumerated() where lambda > 0 {
            let s = lambda.squareRoot()
            for i in 0..<skillCount { values[i * dimension + c] = vector[i] * s }
        }
        result = try VectorMatrix(dimension: dimension, values: values)
        result.normalizeRows()
        return result
    }

    /// The PPMI matrix of the weighted co-occurrence counts (see the type's documentation).
    static func ppmiMatrix(
        skillCount n: Int, hierarchy: [(child: Int32, parent: Int32)], groups: [[Int32]], cooccurrence: [[Int32]],
        configuration: Configuration
    ) throws -> SparseMatrix {
        func check(_ id: Int32, _ what: String) throws {
            guard id >= 0, Int(id) < n else { throw VectorsError(.rowOutOfRange, "\(what) names skill \(id), outside 0..<\(n)") }
        }
        var counts = [[Int32: Float]](repeating: [:], count: n)
        func add(_ list: [Int32], weight: Float) {
            let members = Array(Set(list))
            guard members.count > 1, weight > 0 else { return }
            let w = weight / Float(members.count - 1)
            for a in members { for b in members where a != b { counts[Int(a)][b, default: 0] += w } }
        }
        for (index, list) in cooccurrence.enumerated() {
            for id in list { try check(id, "cooccurrence list \(index)") }
            add(list, weight: 1)
        }
        for (index, list) in groups.enumerated() {
            for id in list { try check(id, "group \(index)") }
            add(list, weight: configuration.groupWeight)
        }
        var children = [Int32: [Int32]]()
        for (index, edge) in hierarchy.enumerated() {
            try check(edge.child, "hierarchy edge \(index) (child)")
            try check(edge.parent, "hierarchy edge \(index) (parent)")
            children[edge.parent, default: []].append(edge.child)
        }
        for (parent, kids) in children.sorted(by: { $0.key < $1.key }) {
            add([parent] + kids, weight: configuration.hierarchyWeight)
        }
        var matrix = SparseMatrix(size: n, rows: counts)
        let sums = matrix.rowSums
        let total = sums.reduce(0, +)
        guard total > 0 else { return matrix }
        matrix.transformValues { i, j, c in
            Float(max(0, Foundation.log(Double(c) * total / (sums[i] * sums[j]))))
        }
        return matrix
    }
}
