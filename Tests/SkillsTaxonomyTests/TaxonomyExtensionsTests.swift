import Foundation
import Testing
import SkillsTestSupport
@testable import SkillsTaxonomy

@Suite struct TaxonomyExtensionsTests {
    static func small() throws -> Taxonomy {
        try Taxonomy(skills: [
            Skill(id: "onet-tech:kubernetes", label: "Kubernetes", type: .technology),
            Skill(id: "esco:sql", label: "SQL", type: .knowledge),
        ])
    }

    @Test func validFileAddsSkillsAliasesAcronymsAndBlocks() throws {
        let text = """
            # comment

            skill custom:swiftui technology = SwiftUI | Swift UI
            alias onet-tech:kubernetes = K8s | kube
            acronym SQL = esco:sql
            acronym K8S = onet-tech:kubernetes | custom:swiftui
            block   Team   Player
            """
        var taxonomy = try Self.small()
        try TaxonomyExtensions(parsing: text).apply(to: &taxonomy)
        let swiftUI = try #require(taxonomy.skill(id: "custom:swiftui"))
        #expect(swiftUI.label == "SwiftUI" && swiftUI.altLabels == ["Swift UI"] && swiftUI.type == .technology)
        #expect(taxonomy.skill(id: "onet-tech:kubernetes")?.altLabels == ["K8s", "kube"])
        #expect(taxonomy.acronyms["SQL"] == [1])
        #expect(taxonomy.acronyms["K8S"] == [0, 2])
        #expect(taxonomy.blockedPhrases == ["team player"])
        #expect(taxonomy.stats.customSkills == 1)
    }

    @Test func malformedLinesNameTheLine() throws {
        let cases: [(String, String)] = [
            ("frobnicate x = y", "unknown directive \"frobnicate\" (expected skill, alias, acronym or block)"),
            ("alias onet-tech:kubernetes K8s", "alias needs \"=\" followed by its values"),
            ("skill custom:x gadget = X", "unknown type \"gadget\" (expected skill, knowledge or technology)"),
            ("skill my:x skill = X", "new skill id \"my:x\" must start with custom:"),
            ("alias a b = c", "expected: alias <skill id> = <label> | <label>…"),
            ("acronym SQL = ", "nothing after \"=\""),
            ("block", "block needs a phrase"),
        ]
        for (line, message) in cases {
            let error = #expect(throws: TaxonomyError.self) {
                try TaxonomyExtensions(parsing: "# header\n\n" + line + "\n", file: "ext.txt")
            }
            #expect(error?.description == "ext.txt:3: " + message)
        }
    }

    @Test func unknownOrDuplicateReferencesNameTheLine() throws {
        let cases: [(String, String)] = [
            ("alias onet-tech:nope = x", "ext.txt:2: unknown skill onet-tech:nope"),
            ("acronym X = esco:sql | esco:nope", "ext.txt:2: unknown skill esco:nope"),
            ("skill custom:a skill = A\nskill custom:a skill = B", "ext.txt:3: skill custom:a already exists"),
        ]
        for (text, message) in cases {
            var taxonomy = try Self.small()
            let extensions = try TaxonomyExtensions(parsing: "# c\n" + text, file: "ext.txt")
            let error = #expect(throws: TaxonomyError.self) { try extensions.apply(to: &taxonomy) }
            #expect(error?.description == message)
        }
    }

    @Test func garbageFilesAreErrorsNotCrashes() throws {
        var random = SeededGenerator(seed: 5)
        for _ in 0..<200 {
            let bytes = (0..<Int.random(in: 0...200, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            let text = String(decoding: bytes, as: UTF8.self)
            if let extensions = try? TaxonomyExtensions(parsing: text) {
                var taxonomy = try Self.small()
                _ = try? extensions.apply(to: &taxonomy)
            }
        }
        let directory = try temporaryTaxonomy([:])
        let binary = directory.appendingPathComponent("bad.txt")
        try Data([0xFF, 0xFE, 0x00, 0x41]).write(to: binary)
        let error = #expect(throws: TaxonomyError.self) { try TaxonomyExtensions.load(contentsOf: binary) }
        #expect(error?.file == "bad.txt")
    }

    /// The shipped Config/taxonomy-extensions.txt applies cleanly to the shipped taxonomy.
    @Test func shippedExtensionFileLoads() throws {
        let url = FixturePaths.packageRoot.appendingPathComponent("Config/taxonomy-extensions.txt")
        let taxonomy = try TaxonomyLoader.load(directory: FixturePaths.taxonomies, extensions: url)
        #expect(taxonomy.skill(id: "custom:swiftui") != nil)
        #expect(taxonomy.acronyms["AWS"]?.isEmpty == false)
        #expect(taxonomy.blockedPhrases.contains("team player"))
    }
}
