import Foundation
import SkillsCore
import SkillsIndex
import SkillsTestSupport

@testable import SkillsRanking

/// A hand-made world where the right order is obvious, plus a seeded synthetic one for properties.
enum RankingFixture {
    enum S {
        static let swift: Int32 = 0, postgres: Int32 = 1, mysql: Int32 = 2, kubernetes: Int32 = 3, docker: Int32 = 4
        static let nursing: Int32 = 5, patientCare: Int32 = 6, python: Int32 = 7
    }
    static let today = SyntheticCorpus.today
    static let related = RelatedSkillTable([(S.postgres, S.mysql, 0.72), (S.kubernetes, S.docker, 0.4)])

    static let configurationURL = FixturePaths.packageRoot.appendingPathComponent("Config/ranking.json")

    static func configuration() throws -> RankingConfig {
        try RankingConfig(json: Data(contentsOf: configurationURL))
    }

    static func req(_ s: Int32, _ importance: Float = 1) -> SkillRequirement { SkillRequirement(skill: s, importance: importance) }

    static func small(related: any RelatedSkills = RankingFixture.related) throws -> Matcher {
        var config = IndexConfiguration()
        config.skillCount = 50
        var w = try IndexWriter(configuration: config, profileBuilder: SkillProfileBuilder(asOf: today))
        func job(_ id: String, _ title: String, _ required: [SkillRequirement], _ preferred: [SkillRequirement] = []) throws {
            try w.upsert(.job(Job(id: id, title: title, requiredSkills: required, preferredSkills: preferred, postedOn: today)))
        }
        try job("backend", "Backend engineer", [req(S.swift), req(S.postgres)], [req(S.docker, 0.5)])
        try job("devops", "DevOps engineer", [req(S.kubernetes), req(S.docker)], [req(S.python)])
        try job("nurse", "Registered nurse", [req(S.nursing), req(S.patientCare)])
        func candidate(_ id: String, _ skills: [Int32], verified: Bool = false, consent: Bool = true) throws {
            try w.upsert(.candidate(Candidate(
                id: id, headline: "engineer", skills: skills.map { SkillClaim(skill: $0, level: 4, provenance: verified ? .verified : .stated) },
                consentToBeFound: consent)))
        }
        try candidate("alice", [S.swift, S.postgres, S.docker], verified: true)
        try candidate("bob", [S.swift, S.mysql])
        try candidate("carol", [S.nursing, S.patientCare])
        try candidate("dave", [S.swift, S.postgres, S.docker], verified: true, consent: false)
        try candidate("erin", [S.swift])
        func program(_ id: String, _ taught: [Int32], cost: Double) throws {
            try w.upsert(.program(Program(id: id, title: id, skillsTaught: taught.map { req($0) }, cost: cost, weeks: 12)))
        }
        try program("k8s-bootcamp", [S.kubernetes, S.docker], cost: 3_000)
        try program("nursing-asn", [S.nursing, S.patientCare], cost: 9_000)
        try program("swift-course", [S.swift, S.postgres], cost: 2_000)
        try w.upsert(.occupation(Occupation(code: "15-1252", title: "Software developers", skills: [req(S.swift), req(S.postgres), req(S.docker), req(S.kubernetes, 0.5)])))
        try w.upsert(.occupation(Occupation(code: "29-1141", title: "Registered nurses", skills: [req(S.nursing), req(S.patientCare)])))
        return Matcher(snapshot: w.snapshot(), configuration: try configuration(), related: related, asOf: today)
    }

    static func synthetic(seed: UInt64) throws -> (Matcher, SyntheticCorpus) {
        var p = SyntheticCorpus.Parameters()
        p.skillCount = 400
        p.families = 6
        p.skillsPerFamily = 60
        p.vocabulary = 200
        p.seed = seed
        let corpus = SyntheticCorpus(p)
        var config = IndexConfiguration()
        config.skillCount = p.skillCount
        var w = try IndexWriter(configuration: config, profileBuilder: SkillProfileBuilder(asOf: today))
        for i in 0..<300 { try w.upsert(.job(corpus.job(i))) }
        for i in 0..<300 { try w.upsert(.candidate(corpus.candidate(i))) }
        for i in 0..<80 { try w.upsert(.program(corpus.program(i))) }
        for f in 0..<p.families { try w.upsert(.occupation(corpus.occupation(f))) }
        var rng = SeededGenerator(seed: seed)
        var pairs: [(Int32, Int32, Float)] = []
        for _ in 0..<300 { pairs.append((Int32.random(in: 0..<400, using: &rng), Int32.random(in: 0..<400, using: &rng), Float.random(in: 0.3..<0.95, using: &rng))) }
        return (Matcher(snapshot: w.snapshot(), configuration: try configuration(), related: RelatedSkillTable(pairs), asOf: today), corpus)
    }
}
