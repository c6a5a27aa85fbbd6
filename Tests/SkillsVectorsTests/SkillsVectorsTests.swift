import Testing
@testable import SkillsVectors

@Test func skillsVectorsBuilds() {}
