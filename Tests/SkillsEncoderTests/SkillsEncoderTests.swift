import Testing
@testable import SkillsEncoder

@Test func skillsEncoderBuilds() {}
