// SPDX-License-Identifier: Apache-2.0
// Properties of `skillmatch occupation` and `skillmatch extract --semantic` (run as a process on a
// two-file fixture taxonomy): usage errors exit 64 with a message; an absent model gives a warning
// on stderr and the lexical fallback (exit 0); with a model (the tiny random BERT) `occupation`
// ranks with the encoder and `extract --semantic` marks semantic hits. Skipped with a message
// when the debug `skillmatch` binary has not been built (`swift build --build-tests` builds it).
import Foundation
import SkillsTestSupport
import Testing

struct SemanticCommandTests {
    static let binary = FixturePaths.packageRoot.appendingPathComponent(".build/debug/skillmatch")

    static var available: Bool {
        let present = FileManager.default.isExecutableFile(atPath: binary.path)
        if !present { print("SemanticCommandTests: \(binary.path) not built: skipping CLI tests") }
        return present
    }

    /// A fixture installation: Taxonomies/{skills,occupations}.tsv and an empty Config/.
    static func installation() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("semantic-cli-\(UUID().uuidString)")
        let taxonomy = root.appendingPathComponent("Taxonomies")
        try FileManager.default.createDirectory(at: taxonomy, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Config"), withIntermediateDirectories: true)
        let skills = ["id\ttype\tlabel\talt_labels\tbroader\tdescription"]
            + SemanticFixture.skillList.map { "\($0.id)\t\($0.type.rawValue)\t\($0.label)\t\($0.altLabels.joined(separator: "|"))\t\t" }
        try Data((skills.joined(separator: "\n") + "\n").utf8).write(to: taxonomy.appendingPathComponent("skills.tsv"))
        let occupations = ["id\tsoc_code\ttitle\tdescription\talternate_titles\tjob_zone"]
            + OccupationMatcherTests.occupations.map { "\($0.id)\t\($0.socCode)\t\($0.title)\t\($0.description)\t\($0.alternateTitles.joined(separator: "|"))\t" }
        try Data((occupations.joined(separator: "\n") + "\n").utf8).write(to: taxonomy.appendingPathComponent("occupations.tsv"))
        return root
    }

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String], home: URL, model: URL) throws -> Run {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.environment = [
            "SKILLMATCH_HOME": home.path, "SKILLMATCH_DATA_DIR": home.appendingPathComponent("data").path,
            "SKILLMATCH_MODEL_DIR": model.path, "HOME": home.path,
        ]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test(.enabled(if: available)) func usageErrorsAndMissingModelFallback() throws {
        let home = try Self.installation()
        defer { try? FileManager.default.removeItem(at: home) }
        let noModel = home.appendingPathComponent("no-model")
        for arguments in [["occupation", "--limit", "0", "nurse"], ["occupation", "  "], ["extract", "--min-similarity", "0.5", "x"],
                          ["extract", "--semantic", "--min-similarity", "3", "x"], ["occupation", "--bogus", "x"]] {
            let r = try Self.run(arguments, home: home, model: noModel)
            #expect(r.status == 64, "\(arguments): \(r.stderr)")
            #expect(!r.stderr.isEmpty)
        }
        let occupation = try Self.run(["occupation", "--json", "registered nurse"], home: home, model: noModel)
        #expect(occupation.status == 0, "\(occupation.stderr)")
        #expect(occupation.stderr.contains("warning") && occupation.stderr.contains("lexical"))
        #expect(occupation.stdout.contains(#""method":"lexical""#) && occupation.stdout.contains("29-1141.00"))
        let extract = try Self.run(["extract", "--semantic", "--json", "patient care and python"], home: home, model: noModel)
        #expect(extract.status == 0, "\(extract.stderr)")
        #expect(extract.stderr.contains("warning") && extract.stdout.contains("s:care"))
        #expect(!extract.stdout.contains(#""method":"semantic""#))
    }

    @Test(.enabled(if: available)) func encoderPathsWithTinyModel() throws {
        let home = try Self.installation()
        let model = try TinyModel(seed: 5).write(maxSequenceLength: 24)
        defer { for url in [home, model] { try? FileManager.default.removeItem(at: url) } }
        let occupation = try Self.run(["occupation", "--json", "--limit", "2", "nurse care"], home: home, model: model)
        #expect(occupation.status == 0, "\(occupation.stderr)")
        #expect(occupation.stdout.contains(#""method":"encoder""#))
        #expect(occupation.stdout.components(separatedBy: #""soc_code""#).count == 3)
        let extract = try Self.run(["extract", "--semantic", "--min-similarity", "-1", "--json", "b c patient"],
                                   home: home, model: model)
        #expect(extract.status == 0, "\(extract.stderr)")
        // Nothing lexical in the text: every hit is semantic (the threshold lets every phrase through).
        #expect(extract.stdout.contains(#""method":"semantic""#) && !extract.stdout.contains(#""method":"lexical""#), "\(extract.stdout)")
        let corrupt = home.appendingPathComponent("corrupt-model")
        try FileManager.default.copyItem(at: model, to: corrupt)
        try Data("not safetensors".utf8).write(to: corrupt.appendingPathComponent("model.safetensors"))
        let bad = try Self.run(["occupation", "nurse"], home: home, model: corrupt)
        #expect(bad.status == 65 && bad.stderr.contains("model.safetensors"))
    }
}
