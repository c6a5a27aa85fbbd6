import Foundation
import SkillsVectors
import Synchronization

/// all-MiniLM-L6-v2 (or any BERT sentence-transformers model with mean pooling) in Swift on OpenBLAS:
/// text in, L2-normalised `dimension`-float vectors out, matching the reference Python stack.
///
/// ```swift
/// let encoder = try SentenceEncoder(modelDirectory: SentenceEncoder.defaultModelDirectory())
/// let vectors = try encoder.encode(["keeps HVAC systems running", "HVAC maintenance"])
/// ```
/// When the model files are absent `init` throws `EncoderError` of kind `.modelMissing`: the service
/// logs one warning and runs lexical-only. Safe to share between threads; concurrent `encode` calls
/// take turns on the one set of work buffers.
public final class SentenceEncoder: Sendable {
    /// Length of every vector.
    public var dimension: Int { model.config.hiddenSize }
    /// A content hash of the weights and the vocabulary, to key caches of vectors.
    public let modelHash: String
    /// The tokenizer, with the sequence budget in force.
    public let tokenizer: WordPieceTokenizer
    public let configuration: EncoderConfiguration
    public let modelDirectory: URL

    private let model: BertModel
    private let workspace: Mutex<Workspace>

    /// The model directory used when none is configured:
    /// `SKILLMATCH_MODEL_DIR`, else `${SKILLMATCH_DATA_DIR:-~/.local/share/skillmatch}/models/all-MiniLM-L6-v2`
    /// (where `scripts/fetch-model.sh` puts it).
    public static func defaultModelDirectory(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> URL {
        if let directory = environment["SKILLMATCH_MODEL_DIR"], !directory.isEmpty {
            return URL(fileURLWithPath: directory)
        }
        let data = environment["SKILLMATCH_DATA_DIR"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share/skillmatch"
        return URL(fileURLWithPath: data).appendingPathComponent("models/all-MiniLM-L6-v2")
    }

    /// Loads `config.json`, `vocab.txt`, `model.safetensors` and, when present,
    /// `sentence_bert_config.json` and `1_Pooling/config.json` from `modelDirectory`.
    public init(modelDirectory: URL, configuration: EncoderConfiguration = EncoderConfiguration()) throws {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: modelDirectory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw EncoderError.modelMissing(modelDirectory.path)
        }
        let file = { (name: String) in modelDirectory.appendingPathComponent(name) }
        for name in ["config.json", "vocab.txt", "model.safetensors"] where !fileManager.fileExists(atPath: file(name).path) {
            throw EncoderError.modelMissing(file(name).path)
        }
        let config = try BertConfig(contentsOf: file("config.json"))
        try configuration.validate(maxPositions: config.maxPositions)
        try Self.checkPooling(file("1_Pooling/config.json"))
        let maxLength = try configuration.maxSequenceLength
            ?? Self.modelMaxSequenceLength(file("sentence_bert_config.json"))
            ?? min(256, config.maxPositions)
        guard (2...config.maxPositions).contains(maxLength) else {
            throw EncoderError(.invalidConfiguration, "max_seq_length \(maxLength) must be in 2...\(config.maxPositions)")
        }
        let vocabulary = try Vocabulary(contentsOf: file("vocab.txt"))
        guard vocabulary.count == config.vocabularySize else {
            throw EncoderError(.invalidVocabulary, "\(file("vocab.txt").path) has \(vocabulary.count) tokens, config.json says vocab_size \(config.vocabularySize)")
        }
        let weights = try BertWeights(file: SafetensorsFile(url: file("model.safetensors")), config: config)

        if let threads = configuration.threads { BLAS.setThreads(threads) }
        self.modelDirectory = modelDirectory
        self.configuration = configuration
        self.tokenizer = try WordPieceTokenizer(vocabulary: vocabulary, maxSequenceLength: maxLength)
        self.model = BertModel(weights: weights)
        self.workspace = Mutex(Workspace(config: config, maxSequenceLength: maxLength))
        self.modelHash = ContentHash.hex(weights.file.bytes, FileManager.default.contents(atPath: file("vocab.txt").path) ?? Data())
    }

    /// One L2-normalised vector per text, in order.
    public func encode(_ texts: [String]) throws -> [[Float]] {
        let flat = try encodeFlat(texts)
        let d = dimension
        return (0..<texts.count).map { Array(flat[$0 * d..<($0 + 1) * d]) }
    }

    /// The vectors of `texts` as one row-major `texts.count × dimension` array.
    public func encodeFlat(_ texts: [String]) throws -> [Float] {
        let d = dimension
        let tokenized = texts.map(tokenizer.tokenize)
        // Longest first, in batches: texts of a batch have similar lengths, as in the reference.
        let order = tokenized.indices.sorted { tokenized[$0].count > tokenized[$1].count }
        var output = [Float](repeating: 0, count: texts.count * d)
        var pooled = [Float](repeating: 0, count: configuration.batchSize * d)
        workspace.withLock { workspace in
            for start in stride(from: 0, to: order.count, by: configuration.batchSize) {
                let batch = Array(order[start..<min(start + configuration.batchSize, order.count)])
                pooled.withUnsafeMutableBufferPointer { buffer in
                    model.meanPooled(batch.map { tokenized[$0] }, workspace: workspace, into: buffer.baseAddress!)
                }
                for (slot, index) in batch.enumerated() {
                    let row = pooled[slot * d..<(slot + 1) * d]
                    // As torch.nn.functional.normalize: divide by max(‖x‖, 1e-12).
                    let norm = max(row.reduce(0) { $0 + $1 * $1 }.squareRoot(), 1e-12)
                    for (j, value) in row.enumerated() { output[index * d + j] = value / norm }
                }
            }
        }
        return output
    }

    /// The token ids the model sees for `text`.
    public func tokenize(_ text: String) -> TokenizedText { tokenizer.tokenize(text) }

    private static func checkPooling(_ url: URL) throws {
        guard let data = FileManager.default.contents(atPath: url.path) else { return }
        guard let json = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw EncoderError(.invalidConfiguration, "\(url.path) is not a JSON object")
        }
        let modes = json.filter { $0.key.hasPrefix("pooling_mode_") && ($0.value as? Bool) == true }.map(\.key)
        guard modes == ["pooling_mode_mean_tokens"] else {
            throw EncoderError(.invalidConfiguration, "\(url.path): only mean pooling is supported, found \(modes.sorted())")
        }
    }

    private static func modelMaxSequenceLength(_ url: URL) throws -> Int? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        guard let json = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw EncoderError(.invalidConfiguration, "\(url.path) is not a JSON object")
        }
        return (json["max_seq_length"] as? NSNumber)?.intValue
    }
}
