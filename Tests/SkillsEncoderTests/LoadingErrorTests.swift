import Foundation
import SkillsTestSupport
import Testing

@testable import SkillsEncoder

/// Bad model directories give a precise `EncoderError`, never a crash:
/// missing files, missing or broken vocabulary, corrupt or truncated safetensors, wrong shapes and
/// dtypes, missing tensors, unusable configuration.
struct LoadingErrorTests {
    /// A fresh tiny model directory; `body` may damage it before loading.
    private func loadError(_ damage: (URL) throws -> Void) throws -> EncoderError? {
        let directory = try TinyModel(seed: 3).write()
        defer { try? FileManager.default.removeItem(at: directory) }
        try damage(directory)
        do {
            _ = try SentenceEncoder(modelDirectory: directory)
            return nil
        } catch let error as EncoderError {
            return error
        }
    }

    private func rewriteWeights(_ directory: URL, _ edit: (inout [(name: String, dtype: String, shape: [Int], data: Data)]) -> Void) throws {
        var tensors = TinyModel(seed: 3).tensors.map { ($0.name, "F32", $0.shape, Safetensors.bytes($0.values)) }
            as [(name: String, dtype: String, shape: [Int], data: Data)]
        edit(&tensors)
        try Safetensors.encode(tensors).write(to: directory.appendingPathComponent("model.safetensors"))
    }

    @Test func missingDirectoryIsModelMissing() {
        let path = "/nonexistent/skillmatch/models/all-MiniLM-L6-v2"
        #expect(throws: EncoderError.modelMissing(path)) {
            try SentenceEncoder(modelDirectory: URL(fileURLWithPath: path))
        }
    }

    @Test(arguments: ["vocab.txt", "model.safetensors", "config.json"])
    func missingFileIsModelMissing(_ name: String) throws {
        let error = try loadError { try FileManager.default.removeItem(at: $0.appendingPathComponent(name)) }
        guard case .modelMissing(let path)? = error?.kind else {
            Issue.record("expected modelMissing, got \(String(describing: error))")
            return
        }
        #expect(path.hasSuffix("/" + name))
        #expect(error!.message.contains(name))
    }

    @Test func vocabularyWithoutSpecialTokenIsRejected() throws {
        let error = try loadError { directory in
            let tokens = TinyModel.vocabulary.map { $0 == "[CLS]" ? "cls" : $0 }
            try Data(tokens.joined(separator: "\n").utf8).write(to: directory.appendingPathComponent("vocab.txt"))
        }
        #expect(error?.kind == .invalidVocabulary)
        #expect(error?.message.contains("[CLS]") == true)
    }

    @Test func vocabularyOfWrongSizeIsRejected() throws {
        let error = try loadError { directory in
            try Data((TinyModel.vocabulary + ["extra"]).joined(separator: "\n").utf8)
                .write(to: directory.appendingPathComponent("vocab.txt"))
        }
        #expect(error?.kind == .invalidVocabulary)
        #expect(try loadError { try Data().write(to: $0.appendingPathComponent("vocab.txt")) }?.kind == .invalidVocabulary)
    }

    @Test func truncatedWeightsAreCorrupt() throws {
        let source = try TinyModel(seed: 3).write()
        defer { try? FileManager.default.removeItem(at: source) }
        let full = try Data(contentsOf: source.appendingPathComponent("model.safetensors"))
        var rng = SeededGenerator(seed: 5)
        // Cut inside the length prefix, inside the header, and at random points in the data.
        let cuts = [0, 3, 7, 9, 100] + (0..<8).map { _ in Int.random(in: 200..<(full.count - 1), using: &rng) }
        for cut in cuts {
            let error = try loadError { try full.prefix(cut).write(to: $0.appendingPathComponent("model.safetensors")) }
            #expect(error?.kind == .corruptWeights, "cut at \(cut): \(String(describing: error))")
            #expect(error?.message.contains("model.safetensors") == true)
        }
    }

    @Test func malformedHeadersAreCorrupt() throws {
        func file(_ header: String, lengthOverride: UInt64? = nil) -> Data {
            var data = Data()
            withUnsafeBytes(of: (lengthOverride ?? UInt64(header.utf8.count)).littleEndian) { data.append(contentsOf: $0) }
            return data + Data(header.utf8) + Data(count: 64)
        }
        let cases = [
            file("not json at all"),
            file("[1, 2, 3]"),
            file(#"{"x": {"dtype": "F32", "shape": [4]}}"#),
            file(#"{"x": {"dtype": "F99", "shape": [4], "data_offsets": [0, 16]}}"#),
            file(#"{"x": {"dtype": "F32", "shape": [4], "data_offsets": [0, 12]}}"#),
            file(#"{"x": {"dtype": "F32", "shape": [4], "data_offsets": [16, 0]}}"#),
            file(#"{"x": {"dtype": "F32", "shape": [-4], "data_offsets": [0, 16]}}"#),
            file(#"{"x": {"dtype": "F32", "shape": [1000], "data_offsets": [0, 4000]}}"#),
            file("{}", lengthOverride: 1 << 40),
        ]
        for data in cases {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).safetensors")
            try data.write(to: url)
            defer { try? FileManager.default.removeItem(at: url) }
            #expect(throws: EncoderError.self) { try SafetensorsFile(url: url) }
            do { _ = try SafetensorsFile(url: url) } catch let error as EncoderError {
                #expect(error.kind == .corruptWeights, "\(error)")
            }
        }
    }

    @Test func wrongShapeIsRejected() throws {
        let error = try loadError { directory in
            try rewriteWeights(directory) { tensors in
                let index = tensors.firstIndex { $0.name == "encoder.layer.1.intermediate.dense.weight" }!
                tensors[index].shape = [8, 16]  // transposed: same byte count, wrong layout
            }
        }
        #expect(error?.kind == .wrongShape)
        #expect(error?.message.contains("encoder.layer.1.intermediate.dense.weight") == true)
        #expect(error?.message.contains("[16, 8]") == true)
    }

    @Test func wrongDtypeIsRejected() throws {
        let error = try loadError { directory in
            try rewriteWeights(directory) { tensors in
                let index = tensors.firstIndex { $0.name == "embeddings.LayerNorm.bias" }!
                tensors[index] = (tensors[index].name, "F16", [8], Data(count: 16))
            }
        }
        #expect(error?.kind == .wrongShape)
        #expect(error?.message.contains("F16") == true)
    }

    @Test func missingTensorIsNamed() throws {
        let error = try loadError { directory in
            try rewriteWeights(directory) { $0.removeAll { $0.name == "encoder.layer.0.attention.self.key.bias" } }
        }
        #expect(error?.kind == .missingTensor)
        #expect(error?.message.contains("encoder.layer.0.attention.self.key.bias") == true)
    }

    @Test func unusableConfigurationIsRejected() throws {
        let badConfig = try loadError { directory in
            let json = TinyModel(seed: 3).configJSON.replacingOccurrences(of: #""num_attention_heads": 2"#, with: #""num_attention_heads": 3"#)
            try Data(json.utf8).write(to: directory.appendingPathComponent("config.json"))
        }
        #expect(badConfig?.kind == .invalidConfiguration)
        let clsPooling = try loadError { directory in
            try Data(#"{"pooling_mode_cls_token": true, "pooling_mode_mean_tokens": false}"#.utf8)
                .write(to: directory.appendingPathComponent("1_Pooling/config.json"))
        }
        #expect(clsPooling?.kind == .invalidConfiguration)
        let directory = try TinyModel(seed: 3).write()
        defer { try? FileManager.default.removeItem(at: directory) }
        for configuration in [
            EncoderConfiguration(maxSequenceLength: 1), EncoderConfiguration(maxSequenceLength: 25),
            EncoderConfiguration(batchSize: 0), EncoderConfiguration(threads: 0),
        ] {
            #expect(throws: EncoderError.self) {
                try SentenceEncoder(modelDirectory: directory, configuration: configuration)
            }
        }
    }
}
