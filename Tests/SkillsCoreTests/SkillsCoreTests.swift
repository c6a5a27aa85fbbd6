import Testing
@testable import SkillsCore

@Test func skillsCoreBuilds() {}
