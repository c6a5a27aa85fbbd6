// Properties of dense candidate generation and the dense vector_cosine feature:
// 1. With `denseCandidates` > 0 a target that shares no skill and no title word with the source
//    (so the postings never find it) is generated through the entity vectors; with 0 it is not.
// 2. `vector_cosine` is the dot product of the two entity vectors (clamped at 0) when the index
//    holds vectors.
// 3. `denseCandidates` outside 0...100000 is refused like the other keys.
import Foundation
import SkillsCore
import SkillsIndex
import SkillsVectors
import Testing

@testable import SkillsRanking

struct DenseGenerationTests {
    typealias S = RankingFixture.S

    /// PostgreSQL and MySQL point the same way; nursing skills elsewhere.
    static func matcher(dense: Int) throws -> Matcher {
        var rows = [[Float]](repeating: [0, 0, 0.1], count: 50)
        rows[Int(S.swift)] = [1, 0, 0]
        rows[Int(S.postgres)] = [0.1, 1, 0]
        rows[Int(S.mysql)] = [0.15, 0.95, 0.05]
        rows[Int(S.nursing)] = [0, 0, 1]
        rows[Int(S.patientCare)] = [0, 0.1, 1]
        let builder = EntityVectorBuilder(skills: try SkillVectors(matrix: VectorMatrix(dimension: 3, rows: rows)))
        var config = IndexConfiguration()
        config.skillCount = 50
        var w = try IndexWriter(configuration: config, profileBuilder: SkillProfileBuilder(asOf: RankingFixture.today), entityVectors: builder)
        try w.upsert(.job(Job(id: "db", title: "Database administrator", requiredSkills: [RankingFixture.req(S.postgres)], postedOn: RankingFixture.today)))
        for (id, skills) in [("frank", [S.mysql]), ("carol", [S.nursing, S.patientCare]), ("erin", [S.swift])] {
            try w.upsert(.candidate(Candidate(id: id, headline: "worker", skills: skills.map { SkillClaim(skill: $0, level: 3, provenance: .stated) },
                consentToBeFound: true)))
        }
        var ranking = try RankingFixture.configuration()
        ranking.directions[.jobToCandidates]!.relatedExpansion = 0
        ranking.directions[.jobToCandidates]!.textBoost = 0
        ranking.directions[.jobToCandidates]!.denseCandidates = dense
        return Matcher(snapshot: w.snapshot(), configuration: ranking, asOf: RankingFixture.today)
    }

    @Test func denseGenerationFindsWhatPostingsMiss() throws {
        let request = MatchRequest(source: EntityKey(.job, "db"), direction: .jobToCandidates, limit: 10, explain: true)
        let without = try Self.matcher(dense: 0).match(request)
        #expect(without.matches.isEmpty)
        let m = try Self.matcher(dense: 2)
        let with = try m.match(request)
        #expect(with.matches.map(\.target.id) == ["frank", "erin"])
        let frank = try #require(with.matches.first?.explanation)
        let cosine = try #require(m.snapshot.cosine(try m.snapshot.document(for: EntityKey(.job, "db")), with.matches[0].document))
        #expect(cosine > 0.9)
        #expect(abs((frank.contributions.first { $0.feature == .vectorCosine }?.value ?? -1) - Double(cosine)) < 1e-6)
        #expect(abs(frank.contributions.reduce(0) { $0 + $1.points } - frank.score) < 1e-9)
    }

    @Test func denseCandidatesIsValidated() throws {
        let text = try String(contentsOf: RankingFixture.configurationURL, encoding: .utf8)
        for bad in ["-1", "100001"] {
            let json = text.replacingOccurrences(of: #""candidate_to_jobs": {"#, with: #""candidate_to_jobs": { "denseCandidates": \#(bad),"#)
            #expect(throws: RankingError.self) { try RankingConfig(json: Data(json.utf8)) }
        }
        let json = text.replacingOccurrences(of: #""candidate_to_jobs": {"#, with: #""candidate_to_jobs": { "denseCandidates": 7,"#)
        #expect(try RankingConfig(json: Data(json.utf8)).directions[.candidateToJobs]!.denseCandidates == 7)
    }
}
