import Testing
@testable import SkillsCompression

@Test func skillsCompressionBuilds() {}
