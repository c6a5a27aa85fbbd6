// Properties of Matcher on a hand-made fixture where the right order is known:
// 1. candidate→jobs: the job whose required skills the candidate holds ranks first, the unrelated last.
// 2. job→candidates: full match > related match (MySQL for PostgreSQL) > partial > none; an employer
//    only sees consenting candidates.
// 3. candidate→programs with a goal: the program teaching the gap ranks first.
// 4. job→programs and program→jobs put the program/job sharing the skills first.
// 5. candidate→occupations puts the fitting occupation first.
// 6. Explanations name matched, missing required and related skills ("PostgreSQL ≈ MySQL 0.72").
// 7. Gap analysis lists missing skills by importance, discounting those bridged by a related skill.
import SkillsCore
import SkillsIndex
import Testing

@testable import SkillsRanking

typealias S = RankingFixture.S

func ids(_ page: MatchPage) -> [String] { page.matches.map(\.target.id) }

@Test func candidateToJobs() throws {
    let m = try RankingFixture.small()
    let page = try m.match(MatchRequest(source: EntityKey(.candidate, "alice"), direction: .candidateToJobs, explain: true))
    #expect(ids(page).first == "backend")
    #expect(ids(page).firstIndex(of: "devops")! < (ids(page).firstIndex(of: "nurse") ?? .max))
    let top = page.matches[0].explanation!
    #expect(Set(top.matchedSkills.map(\.skill)) == [S.swift, S.postgres, S.docker])
    #expect(top.missingRequiredSkills.isEmpty)
}

@Test func jobToCandidatesRespectsConsent() throws {
    let m = try RankingFixture.small()
    let employer = try m.match(MatchRequest(source: EntityKey(.job, "backend"), direction: .jobToCandidates, explain: true))
    #expect(Array(ids(employer).prefix(3)) == ["alice", "bob", "erin"])
    #expect(!ids(employer).contains("dave"))
    let bob = employer.matches[1].explanation!
    #expect(bob.missingRequiredSkills == [S.postgres])
    #expect(bob.relatedMatches == [RelatedMatch(wanted: S.postgres, held: S.mysql, similarity: 0.72)])
    let labels: [Int32: String] = [S.postgres: "PostgreSQL", S.mysql: "MySQL"]
    #expect(bob.relatedMatches[0].describe { labels[$0]! } == "PostgreSQL ≈ MySQL 0.72")
    let everyone = try m.match(MatchRequest(source: EntityKey(.job, "backend"), direction: .jobToCandidates, employerView: false))
    #expect(ids(everyone).contains("dave"))
}

@Test func candidateToProgramsClosesTheGap() throws {
    let m = try RankingFixture.small()
    let page = try m.match(MatchRequest(source: EntityKey(.candidate, "alice"), direction: .candidateToPrograms, goal: EntityKey(.job, "devops")))
    #expect(ids(page).first == "k8s-bootcamp")
    let noGoal = try m.match(MatchRequest(source: EntityKey(.candidate, "carol"), direction: .candidateToPrograms))
    #expect(ids(noGoal).first == "nursing-asn")
}

@Test func jobToProgramsAndProgramToJobs() throws {
    let m = try RankingFixture.small()
    #expect(ids(try m.match(MatchRequest(source: EntityKey(.job, "nurse"), direction: .jobToPrograms))).first == "nursing-asn")
    #expect(ids(try m.match(MatchRequest(source: EntityKey(.job, "devops"), direction: .jobToPrograms))).first == "k8s-bootcamp")
    #expect(ids(try m.match(MatchRequest(source: EntityKey(.program, "k8s-bootcamp"), direction: .programToJobs))).first == "devops")
    #expect(ids(try m.match(MatchRequest(source: EntityKey(.program, "swift-course"), direction: .programToJobs))).first == "backend")
}

@Test func candidateToOccupations() throws {
    let m = try RankingFixture.small()
    #expect(ids(try m.match(MatchRequest(source: EntityKey(.candidate, "alice"), direction: .candidateToOccupations))) == ["15-1252"])
    let carol = try m.match(MatchRequest(source: EntityKey(.candidate, "carol"), direction: .candidateToOccupations, explain: true))
    #expect(ids(carol).first == "29-1141")
    #expect(carol.matches[0].explanation!.contributions.contains { $0.feature == .labourDemand })
}

@Test func gapAnalysisRanksMissingSkills() throws {
    let m = try RankingFixture.small()
    let gaps = try m.gapAnalysis(candidate: EntityKey(.candidate, "bob"), target: EntityKey(.occupation, "15-1252"))
    // docker 1.0; kubernetes 0.5; postgres 1.0 × (1 − 0.72) = 0.28 because bob knows MySQL.
    #expect(gaps.map(\.skill) == [S.docker, S.kubernetes, S.postgres])
    #expect(gaps[2].closestHeld?.held == S.mysql)
    #expect(gaps.allSatisfy { $0.priority <= $0.importance })
}
