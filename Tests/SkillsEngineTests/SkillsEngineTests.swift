import Testing
@testable import SkillsEngine

@Test func skillsEngineBuilds() {}
