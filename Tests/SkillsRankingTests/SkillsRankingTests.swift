import Testing
@testable import SkillsRanking

@Test func skillsRankingBuilds() {}
