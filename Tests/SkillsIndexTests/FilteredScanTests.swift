// Properties of the filtered scan (MaxScoreScorer strategies):
// 1. Restricting the lists to accepted documents first gives exactly the documents and scores of the
//    document-at-a-time merge, and both equal the exhaustive reference, for selective filters of the
//    benchmark's shape (radius around a city, remote included or not, open on a day, employment
//    types, consenting candidates), many seeded queries and corpora, k from 1 to 200, with cursors;
//    so does restricting only the short lists (long lists probed as non-essential), whether the
//    final threshold proves that exact or the scan falls back to restricting every list.
// 2. The automatic strategy restricts first for selective filters and merges directly without a
//    filter or with one that accepts most documents.
// 3. Restricting tests the filter exactly once per document of the union.
import Foundation
import SkillsCore
import SkillsTestSupport
import Testing

@testable import SkillsIndex

/// Filters of the engine benchmark's shape, selective by construction.
func selectiveFilters(_ rng: inout SeededGenerator, kind: EntityKind, corpus: SyntheticCorpus) -> FilterSet {
    var f = FilterSet()
    let home = corpus.job(Int.random(in: 0..<1_000, using: &rng)).location!
    f.near = .init(center: home, radiusKilometres: [50, 100, 150][Int.random(in: 0..<3, using: &rng)], includeRemote: Bool.random(using: &rng))
    switch kind {
    case .job:
        if Bool.random(using: &rng) { f.openOn = SyntheticCorpus.today.addingTimeInterval(-86_400 * .random(in: 0...30, using: &rng)) }
        if Bool.random(using: &rng) { f.employmentTypes = [.fullTime, .contract] }
    case .candidate:
        f.consentingOnly = Bool.random(using: &rng)
    default:
        break
    }
    return f
}

@Test(arguments: [(UInt64(41), EntityKind.job), (42, .job), (43, .candidate)])
func restrictingFirstEqualsTheMergeAndTheReference(seed: UInt64, kind: EntityKind) throws {
    let fixture = try IndexFixture(seed: seed, jobs: 1_200, candidates: 600, programs: 0)
    let snapshot = fixture.writer.snapshot()
    var rng = SeededGenerator(seed: seed &+ 1_000)
    var fallbacks = 0, partialScans = 0
    for round in 0..<60 {
        let query = randomQuery(&rng, corpus: fixture.corpus, mode: round % 3)
        let filters = selectiveFilters(&rng, kind: kind, corpus: fixture.corpus)
        let k = [1, 10, 50, 200][round % 4]
        let scorer = MaxScoreScorer(terms: try snapshot.scoringTerms(query, kind: kind))
        var merged = ScanStatistics(), restricted = ScanStatistics()
        let filter = snapshot.compile(filters)
        let a = scorer.topK(k, after: nil, statistics: &merged, filter: filter, strategy: .documentAtATime)
        let b = scorer.topK(k, after: nil, statistics: &restricted, filter: filter, strategy: .restrictFirst)
        #expect(a == b, "round \(round): restricted scan differs from the merge")
        var partial = ScanStatistics()
        let c = scorer.topK(k, after: nil, statistics: &partial, filter: filter, strategy: .restrictShortLists(longerThan: [8, 30, 120][round % 3]))
        #expect(a == c, "round \(round): scan with long lists unrestricted differs from the merge")
        fallbacks += partial.fallbacks
        partialScans += 1
        let reference = IndexFixture.reference(snapshot, query, kind: kind, filters: filters)
        #expect(IndexFixture.agree(b, reference, k: k), "round \(round) k \(k) filters \(filters)")
        #expect(restricted.filteredPostings == restricted.unionPostings)
        #expect(restricted.filterCalls <= restricted.unionPostings)
        // A page after the k-th hit continues both ways alike.
        if let last = b.last {
            let cursor = SearchCursor(score: last.score, document: last.id, generation: snapshot.generation)
            var s1 = ScanStatistics(), s2 = ScanStatistics()
            let next1 = scorer.topK(k, after: cursor, statistics: &s1, filter: filter, strategy: .documentAtATime)
            let next2 = scorer.topK(k, after: cursor, statistics: &s2, filter: filter, strategy: .restrictFirst)
            #expect(next1 == next2, "round \(round): second page differs")
            #expect(IndexFixture.agree(next2, Array(reference.dropFirst(b.count)), k: k), "round \(round): second page")
            let next3 = scorer.topK(k, after: cursor, statistics: &s2, filter: filter, strategy: .restrictShortLists(longerThan: 30))
            #expect(next1 == next3, "round \(round): second page with long lists unrestricted differs")
        }
    }
    // Both outcomes of the long-list path occur: proved exact, and fallen back.
    #expect(fallbacks > 0 && fallbacks < partialScans, "\(fallbacks) fallbacks in \(partialScans) scans")
}

@Test func automaticStrategyRestrictsOnlyForSelectiveFilters() throws {
    let fixture = try IndexFixture(seed: 51, jobs: 1_200, candidates: 0, programs: 0)
    let snapshot = fixture.writer.snapshot()
    var rng = SeededGenerator(seed: 52)
    for round in 0..<20 {
        let query = randomQuery(&rng, corpus: fixture.corpus, mode: 0)
        var near = FilterSet()
        near.near = .init(center: fixture.corpus.job(round).location!, radiusKilometres: 100, includeRemote: false)
        var open = FilterSet()
        open.employmentTypes = Set(EmploymentType.allCases)
        for (filters, restricts) in [(FilterSet(), false), (near, true), (open, false)] {
            let result = try snapshot.search(query, in: .job, filters: filters, limit: 10)
            #expect((result.statistics.filteredPostings > 0) == restricts, "round \(round) filters \(filters)")
            #expect(IndexFixture.agree(result.hits, IndexFixture.reference(snapshot, query, kind: .job, filters: filters), k: 10))
        }
    }
}

@Test func restrictingTestsEachDocumentOfTheUnionOnce() throws {
    final class Counter: @unchecked Sendable { var calls: [Int32: Int] = [:] }
    struct Counting: DocumentFilter {
        let counter: Counter
        func accepts(_ doc: Int32) -> Bool {
            counter.calls[doc, default: 0] += 1
            return doc % 3 == 0
        }
    }
    let fixture = try IndexFixture(seed: 61, jobs: 800, candidates: 0, programs: 0)
    let snapshot = fixture.writer.snapshot()
    var rng = SeededGenerator(seed: 62)
    for round in 0..<20 {
        let query = randomQuery(&rng, corpus: fixture.corpus, mode: round % 3)
        let terms = try snapshot.scoringTerms(query, kind: .job)
        let counter = Counter()
        var statistics = ScanStatistics()
        let restricted = MaxScoreScorer(terms: terms).restricted(to: Counting(counter: counter), statistics: &statistics)
        let union = Set(terms.flatMap { $0.postings.docs })
        #expect(Set(counter.calls.keys) == union && counter.calls.values.allSatisfy { $0 == 1 })
        #expect(statistics.filterCalls == union.count)
        #expect(restricted.terms.allSatisfy { $0.postings.docs.allSatisfy { $0 % 3 == 0 } })
        let kept: Int = restricted.terms.reduce(0) { $0 + $1.postings.count }
        let expected: Int = terms.reduce(0) { sum, term in sum + term.postings.docs.filter { $0 % 3 == 0 }.count }
        #expect(kept == expected)
    }
}
