import Testing
@testable import SkillsIndex

@Test func skillsIndexBuilds() {}
