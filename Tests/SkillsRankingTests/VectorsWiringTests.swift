// Properties of the SkillsVectors wiring:
// 1. SimilarityRelatedSkills gives related credit with SkillSimilarity's own similarity, never for
//    the skill itself, and the explanation reports it.
import SkillsCore
import SkillsIndex
import SkillsVectors
import Testing

@testable import SkillsRanking

@Test func skillSimilarityDrivesRelatedCredit() throws {
    // 8 skills in 3 dimensions: PostgreSQL and MySQL point the same way, nursing skills elsewhere.
    let rows: [[Float]] = [
        [1, 0.2, 0], [0.2, 1, 0], [0.25, 0.95, 0.05], [0.1, 0.3, 0.9],
        [0.2, 0.3, 0.8], [0, 0, 1], [0, 0.1, 1], [1, 0, 0.2],
    ].map { (v: [Float]) -> [Float] in
        let n = v.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
        return v.map { $0 / n }
    }
    let vectors = try SkillVectors(matrix: VectorMatrix(dimension: 3, rows: rows))
    let similarity = try SkillSimilarity(vectors: vectors, hierarchy: [], groups: [[S.postgres, S.mysql]])
    let related = SimilarityRelatedSkills(similarity)
    #expect(!related.related(to: S.postgres).contains { $0.skill == S.postgres })
    let m = try RankingFixture.small(related: related)
    let page = try m.match(MatchRequest(source: EntityKey(.job, "backend"), direction: .jobToCandidates, explain: true))
    let bob = try #require(page.matches.first { $0.target.id == "bob" }?.explanation)
    let expected = similarity.similarity(S.postgres, S.mysql)
    #expect(expected > 0)
    #expect(bob.relatedMatches == [RelatedMatch(wanted: S.postgres, held: S.mysql, similarity: expected)])
}
