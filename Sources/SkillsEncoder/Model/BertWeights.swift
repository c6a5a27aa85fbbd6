/// The tensors of a BERT encoder, checked against its `BertConfig`.
///
/// Most tensors are views into the memory-mapped safetensors file (kept alive by `file`); the query,
/// key and value projections of each layer are copied once into one fused `3H × H` matrix so a
/// layer needs one matrix product for all three. Read-only after `init`, hence `@unchecked Sendable`.
struct BertWeights: @unchecked Sendable {
    struct Layer {
        /// `[query; key; value]` weights, `3H × H`, and their biases.
        var qkvWeight: [Float]
        var qkvBias: [Float]
        var attentionOutputWeight: UnsafePointer<Float>  // H × H
        var attentionOutputBias: UnsafePointer<Float>
        var attentionNormWeight: UnsafePointer<Float>
        var attentionNormBias: UnsafePointer<Float>
        var intermediateWeight: UnsafePointer<Float>  // I × H
        var intermediateBias: UnsafePointer<Float>
        var outputWeight: UnsafePointer<Float>  // H × I
        var outputBias: UnsafePointer<Float>
        var outputNormWeight: UnsafePointer<Float>
        var outputNormBias: UnsafePointer<Float>
    }

    let file: SafetensorsFile
    let config: BertConfig
    let wordEmbeddings: UnsafePointer<Float>  // V × H
    let positionEmbeddings: UnsafePointer<Float>  // P × H
    let tokenTypeEmbeddings: UnsafePointer<Float>  // T × H
    let embeddingNormWeight: UnsafePointer<Float>
    let embeddingNormBias: UnsafePointer<Float>
    let layers: [Layer]

    init(file: SafetensorsFile, config: BertConfig) throws {
        self.file = file
        self.config = config
        let h = config.hiddenSize, i = config.intermediateSize
        // Checkpoints exported from BertModel have bare names; from a task head, a "bert." prefix.
        let prefix = file.tensors["embeddings.word_embeddings.weight"] == nil
            && file.tensors["bert.embeddings.word_embeddings.weight"] != nil ? "bert." : ""
        func tensor(_ name: String, _ shape: [Int]) throws -> UnsafePointer<Float> {
            try file.floats(prefix + name, shape: shape).baseAddress!
        }
        func copy(_ name: String, _ shape: [Int]) throws -> [Float] {
            Array(try file.floats(prefix + name, shape: shape))
        }
        wordEmbeddings = try tensor("embeddings.word_embeddings.weight", [config.vocabularySize, h])
        positionEmbeddings = try tensor("embeddings.position_embeddings.weight", [config.maxPositions, h])
        tokenTypeEmbeddings = try tensor("embeddings.token_type_embeddings.weight", [config.typeVocabularySize, h])
        embeddingNormWeight = try tensor("embeddings.LayerNorm.weight", [h])
        embeddingNormBias = try tensor("embeddings.LayerNorm.bias", [h])
        layers = try (0..<config.layerCount).map { n in
            let p = "encoder.layer.\(n)."
            let qkvWeight = try copy(p + "attention.self.query.weight", [h, h])
                + copy(p + "attention.self.key.weight", [h, h]) + copy(p + "attention.self.value.weight", [h, h])
            let qkvBias = try copy(p + "attention.self.query.bias", [h])
                + copy(p + "attention.self.key.bias", [h]) + copy(p + "attention.self.value.bias", [h])
            return Layer(
                qkvWeight: qkvWeight, qkvBias: qkvBias,
                attentionOutputWeight: try tensor(p + "attention.output.dense.weight", [h, h]),
                attentionOutputBias: try tensor(p + "attention.output.dense.bias", [h]),
                attentionNormWeight: try tensor(p + "attention.output.LayerNorm.weight", [h]),
                attentionNormBias: try tensor(p + "attention.output.LayerNorm.bias", [h]),
                intermediateWeight: try tensor(p + "intermediate.dense.weight", [i, h]),
                intermediateBias: try tensor(p + "intermediate.dense.bias", [i]),
                outputWeight: try tensor(p + "output.dense.weight", [h, i]),
                outputBias: try tensor(p + "output.dense.bias", [h]),
                outputNormWeight: try tensor(p + "output.LayerNorm.weight", [h]),
                outputNormBias: try tensor(p + "output.LayerNorm.bias", [h]))
        }
    }
}
