import SkillsCore
import SkillsTestSupport
import Testing
@testable import SkillsVectors

/// A small hand-made taxonomy where the right neighbours are known.
enum TinyTaxonomy {
    static let databases: Int32 = 0, postgres: Int32 = 1, mysql: Int32 = 2, sqlite: Int32 = 3
    static let programming: Int32 = 4, swift: Int32 = 5, rust: Int32 = 6, python: Int32 = 7
    static let cooking: Int32 = 8, baking: Int32 = 9, pastry: Int32 = 10, orphan: Int32 = 11
    static let count = 12
    static let hierarchy: [(child: Int32, parent: Int32)] = [
        (postgres, databases), (mysql, databases), (sqlite, databases),
        (swift, programming), (rust, programming), (python, programming),
        (baking, cooking), (pastry, cooking),
    ]
    static let groups: [[Int32]] = [[baking, pastry]]
    static let occupations: [[Int32]] = [
        [postgres, mysql, swift, python], [postgres, mysql, rust], [postgres, sqlite, python], [mysql, sqlite, python],
        [swift, sqlite], [rust, swift], [cooking, baking, pastry], [baking, pastry], [cooking, pastry],
    ]
    static let computing: Set<Int32> = [databases, postgres, mysql, sqlite, programming, swift, rust, python]
    static let kitchen: Set<Int32> = [cooking, baking, pastry]

    static func vectors(dimension: Int = 4, seed: UInt64 = 1) throws -> VectorMatrix {
        try SkillEmbeddingBuilder.build(
            skillCount: count, hierarchy: hierarchy, groups: groups, cooccurrence: occupations,
            dimension: dimension, seed: seed)
    }
}

/// Properties checked:
/// 1. the LAPACK eigen-decomposition satisfies A·v = λ·v with orthonormal v;
/// 2. the randomized eigen-solver finds the same leading eigenvalues as the dense one;
/// 3. skill vectors are deterministic for a seed, unit length (zero for skills nothing mentions),
///    and put related skills nearer than unrelated ones;
/// 4. entity vectors equal the normalised weighted sum computed by hand;
/// 5. skill similarity follows its formula, its threshold, and gives PostgreSQL → MySQL credit;
/// 6. bad input throws.
struct SkillVectorsTests {
    @Test func symmetricEigenSatisfiesDefinition() throws {
        var rng = SeededGenerator(seed: 11)
        let n = 17
        var a = [Float](repeating: 0, count: n * n)
        for i in 0..<n { for j in 0...i { let v = Float.random(in: -1...1, using: &rng); a[i * n + j] = v; a[j * n + i] = v } }
        var vectors = a
        let values = try BLAS.symmetricEigen(n: n, &vectors)
        #expect(values == values.sorted())
        for j in 0..<n {
            let v = Array(vectors[j * n..<(j + 1) * n])
            for i in 0..<n {
                let av = Reference.dot(Array(a[i * n..<(i + 1) * n]), v)
                #expect(abs(av - values[j] * v[i]) < 1e-4)
            }
            #expect(abs(Reference.dot(v, v) - 1) < 1e-4)
        }
    }

    @Test func sparseMatrixMultipliesLikeDense() {
        var rng = SeededGenerator(seed: 14)
        let n = 40, width = 7
        var rows = [[Int32: Float]](repeating: [:], count: n)
        for _ in 0..<300 { rows[Int.random(in: 0..<n, using: &rng)][Int32.random(in: 0..<Int32(n), using: &rng), default: 0] += Float.random(in: -1...1, using: &rng) }
        var sparse = SparseMatrix(size: n, rows: rows)
        // Drop the negative entries, as PPMI does, then compare with the dense product.
        sparse.transformValues { _, _, v in max(0, v) }
        #expect(sparse.nonZeroCount == rows.reduce(0) { $0 + $1.values.filter { $0 > 0 }.count })
        let x = (0..<n * width).map { _ in Float.random(in: -1...1, using: &rng) }
        let y = sparse.multiply(x, width: width)
        for i in 0..<n {
            for c in 0..<width {
                let expected = rows[i].reduce(Float(0)) { $0 + max(0, $1.value) * x[Int($1.key) * width + c] }
                #expect(abs(y[i * width + c] - expected) < 1e-4)
            }
        }
    }

    @Test func randomizedEigenFindsLeadingEigenvalues() throws {
        var rng = SeededGenerator(seed: 12)
        let n = 80
        // Sparse symmetric matrix with a clear spectrum gap: a few planted rank-one blocks plus noise.
        var rows = [[Int32: Float]](repeating: [:], count: n)
        for block in 0..<4 {
            let members = (0..<n).filter { $0 % 4 == block }
            for a in members { for b in members { rows[a][Int32(b), default: 0] += Float(5 - block) } }
        }
        for _ in 0..<200 {
            let a = Int.random(in: 0..<n, using: &rng), b = Int.random(in: 0..<n, using: &rng)
            let v = Float.random(in: 0...0.2, using: &rng)
            rows[a][Int32(b), default: 0] += v
            rows[b][Int32(a), default: 0] += v
        }
        let sparse = SparseMatrix(size: n, rows: rows)
        var dense = [Float](repeating: 0, count: n * n)
        for (i, row) in rows.enumerated() { for (j, v) in row { dense[i * n + Int(j)] = v } }
        let exact = try BLAS.symmetricEigen(n: n, &dense).reversed().prefix(4)
        let found = try RandomizedEigen.leading(sparse, count: 4, oversampling: 10, powerIterations: 3, seed: 1)
        #expect(found.values.count == 4)
        for (got, want) in zip(found.values, exact) { #expect(abs(got - want) <= 1e-3 * abs(want)) }
    }

    @Test func embeddingIsDeterministicAndNormalised() throws {
        let a = try TinyTaxonomy.vectors(seed: 5), b = try TinyTaxonomy.vectors(seed: 5)
        #expect(a == b)
        #expect(a.count == TinyTaxonomy.count && a.dimension == 4)
        for skill in 0..<Int32(TinyTaxonomy.count) {
            let row = try a.row(skill)
            let norm = Reference.dot(row, row)
            if skill == TinyTaxonomy.orphan { #expect(norm == 0) } else { #expect(abs(norm - 1) < 1e-4) }
        }
        // Larger dimension than the rank: extra columns are zero, rows still unit length.
        let wide = try TinyTaxonomy.vectors(dimension: 40)
        #expect(abs(Reference.dot(try wide.row(TinyTaxonomy.mysql), try wide.row(TinyTaxonomy.mysql)) - 1) < 1e-4)
    }

    @Test func embeddingPutsRelatedSkillsTogether() throws {
        let skills = try SkillVectors(matrix: TinyTaxonomy.vectors(dimension: 3))
        for skill in TinyTaxonomy.computing.union(TinyTaxonomy.kitchen) {
            let nearest = try skills.neighbours(of: skill, k: 1)[0].id
            let family = TinyTaxonomy.computing.contains(skill) ? TinyTaxonomy.computing : TinyTaxonomy.kitchen
            #expect(family.contains(nearest), "nearest of \(skill) is \(nearest)")
        }
        #expect(try skills.similarity(TinyTaxonomy.postgres, TinyTaxonomy.mysql) > skills.similarity(TinyTaxonomy.postgres, TinyTaxonomy.baking))
        #expect(try skills.neighbours(of: TinyTaxonomy.orphan, k: 3).isEmpty)
        let all = try skills.allNeighbours(k: 3)
        for skill in 0..<Int32(TinyTaxonomy.count) {
            // sgemm and sgemv round differently, so near-ties may swap: compare as the reference does.
            #expect(Reference.agree(all[Int(skill)], try skills.neighbours(of: skill, k: 3)))
        }
    }

    @Test func entityVectorIsNormalisedWeightedSum() throws {
        var rng = SeededGenerator(seed: 21)
        let skills = try SkillVectors(matrix: Reference.randomMatrix(rows: 30, dimension: 16, &rng))
        let builder = EntityVectorBuilder(skills: skills)
        for _ in 0..<20 {
            let profile = (0..<Int.random(in: 1...8, using: &rng)).map { _ in
                (skill: Int32.random(in: 0..<30, using: &rng), weight: Float.random(in: 0...2, using: &rng))
            }
            var expected = [Float](repeating: 0, count: 16)
            for (skill, weight) in profile {
                for (i, x) in try skills.vector(of: skill).enumerated() { expected[i] += weight * x }
            }
            let norm = Reference.dot(expected, expected).squareRoot()
            expected = expected.map { $0 / norm }
            let got = try builder.vector(profile: profile)
            #expect(zip(got, expected).allSatisfy { abs($0 - $1) < 1e-5 })
            #expect(try builder.matrix(profiles: [profile, []]).row(0) == got)
        }
        #expect(try builder.vector(profile: []) == [Float](repeating: 0, count: 16))
        #expect(throws: VectorsError.self) { try builder.vector(profile: [(skill: 30, weight: 1)]) }
        #expect(throws: VectorsError.self) { try builder.vector(profile: [(skill: 1, weight: -1)]) }
    }

    @Test func relatedSkillCredit() throws {
        let skills = try SkillVectors(matrix: TinyTaxonomy.vectors(dimension: 3))
        let similarity = try SkillSimilarity(vectors: skills, hierarchy: TinyTaxonomy.hierarchy, groups: TinyTaxonomy.groups)
        let config = similarity.configuration
        let related = similarity.related(to: TinyTaxonomy.postgres)
        #expect(related.contains { $0.id == TinyTaxonomy.mysql })
        #expect(related.allSatisfy { TinyTaxonomy.computing.contains($0.id) && $0.score >= config.minimumSimilarity })
        #expect(related == related.sorted(by: ScoredID.ranksBefore))
        // Siblings outrank an unrelated language when vectors are comparable: hierarchy credit is added.
        #expect(similarity.similarity(TinyTaxonomy.postgres, TinyTaxonomy.mysql) >= similarity.similarity(TinyTaxonomy.postgres, TinyTaxonomy.rust))
        #expect(similarity.hierarchyCredit(TinyTaxonomy.postgres, TinyTaxonomy.mysql) == config.siblingCredit)
        #expect(similarity.hierarchyCredit(TinyTaxonomy.postgres, TinyTaxonomy.databases) == config.parentChildCredit)
        #expect(similarity.hierarchyCredit(TinyTaxonomy.baking, TinyTaxonomy.pastry) == config.siblingCredit)
        #expect(similarity.hierarchyCredit(TinyTaxonomy.postgres, TinyTaxonomy.baking) == 0)
        #expect(similarity.similarity(TinyTaxonomy.postgres, TinyTaxonomy.baking) == 0)
        #expect(similarity.similarity(TinyTaxonomy.mysql, TinyTaxonomy.mysql) == 1)
        #expect(similarity.related(to: TinyTaxonomy.orphan).isEmpty)
        #expect(similarity.related(to: 99).isEmpty)
        // The formula, recomputed by hand for every pair.
        for a in 0..<Int32(TinyTaxonomy.count) {
            for b in 0..<Int32(TinyTaxonomy.count) where a != b {
                let raw = min(1, config.vectorWeight * max(0, try skills.similarity(a, b)) + config.hierarchyWeight * similarity.hierarchyCredit(a, b))
                let expected = raw >= config.minimumSimilarity ? raw : 0
                #expect(abs(similarity.similarity(a, b) - expected) < 1e-6)
                #expect(similarity.similarity(a, b) == similarity.similarity(b, a))
            }
        }
    }

    @Test func badInputThrows() throws {
        #expect(throws: VectorsError.self) {
            try SkillEmbeddingBuilder.build(skillCount: 3, hierarchy: [(child: 0, parent: 5)], groups: [], cooccurrence: [], dimension: 2, seed: 1)
        }
        #expect(throws: VectorsError.self) {
            try SkillEmbeddingBuilder.build(skillCount: 3, hierarchy: [], groups: [], cooccurrence: [[0, 1]], dimension: 0, seed: 1)
        }
        #expect(throws: VectorsError.self) {
            try SkillEmbeddingBuilder.build(skillCount: 3, hierarchy: [], groups: [[-1]], cooccurrence: [], dimension: 2, seed: 1)
        }
        let empty = try SkillEmbeddingBuilder.build(skillCount: 0, hierarchy: [], groups: [], cooccurrence: [], dimension: 2, seed: 1)
        #expect(empty.count == 0)
        let skills = try SkillVectors(matrix: TinyTaxonomy.vectors())
        #expect(throws: VectorsError.self) { try SkillSimilarity(vectors: skills, hierarchy: [(child: 1, parent: 1)], groups: []) }
        #expect(throws: VectorsError.self) {
            try SkillSimilarity(vectors: skills, hierarchy: [], groups: [], configuration: .init(minimumSimilarity: 2))
        }
        #expect(throws: VectorsError.self) { try skills.similarity(0, 12) }
    }
}
