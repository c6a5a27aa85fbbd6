import Foundation
import SkillsEncoder
import SkillsTestSupport

/// The real all-MiniLM-L6-v2 files (fetched by `scripts/fetch-model.sh`) and the committed reference.
///
/// Tests that need the model are enabled when the files are present, or always under `CI=true`,
/// where absent files make them fail loudly instead of being skipped.
enum ModelFixture {
    static let directory = SentenceEncoder.defaultModelDirectory()

    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    static var available: Bool {
        FileManager.default.fileExists(atPath: directory.appendingPathComponent("model.safetensors").path)
    }

    /// Run the test when the model is present, or in CI (where its absence is a failure).
    static var shouldRun: Bool {
        if !available && !isCI {
            print("SkillsEncoderTests: model files absent at \(directory.path): skipping model tests (run scripts/fetch-model.sh)")
        }
        return available || isCI
    }

    /// One shared encoder: loading maps 90 MB and hashes it.
    static let encoder: Result<SentenceEncoder, any Error> = Result {
        try SentenceEncoder(modelDirectory: directory)
    }

    struct Item: Decodable {
        let text: String
        let ids: [Int32]
        let embedding: String

        var vector: [Float] {
            let data = Data(base64Encoded: embedding) ?? Data()
            return data.withUnsafeBytes { raw in
                (0..<data.count / 4).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self))) }
            }
        }
    }

    struct Reference: Decodable {
        let max_seq_length: Int
        let dimension: Int
        let items: [Item]
    }

    static func reference() throws -> Reference {
        let url = FixturePaths.packageRoot.appendingPathComponent("Tests/SkillsEncoderTests/Fixtures/minilm-reference.json")
        return try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
    }
}
