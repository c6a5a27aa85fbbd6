// Properties of pool rescoring (Matcher.evaluate, RankingFacts, SkillComparison without lists):
// 1. For every direction, every generated target of many seeded sources: the score-only evaluation
//    equals the explained score exactly, and the explanation's lists are what the comparison finds.
// 2. Distance, pay fit and recency read from RankingFacts equal a reference computed straight from
//    the entities (the formulas of Documentation/ENGINE.md), for every source–target pair tried.
import Foundation
import SkillsCore
import SkillsIndex
import SkillsTestSupport
import Testing

@testable import SkillsRanking

/// The features that read entity fields, written straight from the entities.
enum ReferenceFeatures {
    static func remote(_ e: Entity) -> Bool {
        switch e {
        case .job(let j): j.workplace == .remote
        case .program(let p): p.modality == .online
        case .candidate(let c): c.openToRemote
        case .occupation: true
        }
    }

    static func distance(_ a: Entity, _ b: Entity) -> Double {
        let candidate: Candidate? = if case .candidate(let c) = a { c } else if case .candidate(let c) = b { c } else { nil }
        let other = candidate == nil ? b : (a.kind == .candidate ? b : a)
        if case .occupation = other { return 1 }
        if remote(other), candidate?.openToRemote ?? true { return 1 }
        guard let p = a.location, let q = b.location else { return 0.5 }
        let near = 1 / (1 + p.distanceKilometres(to: q) / 50)
        return candidate?.willingToRelocate == true ? max(near, 0.5) : near
    }

    static func payFit(_ a: Entity, _ b: Entity) -> Double {
        var offered: PayRange?, desired: PayRange?
        for e in [a, b] {
            if case .job(let j) = e { offered = j.pay }
            if case .candidate(let c) = e { desired = c.desiredPay }
        }
        guard let offered, let desired else { return 0.5 }
        if offered.overlaps(desired) { return 1 }
        guard let top = offered.maximum ?? offered.minimum, let want = desired.minimum, want > 0 else { return 0.5 }
        return max(0, min(1, top / want))
    }

    static func recency(_ target: Entity, matchedRecency: Double, asOf: Date) -> Double {
        switch target {
        case .job(let j): max(0, min(1, 1 - asOf.timeIntervalSince(j.postedOn) / (90 * 86_400)))
        case .candidate: matchedRecency
        case .program(let p):
            p.startDates.filter { $0 >= asOf }.min().map { max(0, 1 - $0.timeIntervalSince(asOf) / (180 * 86_400)) } ?? 0.5
        case .occupation: 1
        }
    }
}

@Test(arguments: MatchDirection.allCases)
func scoreOnlyRescoringEqualsTheExplainedScore(direction: MatchDirection) throws {
    for seed in [UInt64(17), 18] {
        let (m, _) = try RankingFixture.synthetic(seed: seed)
        let settings = try m.configuration.direction(direction)
        let prefix = ["candidate": "cand-", "job": "job-", "program": "prog-"][direction.sourceKind.rawValue]!
        let sources = direction.sourceKind == .program ? 80 : 300
        for i in stride(from: seed % 7, to: UInt64(sources), by: 23) {
            let key = EntityKey(direction.sourceKind, "\(prefix)\(i)")
            let source = try m.snapshot.document(for: key)
            let query = m.generationQuery(direction, source: source, goal: nil, settings: settings)
            let pool = try m.snapshot.candidates(query, in: direction.targetKind, count: settings.candidatePool)
            let context = Matcher.Context(matcher: m, direction: direction, source: source, goal: nil, settings: settings)
            for hit in pool {
                let quick = m.evaluate(context, target: hit.id, explain: false)
                let full = m.score(context, target: hit.id)
                #expect(quick.explanation == nil)
                #expect(quick.score == full.score, "\(key) → doc \(hit.id)")
                let sides = FeatureExtractor.sides(direction, source: context.sourceProfile, target: m.snapshot.profile(hit.id), goal: nil)
                let comparison = SkillComparison(demand: sides.demand, supply: sides.supply, related: m.related)
                #expect(full.matchedSkills == comparison.matched && full.missingRequiredSkills == comparison.missingRequired)
                #expect(comparison.matched.count + comparison.missingRequired.count
                    <= sides.demand.entries.count)
            }
        }
    }
}

@Test func factsGiveTheFeaturesOfTheEntities() throws {
    let (m, _) = try RankingFixture.synthetic(seed: 23)
    let asOf = RankingFixture.today
    let extractor = FeatureExtractor(asOf: asOf)
    let docs = (0..<Int32(m.snapshot.slotCount)).filter { m.snapshot.entity($0) != nil }
    var rng = SeededGenerator(seed: 24)
    for _ in 0..<2_000 {
        let a = m.snapshot.entity(docs.randomElement(using: &rng)!)!
        let b = m.snapshot.entity(docs.randomElement(using: &rng)!)!
        let fa = RankingFacts(a, asOf: asOf), fb = RankingFacts(b, asOf: asOf)
        #expect(FeatureExtractor.distance(fa, fb) == ReferenceFeatures.distance(a, b), "\(a.kind) \(b.kind)")
        #expect(FeatureExtractor.payFit(fa, fb) == ReferenceFeatures.payFit(a, b), "\(a.kind) \(b.kind)")
        let comparison = SkillComparison(demand: m.snapshot.profile(0), supply: .empty, related: NoRelatedSkills())
        #expect(extractor.recency(fb, comparison: comparison) == ReferenceFeatures.recency(b, matchedRecency: comparison.matchedRecency, asOf: asOf))
    }
}
