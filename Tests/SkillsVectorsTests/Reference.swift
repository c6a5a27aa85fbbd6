import SkillsCore
import SkillsTestSupport
@testable import SkillsVectors

/// Simple reference implementations and seeded data the tests compare against.
enum Reference {
    /// Scalar dot product in Double, summed in order.
    static func dot(_ a: [Float], _ b: [Float]) -> Float {
        var sum = 0.0
        for i in a.indices { sum += Double(a[i]) * Double(b[i]) }
        return Float(sum)
    }

    /// Uniform values in -1...1.
    static func randomVector(_ d: Int, _ rng: inout SeededGenerator) -> [Float] {
        (0..<d).map { _ in Float.random(in: -1...1, using: &rng) }
    }

    static func randomMatrix(rows: Int, dimension: Int, _ rng: inout SeededGenerator) throws -> VectorMatrix {
        try VectorMatrix(dimension: dimension, values: (0..<rows * dimension).map { _ in Float.random(in: -1...1, using: &rng) })
    }

    /// Scores of all (eligible) rows, computed with the same BLAS dot the index uses for a row, sorted,
    /// then cut to k: the definition of the right answer.
    static func topK(_ matrix: VectorMatrix, _ query: [Float], k: Int, filter: RowSet?) throws -> [ScoredID] {
        var all: [ScoredID] = []
        for r in 0..<matrix.count where filter?.contains(r) ?? true {
            all.append(ScoredID(id: Int32(r), score: dot(try matrix.row(Int32(r)), query)))
        }
        all.sort(by: ScoredID.ranksBefore)
        return Array(all.prefix(k))
    }

    /// Whether two result lists agree: same length, scores equal within `tolerance`, and ids equal
    /// wherever the reference's neighbouring scores are further apart than the tolerance (near-ties
    /// may legitimately swap between summation orders).
    static func agree(_ got: [ScoredID], _ expected: [ScoredID], tolerance: Float = 1e-4) -> Bool {
        guard got.count == expected.count else { return false }
        for i in got.indices {
            if abs(got[i].score - expected[i].score) > tolerance * max(1, abs(expected[i].score)) { return false }
            let isolated =
                (i == 0 || expected[i - 1].score - expected[i].score > tolerance * 4)
                && (i + 1 == expected.count || expected[i].score - expected[i + 1].score > tolerance * 4)
            if isolated && got[i].id != expected[i].id { return false }
        }
        return Set(got.map(\.id)).count == got.count
    }
}
