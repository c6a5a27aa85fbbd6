import Foundation

/// The architecture of a BERT encoder, read from the model's `config.json`.
public struct BertConfig: Equatable, Sendable {
    public var vocabularySize: Int
    public var hiddenSize: Int
    public var layerCount: Int
    public var headCount: Int
    public var intermediateSize: Int
    public var maxPositions: Int
    public var typeVocabularySize: Int
    public var layerNormEpsilon: Float

    /// Size of one attention head.
    public var headSize: Int { hiddenSize / headCount }

    public init(
        vocabularySize: Int, hiddenSize: Int, layerCount: Int, headCount: Int, intermediateSize: Int,
        maxPositions: Int, typeVocabularySize: Int, layerNormEpsilon: Float
    ) throws {
        self.vocabularySize = vocabularySize
        self.hiddenSize = hiddenSize
        self.layerCount = layerCount
        self.headCount = headCount
        self.intermediateSize = intermediateSize
        self.maxPositions = maxPositions
        self.typeVocabularySize = typeVocabularySize
        self.layerNormEpsilon = layerNormEpsilon
        try validate()
    }

    /// Reads `config.json` (Hugging Face format); only `BertModel`-style configs with GELU are accepted.
    public init(contentsOf url: URL) throws {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw EncoderError.modelMissing(url.path)
        }
        guard let json = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw EncoderError(.invalidConfiguration, "\(url.path) is not a JSON object")
        }
        func int(_ key: String) throws -> Int {
            guard let value = (json[key] as? NSNumber)?.intValue else {
                throw EncoderError(.invalidConfiguration, "\(url.path): \(key) is missing or not a number")
            }
            return value
        }
        if let activation = json["hidden_act"] as? String, activation != "gelu" {
            throw EncoderError(.invalidConfiguration, "\(url.path): hidden_act \(activation) is not supported (gelu only)")
        }
        if let kind = json["position_embedding_type"] as? String, kind != "absolute" {
            throw EncoderError(.invalidConfiguration, "\(url.path): position_embedding_type \(kind) is not supported")
        }
        try self.init(
            vocabularySize: int("vocab_size"), hiddenSize: int("hidden_size"), layerCount: int("num_hidden_layers"),
            headCount: int("num_attention_heads"), intermediateSize: int("intermediate_size"),
            maxPositions: int("max_position_embeddings"), typeVocabularySize: int("type_vocab_size"),
            layerNormEpsilon: (json["layer_norm_eps"] as? NSNumber)?.floatValue ?? 1e-12)
    }

    private func validate() throws {
        let positive = [
            ("vocab_size", vocabularySize), ("hidden_size", hiddenSize), ("num_hidden_layers", layerCount),
            ("num_attention_heads", headCount), ("intermediate_size", intermediateSize),
            ("max_position_embeddings", maxPositions), ("type_vocab_size", typeVocabularySize),
        ]
        for (key, value) in positive where value <= 0 || value > 1 << 20 {
            throw EncoderError(.invalidConfiguration, "config \(key) = \(value) is out of range")
        }
        guard hiddenSize % headCount == 0 else {
            throw EncoderError(.invalidConfiguration, "config hidden_size \(hiddenSize) is not a multiple of num_attention_heads \(headCount)")
        }
        guard layerNormEpsilon > 0, layerNormEpsilon.isFinite else {
            throw EncoderError(.invalidConfiguration, "config layer_norm_eps \(layerNormEpsilon) must be positive")
        }
    }
}
