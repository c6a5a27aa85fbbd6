import Testing
@testable import SkillsTaxonomy

@Test func skillsTaxonomyBuilds() {}
