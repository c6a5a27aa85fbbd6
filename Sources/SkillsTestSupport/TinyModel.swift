import Foundation
import SkillsCore

/// A small random BERT written to a temporary model directory, so loading, errors, the forward
/// pass and the encoder's uses are tested without the real weights (SkillsEncoderTests, SkillsSemanticTests).
public struct TinyModel {
    public static let vocabulary = [
        "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "hvac", "system", "run", "##ning", "##s", "keep",
        "nurse", "care", "patient", ",", ".", "!", "data", "analy", "##st", "a", "b", "c", "é", "e", "中", "文",
        "python", "##script", "java", "un", "##able",
    ]

    public let hidden = 8, heads = 2, layers = 2, intermediate = 16, positions = 24, types = 2
    public var tensors: [(name: String, shape: [Int], values: [Float])] = []

    public init(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        func random(_ shape: [Int], scale: Float = 0.5) -> [Float] {
            (0..<shape.reduce(1, *)).map { _ in Float.random(in: -scale...scale, using: &rng) }
        }
        func norm(_ n: Int) -> [Float] { (0..<n).map { _ in 1 + Float.random(in: -0.2...0.2, using: &rng) } }
        let h = hidden, i = intermediate
        tensors = [
            ("embeddings.word_embeddings.weight", [Self.vocabulary.count, h], random([Self.vocabulary.count, h])),
            ("embeddings.position_embeddings.weight", [positions, h], random([positions, h], scale: 0.1)),
            ("embeddings.token_type_embeddings.weight", [types, h], random([types, h], scale: 0.1)),
            ("embeddings.LayerNorm.weight", [h], norm(h)), ("embeddings.LayerNorm.bias", [h], random([h], scale: 0.1)),
        ]
        for n in 0..<layers {
            let p = "encoder.layer.\(n)."
            for part in ["query", "key", "value"] {
                tensors.append((p + "attention.self.\(part).weight", [h, h], random([h, h])))
                tensors.append((p + "attention.self.\(part).bias", [h], random([h], scale: 0.1)))
            }
            tensors += [
                (p + "attention.output.dense.weight", [h, h], random([h, h])),
                (p + "attention.output.dense.bias", [h], random([h], scale: 0.1)),
                (p + "attention.output.LayerNorm.weight", [h], norm(h)),
                (p + "attention.output.LayerNorm.bias", [h], random([h], scale: 0.1)),
                (p + "intermediate.dense.weight", [i, h], random([i, h])),
                (p + "intermediate.dense.bias", [i], random([i], scale: 0.1)),
                (p + "output.dense.weight", [h, i], random([h, i])),
                (p + "output.dense.bias", [h], random([h], scale: 0.1)),
                (p + "output.LayerNorm.weight", [h], norm(h)),
                (p + "output.LayerNorm.bias", [h], random([h], scale: 0.1)),
            ]
        }
    }

    public func tensor(_ name: String) -> [Float] { tensors.first { $0.name == name }!.values }

    public var configJSON: String {
        """
        {"architectures": ["BertModel"], "hidden_act": "gelu", "hidden_size": \(hidden), "intermediate_size": \(intermediate),
         "layer_norm_eps": 1e-12, "max_position_embeddings": \(positions), "model_type": "bert",
         "num_attention_heads": \(heads), "num_hidden_layers": \(layers), "type_vocab_size": \(types),
         "vocab_size": \(Self.vocabulary.count), "position_embedding_type": "absolute"}
        """
    }

    /// Writes config.json, vocab.txt, model.safetensors and the pooling config into a new temporary
    /// directory and returns it.
    public func write(maxSequenceLength: Int = 16) throws -> URL {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("skillmatch-encoder-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("1_Pooling"), withIntermediateDirectories: true)
        try Data(configJSON.utf8).write(to: directory.appendingPathComponent("config.json"))
        try Data((Self.vocabulary.joined(separator: "\n") + "\n").utf8).write(to: directory.appendingPathComponent("vocab.txt"))
        try Data(#"{"max_seq_length": \#(maxSequenceLength), "do_lower_case": false}"#.utf8)
            .write(to: directory.appendingPathComponent("sentence_bert_config.json"))
        try Data(#"{"word_embedding_dimension": \#(hidden), "pooling_mode_cls_token": false, "pooling_mode_mean_tokens": true}"#.utf8)
            .write(to: directory.appendingPathComponent("1_Pooling/config.json"))
        try Safetensors.encode(tensors.map { ($0.name, "F32", $0.shape, Safetensors.bytes($0.values)) })
            .write(to: directory.appendingPathComponent("model.safetensors"))
        return directory
    }
}

/// Writes safetensors files for tests (header length, JSON header padded to 8 bytes, data).
public enum Safetensors {
    public static func bytes(_ values: [Float]) -> Data {
        var data = Data(capacity: values.count * 4)
        for v in values { withUnsafeBytes(of: v.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        return data
    }

    public static func encode(_ tensors: [(name: String, dtype: String, shape: [Int], data: Data)]) -> Data {
        var entries: [String] = [#""__metadata__":{"format":"pt"}"#]
        var body = Data()
        for tensor in tensors {
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            entries.append(#""\#(tensor.name)":{"dtype":"\#(tensor.dtype)","shape":[\#(shape)],"data_offsets":[\#(body.count),\#(body.count + tensor.data.count)]}"#)
            body.append(tensor.data)
        }
        var header = Data(("{" + entries.joined(separator: ",") + "}").utf8)
        while header.count % 8 != 0 { header.append(0x20) }
        var file = Data()
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { file.append(contentsOf: $0) }
        return file + header + body
    }
}
