import Testing
@testable import SkillsCredentials

@Test func skillsCredentialsBuilds() {}
