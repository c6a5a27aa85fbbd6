// Properties of IndexSnapshot.search:
// 1. MaxScore top-k equals an exhaustive reference for skill, text and mixed queries, for many
//    seeded queries and k, with and without filters.
// 2. On a realistic corpus (Zipfian skills), pruning reads far fewer postings than the union of the query's lists.
// 3. Cursor pagination yields every result exactly once, in ranking order.
// 4. Replaced and deleted entities never appear; their slots stay tombstoned.
// 5. Facet counts equal counts over the reference match set.
import Foundation
import SkillsCore
import SkillsTestSupport
import Testing

@testable import SkillsIndex

func randomQuery(_ rng: inout SeededGenerator, corpus: SyntheticCorpus, mode: Int) -> SearchQuery {
    var query = SearchQuery()
    if mode != 1 {
        let family = corpus.familySkills[Int.random(in: 0..<corpus.familySkills.count, using: &rng)]
        let skills = Set((0..<Int.random(in: 1...12, using: &rng)).map { _ in family.randomElement(using: &rng)! })
        query.skills = skills.sorted().map { .init(skill: $0, weight: Float(Int.random(in: 1...10, using: &rng)) / 10) }
    }
    if mode != 0 {
        query.text = corpus.textQuery(Int.random(in: 0..<10_000, using: &rng))
        query.textBoost = mode == 2 ? 0.5 : 1
    }
    return query
}

func randomFilters(_ rng: inout SeededGenerator, kind: EntityKind) -> FilterSet {
    var f = FilterSet()
    switch Int.random(in: 0..<5, using: &rng) {
    case 0: break
    case 1: f.near = .init(center: GeoPoint(latitude: 39.0, longitude: -95.0), radiusKilometres: 1_500, includeRemote: Bool.random(using: &rng))
    case 2: f.pay = PayRange(minimum: 60_000, maximum: 110_000)
    case 3 where kind == .job: f.employmentTypes = [.fullTime, .contract]
    case 3: f.remoteOnly = true
    default: f.occupationCodePrefix = "1"
    }
    return f
}

@Test(arguments: [EntityKind.job, .candidate])
func prunedTopKEqualsReference(kind: EntityKind) throws {
    let fixture = try IndexFixture(seed: 7)
    let snapshot = fixture.writer.snapshot()
    var rng = SeededGenerator(seed: 99)
    for round in 0..<80 {
        let query = randomQuery(&rng, corpus: fixture.corpus, mode: round % 3)
        let filters = round % 2 == 0 ? FilterSet() : randomFilters(&rng, kind: kind)
        let k = [1, 3, 10, 25][round % 4]
        let result = try snapshot.search(query, in: kind, filters: filters, limit: k)
        let reference = IndexFixture.reference(snapshot, query, kind: kind, filters: filters)
        #expect(IndexFixture.agree(result.hits, reference, k: k), "round \(round) k \(k) query \(query)")
    }
}

@Test func pruningReadsFarFewerPostingsThanTheUnion() throws {
    let fixture = try IndexFixture(seed: 3, jobs: 12_000, candidates: 0, programs: 0, realistic: true)
    let snapshot = fixture.writer.snapshot()
    var rng = SeededGenerator(seed: 5)
    var union = 0, read = 0
    for _ in 0..<40 {
        let query = randomQuery(&rng, corpus: fixture.corpus, mode: 0)
        let stats = try snapshot.search(query, in: .job, limit: 10).statistics
        union += stats.unionPostings
        read += stats.postingsRead
    }
    #expect(read * 2 < union, "read \(read) of \(union) postings")
}

@Test func cursorPagesYieldEveryResultOnceInOrder() throws {
    let fixture = try IndexFixture(seed: 11)
    let snapshot = fixture.writer.snapshot()
    var rng = SeededGenerator(seed: 12)
    for round in 0..<10 {
        let query = randomQuery(&rng, corpus: fixture.corpus, mode: round % 3)
        let reference = IndexFixture.reference(snapshot, query, kind: .job, filters: FilterSet())
        var pages: [ScoredID] = []
        var cursor: SearchCursor?
        repeat {
            let token = cursor?.token
            let page = try snapshot.search(query, in: .job, limit: 7, after: try token.map { try SearchCursor(token: $0) })
            pages += page.hits
            cursor = page.nextCursor
        } while cursor != nil
        #expect(pages.count == reference.count)
        #expect(Set(pages.map(\.id)).count == pages.count)
        #expect(zip(pages, pages.dropFirst()).allSatisfy { ScoredID.ranksBefore($0, $1) })
        #expect(IndexFixture.agree(pages, reference, k: reference.count))
    }
}

@Test func replacedAndDeletedEntitiesNeverAppear() throws {
    var fixture = try IndexFixture(seed: 21, jobs: 200, candidates: 0, programs: 0)
    var rng = SeededGenerator(seed: 22)
    var deleted = Set<String>()
    for _ in 0..<40 {
        let i = Int.random(in: 0..<200, using: &rng)
        if Bool.random(using: &rng) {
            if fixture.writer.delete(EntityKey(.job, "job-\(i)")) { deleted.insert("job-\(i)") }
        } else {
            var job = fixture.corpus.job(i + 1_000)
            job.id = "job-\(i)"
            try fixture.writer.upsert(.job(job))
            deleted.remove("job-\(i)")
        }
    }
    let snapshot = fixture.writer.snapshot()
    #expect(snapshot.count(of: .job) == 200 - deleted.count)
    for i in 0..<20 {
        let query = randomQuery(&rng, corpus: fixture.corpus, mode: i % 3)
        let hits = try snapshot.search(query, in: .job, limit: 50).hits
        #expect(hits.allSatisfy { snapshot.entity($0.id).map { !deleted.contains($0.id) } ?? false })
        #expect(IndexFixture.agree(hits, IndexFixture.reference(snapshot, query, kind: .job, filters: FilterSet()), k: 50))
    }
}

@Test func facetCountsEqualReferenceCounts() throws {
    let fixture = try IndexFixture(seed: 31)
    let snapshot = fixture.writer.snapshot()
    var rng = SeededGenerator(seed: 32)
    for round in 0..<10 {
        let query = randomQuery(&rng, corpus: fixture.corpus, mode: round % 3)
        let filters = randomFilters(&rng, kind: .job)
        let facets = try snapshot.facets(query, in: .job, filters: filters, fields: [.employmentType, .workplace])
        let matches = IndexFixture.reference(snapshot, query, kind: .job, filters: filters)
        var expected: [String: Int] = [:]
        for m in matches { expected[snapshot.attributes(m.id)!.employmentType!.rawValue, default: 0] += 1 }
        #expect(facets[.employmentType] == expected)
        #expect(facets[.workplace]!.values.reduce(0, +) == matches.count)
    }
}
