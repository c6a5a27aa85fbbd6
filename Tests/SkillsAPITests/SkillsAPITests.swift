import Testing
@testable import SkillsAPI

@Test func skillsAPIBuilds() {}
