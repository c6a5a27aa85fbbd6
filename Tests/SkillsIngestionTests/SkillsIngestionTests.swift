import Testing
@testable import SkillsIngestion

@Test func skillsIngestionBuilds() {}
