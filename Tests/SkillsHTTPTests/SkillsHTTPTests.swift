import Testing
@testable import SkillsHTTP

@Test func skillsHTTPBuilds() {}
