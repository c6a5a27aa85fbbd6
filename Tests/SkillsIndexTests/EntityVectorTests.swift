// Properties of the entity vectors held by the index:
// 1. Each entity's vector is EntityVectorBuilder's vector of its profile (normalised weighted sum);
//    a vector passed to `upsert` (restart from SQLite) is kept as is; a wrong length is refused.
// 2. Dense candidate generation equals a brute-force reference (every live document of the kind
//    passing the filter, sorted by dot product, ties on the lower document) over seeded corpora,
//    with replaced and deleted entities, for many queries, counts and filters.
// 3. Snapshot cosine equals the dot product of the two vectors.
// 4. Hybrid search equals its formula recomputed over the pooled documents.
import Foundation
import SkillsCore
import SkillsTestSupport
import SkillsVectors
import Testing

@testable import SkillsIndex

struct EntityVectorTests {
    static func skillVectors(count: Int, dimension: Int, seed: UInt64) throws -> SkillVectors {
        var rng = SeededGenerator(seed: seed)
        let values = (0..<count * dimension).map { _ in Float.random(in: -1...1, using: &rng) }
        return try SkillVectors(matrix: VectorMatrix(dimension: dimension, values: values))
    }

    static func writer(seed: UInt64, dimension: Int = 16) throws -> (IndexWriter, SyntheticCorpus, EntityVectorBuilder) {
        var p = SyntheticCorpus.Parameters()
        p.skillCount = 300
        p.families = 5
        p.skillsPerFamily = 60
        p.vocabulary = 150
        p.seed = seed
        let corpus = SyntheticCorpus(p)
        var config = IndexConfiguration()
        config.skillCount = p.skillCount
        let builder = EntityVectorBuilder(skills: try skillVectors(count: p.skillCount, dimension: dimension, seed: seed &+ 1))
        var writer = try IndexWriter(configuration: config, profileBuilder: SkillProfileBuilder(asOf: SyntheticCorpus.today), entityVectors: builder)
        for i in 0..<300 { try writer.upsert(.job(corpus.job(i))) }
        for i in 0..<120 { try writer.upsert(.candidate(corpus.candidate(i))) }
        // Replace and delete some jobs so dead rows exist.
        for i in stride(from: 0, to: 300, by: 7) { try writer.upsert(.job(corpus.job((i * 13) % 300))) }
        for i in stride(from: 3, to: 300, by: 11) { writer.delete(EntityKey(.job, corpus.job(i).id)) }
        return (writer, corpus, builder)
    }

    @Test func vectorsAreTheNormalisedProfileSum() throws {
        let (writer, _, builder) = try Self.writer(seed: 1)
        let snapshot = writer.snapshot()
        var checked = 0
        for doc in 0..<Int32(snapshot.slotCount) {
            guard snapshot.entity(doc) != nil else {
                #expect(snapshot.vector(of: doc) == nil)
                continue
            }
            let expected = try builder.vector(profile: snapshot.profile(doc).entries.map { ($0.skill, $0.weight) })
            let actual = try #require(snapshot.vector(of: doc))
            #expect(actual == expected)
            let norm = actual.reduce(0) { $0 + $1 * $1 }
            #expect(abs(norm - 1) < 1e-4)
            checked += 1
        }
        #expect(checked == snapshot.count(of: .job) + snapshot.count(of: .candidate))
        let live = (0..<Int32(snapshot.slotCount)).filter { snapshot.entity($0) != nil }
        for (x, y) in zip(live, live.reversed()).prefix(50) {
            let a = try #require(snapshot.vector(of: x)), b = try #require(snapshot.vector(of: y))
            let dot = zip(a, b).reduce(Float(0)) { $0 + $1.0 * $1.1 }
            #expect(abs(try #require(snapshot.cosine(x, y)) - dot) < 1e-5)
        }
    }

    @Test func givenVectorIsKeptAndWrongLengthRefused() throws {
        var (writer, corpus, _) = try Self.writer(seed: 2, dimension: 8)
        let stored: [Float] = [1, 0, 0, 0, 0, 0, 0, 0]
        let slot = try writer.upsert(.job(corpus.job(400)), vector: stored)
        #expect(writer.snapshot().vector(of: slot) == stored)
        #expect(throws: IndexError.self) { try writer.upsert(.job(corpus.job(401)), vector: [1, 0]) }
        var config = IndexConfiguration()
        config.skillCount = 10
        let builder = EntityVectorBuilder(skills: try Self.skillVectors(count: 9, dimension: 4, seed: 3))
        #expect(throws: IndexError.self) {
            try IndexWriter(configuration: config, profileBuilder: SkillProfileBuilder(asOf: SyntheticCorpus.today), entityVectors: builder)
        }
    }

    /// Every live document of `kind` passing `filters`, by dot product with `query`.
    static func reference(_ snapshot: IndexSnapshot, _ query: [Float], kind: EntityKind, filters: FilterSet, count: Int) -> [ScoredID] {
        var all: [ScoredID] = []
        for doc in 0..<Int32(snapshot.slotCount) {
            guard let entity = snapshot.entity(doc), entity.kind == kind, filters.matches(snapshot.attributes(doc)!),
                let v = snapshot.vector(of: doc)
            else { continue }
            // Same kernel as the scan, so equal scores compare equal.
            let score = v.withUnsafeBufferPointer { x in query.withUnsafeBufferPointer { q in BLAS.sdot(v.count, x.baseAddress!, q.baseAddress!) } }
            all.append(ScoredID(id: doc, score: score))
        }
        all.sort { $0.score != $1.score ? $0.score > $1.score : $0.id < $1.id }
        return Array(all.prefix(count))
    }

    @Test(arguments: [UInt64(11), 12, 13])
    func denseCandidatesEqualBruteForce(seed: UInt64) throws {
        let (writer, corpus, builder) = try Self.writer(seed: seed)
        let snapshot = writer.snapshot()
        var rng = SeededGenerator(seed: seed &* 31)
        for q in 0..<40 {
            let query = builder.vector(of: SkillProfileBuilder(asOf: SyntheticCorpus.today).profile(for: .candidate(corpus.candidate(q))))
            var filters = FilterSet()
            switch q % 4 {
            case 1: filters.openOn = SyntheticCorpus.today
            case 2: filters.employmentTypes = [.fullTime]
            case 3: filters.near = .init(center: corpus.candidate(q).location!, radiusKilometres: 400, includeRemote: true)
            default: break
            }
            let count = [1, 5, 20, 500][Int.random(in: 0..<4, using: &rng)]
            let kind: EntityKind = q % 5 == 0 && filters.isEmpty ? .candidate : .job
            let found = try snapshot.denseCandidates(query, in: kind, filters: filters, count: count)
            #expect(found == Self.reference(snapshot, query, kind: kind, filters: filters, count: count), "query \(q)")
        }
        #expect(throws: IndexError.self) { try snapshot.denseCandidates([1, 2], in: .job, count: 5) }
        #expect(throws: IndexError.self) { try snapshot.denseCandidates([Float](repeating: 0.1, count: 16), in: .job, count: 0) }
        #expect(try snapshot.denseCandidates([Float](repeating: 0, count: 16), in: .job, count: 5).isEmpty)
    }

    @Test func hybridSearchFollowsItsFormula() throws {
        let (writer, corpus, builder) = try Self.writer(seed: 21)
        let snapshot = writer.snapshot()
        for q in 0..<10 {
            let text = corpus.textQuery(q)
            let vector = builder.vector(of: SkillProfileBuilder(asOf: SyntheticCorpus.today).profile(for: .candidate(corpus.candidate(q))))
            let query = SearchQuery(text: text)
            let depth = 30
            let result = try snapshot.hybridSearch(query, vector: vector, in: .job, limit: 10, semanticWeight: 0.4, depth: depth)
            // Reference: pool = top-depth lexical ∪ top-depth dense, each scored by the formula.
            let lexicalAll = try snapshot.candidates(query, in: .job, count: 100_000)
            let lexical = Array(lexicalAll.prefix(depth))
            let dense = Self.reference(snapshot, vector, kind: .job, filters: FilterSet(), count: depth)
            var pool = Set(lexical.map(\.id)).union(dense.map(\.id))
            let scoreOf = Dictionary(lexicalAll.map { ($0.id, $0.score) }, uniquingKeysWith: max)
            let best = pool.map { scoreOf[$0] ?? 0 }.max() ?? 0
            var expected = pool.map { doc in
                ScoredID(id: doc, score: 0.6 * (best > 0 ? (scoreOf[doc] ?? 0) / best : 0) + 0.4 * max(0, snapshot.cosine(vector, doc)!))
            }
            expected.sort { $0.score != $1.score ? $0.score > $1.score : $0.id < $1.id }
            #expect(result.hits.map(\.id).count == 10)
            for (hit, want) in zip(result.hits, expected.prefix(10)) {
                #expect(abs(hit.score - want.score) < 1e-5, "query \(q)")
            }
            // Pagination continues within the pool without repeats.
            let next = try snapshot.hybridSearch(query, vector: vector, in: .job, limit: 10, after: result.nextCursor, semanticWeight: 0.4, depth: depth)
            #expect(Set(next.hits.map(\.id)).isDisjoint(with: result.hits.map(\.id)))
            pool.subtract(result.hits.map(\.id))
        }
    }
}
