// Properties of ranking on seeded synthetic corpora:
// 1. Explanation contributions add up to the score exactly, each is 100·w·x/Σw, and 0 ≤ score ≤ 100.
// 2. Pages are ordered best first and the match score equals the explanation score.
// 3. Cursor pagination yields every generated match exactly once, in order.
// 4. Per-request weight overrides change the ranking as predicted (all weight on one feature ranks by it).
// 5. Bad requests get typed errors: unknown entity, wrong source kind, limit 0 or 100,000,
//    contradictory filters, unknown or inapplicable feature names, negative weights, stale cursors.
// 6. Config/ranking.json decodes; unknown names are refused with the list of valid names.
import Foundation
import SkillsCore
import SkillsIndex
import SkillsTestSupport
import Testing

@testable import SkillsRanking

@Test(arguments: MatchDirection.allCases)
func contributionsAddUpToTheScore(direction: MatchDirection) throws {
    let (m, _) = try RankingFixture.synthetic(seed: 5)
    let sourceCount = direction.sourceKind == .program ? 80 : 300
    let prefix = ["candidate": "cand-", "job": "job-", "program": "prog-"][direction.sourceKind.rawValue]!
    for i in stride(from: 0, to: sourceCount, by: 37) {
        let page = try m.match(MatchRequest(source: EntityKey(direction.sourceKind, "\(prefix)\(i)"), direction: direction, limit: 20, explain: true, employerView: false))
        let weights = m.configuration.directions[direction]!.weights
        let total = weights.values.reduce(0, +)
        for match in page.matches {
            let e = match.explanation!
            #expect(e.contributions.reduce(0.0) { $0 + $1.points } == e.score)
            #expect(match.score == e.score)
            #expect((0...100).contains(e.score))
            for c in e.contributions {
                #expect((0...1).contains(c.value))
                #expect(c.points == 100 * c.weight * c.value / total)
            }
        }
        #expect(zip(page.matches, page.matches.dropFirst()).allSatisfy { Float($0.score) >= Float($1.score) })
    }
}

@Test func cursorPagesCoverEveryMatchOnce() throws {
    let (m, _) = try RankingFixture.synthetic(seed: 9)
    for i in [0, 11, 42] {
        let request = MatchRequest(source: EntityKey(.candidate, "cand-\(i)"), direction: .candidateToJobs, limit: 500)
        let all = try m.match(request)
        var seen: [Match] = []
        var cursor: String?
        repeat {
            var r = request
            r.limit = 9
            r.cursor = cursor
            let page = try m.match(r)
            seen += page.matches
            cursor = page.nextCursor
        } while cursor != nil
        #expect(seen.map(\.target) == all.matches.map(\.target))
        #expect(Set(seen.map(\.target)).count == seen.count)
    }
}

@Test func weightOverridesRankByTheChosenFeature() throws {
    let (m, _) = try RankingFixture.synthetic(seed: 13)
    var request = MatchRequest(source: EntityKey(.job, "job-3"), direction: .jobToCandidates, limit: 30, explain: true, employerView: false)
    request.weightOverrides = Dictionary(uniqueKeysWithValues: MatchDirection.jobToCandidates.applicableFeatures.map { ($0.rawValue, 0.0) })
    request.weightOverrides["required_coverage"] = 1
    let page = try m.match(request)
    let coverage = page.matches.map { $0.explanation!.contributions.first { $0.feature == .requiredCoverage }!.value }
    #expect(zip(coverage, coverage.dropFirst()).allSatisfy { $0 >= $1 })
    #expect(page.matches.allSatisfy { abs($0.score - 100 * $0.explanation!.contributions[0].value) < 1e-9 })
}

func rankingCode(_ body: () throws -> Void) -> String? {
    do { try body() } catch let e as RankingError { return e.indexError?.code.rawValue ?? e.code.rawValue } catch { return "other" }
    return nil
}

@Test func badRequestsGetTypedErrors() throws {
    let m = try RankingFixture.small()
    let alice = EntityKey(.candidate, "alice")
    #expect(rankingCode { _ = try m.match(MatchRequest(source: EntityKey(.candidate, "nobody"), direction: .candidateToJobs)) } == "unknown_entity")
    #expect(rankingCode { _ = try m.match(MatchRequest(source: EntityKey(.job, "backend"), direction: .candidateToJobs)) } == "wrong_source_kind")
    #expect(rankingCode { _ = try m.match(MatchRequest(source: alice, direction: .candidateToJobs, limit: 0)) } == "invalid_limit")
    #expect(rankingCode { _ = try m.match(MatchRequest(source: alice, direction: .candidateToJobs, limit: 100_000)) } == "invalid_limit")
    var filters = FilterSet()
    filters.remoteOnly = true
    filters.workplaces = [.onSite, .hybrid]
    #expect(rankingCode { _ = try m.match(MatchRequest(source: alice, direction: .candidateToJobs, filters: filters)) } == "contradictory_filters")
    #expect(rankingCode { _ = try m.match(MatchRequest(source: alice, direction: .candidateToJobs, weightOverrides: ["vibes": 1])) } == "unknown_feature")
    #expect(rankingCode { _ = try m.match(MatchRequest(source: alice, direction: .candidateToJobs, weightOverrides: ["program_cost": 1])) } == "inapplicable_feature")
    #expect(rankingCode { _ = try m.match(MatchRequest(source: alice, direction: .candidateToJobs, weightOverrides: ["distance": -1])) } == "invalid_weight")
    #expect(rankingCode { _ = try m.match(MatchRequest(source: alice, direction: .candidateToJobs, cursor: "garbage")) } == "invalid_cursor")
    let stale = SearchCursor(score: 1, document: 0, generation: 12_345).token
    #expect(rankingCode { _ = try m.match(MatchRequest(source: alice, direction: .candidateToJobs, cursor: stale)) } == "stale_cursor")
    #expect(rankingCode { _ = try m.match(MatchRequest(source: alice, direction: .candidateToJobs, goal: EntityKey(.job, "devops"))) } == "wrong_source_kind")
}

@Test func configurationDecodesAndRefusesUnknownNames() throws {
    let config = try RankingFixture.configuration()
    #expect(Set(config.directions.keys) == Set(MatchDirection.allCases))
    func error(_ json: String) -> RankingError? {
        do { _ = try RankingConfig(json: Data(json.utf8)); return nil } catch { return error }
    }
    let unknownDirection = error(#"{"candidate_to_planets": {"weights": {"distance": 1}}}"#)
    #expect(unknownDirection?.code == .unknownDirection)
    #expect(unknownDirection?.message.contains("candidate_to_jobs") == true)
    let unknownFeature = error(#"{"candidate_to_jobs": {"weights": {"charisma": 1}}}"#)
    #expect(unknownFeature?.code == .unknownFeature)
    #expect(unknownFeature?.message.contains("required_coverage") == true)
    #expect(error(#"{"candidate_to_jobs": {"weights": {"distance": 1}}}"#)?.code == .invalidConfiguration)  // other directions missing
    #expect(error("not json")?.code == .invalidConfiguration)
    let merged = try config.direction(.candidateToJobs, overrides: ["distance": 0.5])
    #expect(merged.weights[.distance] == 0.5)
    #expect(merged.weights[.requiredCoverage] == config.directions[.candidateToJobs]!.weights[.requiredCoverage])
}
