import Testing
@testable import SkillsStorage

@Test func skillsStorageBuilds() {}
