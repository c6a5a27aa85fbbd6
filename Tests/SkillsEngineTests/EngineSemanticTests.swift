// Properties of `engine.semanticExtraction` (on a six-skill fixture taxonomy and the tiny random BERT):
// 1. Off (the default): no encoder is loaded, no warning, the resolver is lexical only.
// 2. On without model files: the engine starts, with one warning naming the missing file, lexical only.
// 3. On with a model: the resolver's free-text hits are the lexical hits with the semantic ones merged in.
import Foundation
import SkillsTaxonomy
import SkillsTestSupport
import Testing

@testable import SkillsEngine

struct EngineSemanticTests {
    static let skills: [Skill] = [
        Skill(id: "s:hvac", label: "hvac system", type: .skill), Skill(id: "s:care", label: "patient care", type: .skill),
        Skill(id: "s:data", label: "data analyst", type: .knowledge), Skill(id: "s:nurse", label: "nurse", type: .skill),
    ]

    /// A data directory, a taxonomy folder holding only `skills.tsv` and a Config/ with only `ranking.json`.
    static func directories() throws -> (data: URL, taxonomy: URL) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("engine-semantic-\(UUID().uuidString)")
        let taxonomy = root.appendingPathComponent("Taxonomies"), data = root.appendingPathComponent("data")
        for url in [taxonomy, data, root.appendingPathComponent("Config")] {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        }
        try FileManager.default.copyItem(
            at: FixturePaths.packageRoot.appendingPathComponent("Config/ranking.json"), to: root.appendingPathComponent("Config/ranking.json"))
        let rows = ["id\ttype\tlabel\talt_labels\tbroader\tdescription"] + skills.map { "\($0.id)\t\($0.type.rawValue)\t\($0.label)\t\t\t" }
        try Data((rows.joined(separator: "\n") + "\n").utf8).write(to: taxonomy.appendingPathComponent("skills.tsv"))
        return (data, taxonomy)
    }

    static func configuration(_ d: (data: URL, taxonomy: URL), semantic: Bool) -> EngineConfiguration {
        var c = EngineConfiguration(
            dataDirectory: d.data.path, taxonomyDirectory: d.taxonomy.path,
            configDirectory: d.data.deletingLastPathComponent().appendingPathComponent("Config").path)
        c.semanticExtraction = semantic
        return c
    }

    /// The model directory is taken from SKILLMATCH_MODEL_DIR when set; these tests need the data-dir default.
    static var modelDirectoryIsDefault: Bool {
        let set = !(ProcessInfo.processInfo.environment["SKILLMATCH_MODEL_DIR"] ?? "").isEmpty
        if set { print("EngineSemanticTests: SKILLMATCH_MODEL_DIR is set: skipping") }
        return !set
    }

    @Test(.enabled(if: modelDirectoryIsDefault)) func offAndMissingModelStayLexical() throws {
        let d = try Self.directories()
        defer { try? FileManager.default.removeItem(at: d.data.deletingLastPathComponent()) }
        let off = try Engine(configuration: Self.configuration(d, semantic: false))
        #expect(off.semanticExtractor == nil && off.warnings.isEmpty && off.resolver.semantic == nil)
        let missing = try Engine(configuration: Self.configuration(d, semantic: true))
        #expect(missing.semanticExtractor == nil && missing.resolver.semantic == nil)
        #expect(missing.warnings.count == 1 && missing.warnings[0].contains("models/all-MiniLM-L6-v2"))
        #expect(missing.resolver.extract("patient care").map(\.skill) == [1])
    }

    @Test(.enabled(if: modelDirectoryIsDefault)) func onWithModelMergesSemanticHits() throws {
        let d = try Self.directories()
        defer { try? FileManager.default.removeItem(at: d.data.deletingLastPathComponent()) }
        let model = try TinyModel(seed: 3).write(maxSequenceLength: 24)
        try FileManager.default.createDirectory(at: d.data.appendingPathComponent("models"), withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: model, to: d.data.appendingPathComponent("models/all-MiniLM-L6-v2"))
        let engine = try Engine(configuration: Self.configuration(d, semantic: true))
        let semantic = try #require(engine.semanticExtractor)
        #expect(engine.warnings.isEmpty)
        for text in ["keep the hvac system running for patient care", "b c data nurse", ""] {
            let expected = try semantic.extract(text, mergingWith: engine.extractor.extract(text))
            #expect(engine.resolver.extract(text).map(\.skill) == expected.map(\.skill))
            #expect(engine.resolver.extract(text).map(\.confidence) == expected.map(\.confidence))
        }
        #expect(FileManager.default.fileExists(atPath: d.data.appendingPathComponent("embeddings").path))
    }
}
