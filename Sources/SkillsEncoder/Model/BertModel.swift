import SkillsVectors

/// The BERT encoder forward pass with mean pooling, on packed batches.
///
/// Texts of a batch are laid end to end (no padding): the per-token layers (projections, feed-forward,
/// LayerNorm) run as one matrix product over all tokens, and attention runs per text and head over
/// that text's own tokens. This gives exactly what a padded batch with an attention mask gives,
/// without computing the padding.
struct BertModel: Sendable {
    let weights: BertWeights
    var config: BertConfig { weights.config }

    /// Writes the mean-pooled last hidden state of each text (`texts.count × H`, not normalised).
    func meanPooled(_ texts: [TokenizedText], workspace: Workspace, into output: UnsafeMutablePointer<Float>) {
        let h = config.hiddenSize
        let tokens = texts.reduce(0) { $0 + $1.count }
        workspace.reserve(tokens: tokens)
        var offsets: [Int] = []
        offsets.reserveCapacity(texts.count)
        var offset = 0
        for text in texts {
            offsets.append(offset)
            offset += text.count
        }
        embed(texts, offsets: offsets, into: workspace.hidden)
        for layer in weights.layers {
            encoderLayer(layer, texts: texts, offsets: offsets, tokens: tokens, workspace: workspace)
        }
        for (index, text) in texts.enumerated() {
            let row = output + index * h
            row.initialize(repeating: 0, count: h)
            for t in 0..<text.count {
                let v = workspace.hidden + (offsets[index] + t) * h
                for j in 0..<h { row[j] += v[j] }
            }
            let inverse = 1 / Float(max(text.count, 1))
            for j in 0..<h { row[j] *= inverse }
        }
    }

    /// Word + position + token-type (0) embeddings, then LayerNorm.
    private func embed(_ texts: [TokenizedText], offsets: [Int], into hidden: UnsafeMutablePointer<Float>) {
        let h = config.hiddenSize
        for (index, text) in texts.enumerated() {
            for (position, id) in text.ids.enumerated() {
                let row = hidden + (offsets[index] + position) * h
                let word = weights.wordEmbeddings + Int(id) * h
                let place = weights.positionEmbeddings + position * h
                let type = weights.tokenTypeEmbeddings
                for j in 0..<h { row[j] = word[j] + place[j] + type[j] }
            }
        }
        let tokens = texts.reduce(0) { $0 + $1.count }
        Kernels.addLayerNorm(
            hidden, residual: nil, rows: tokens, width: h, weight: weights.embeddingNormWeight,
            bias: weights.embeddingNormBias, epsilon: config.layerNormEpsilon)
    }

    private func encoderLayer(
        _ layer: BertWeights.Layer, texts: [TokenizedText], offsets: [Int], tokens: Int, workspace: Workspace
    ) {
        let h = config.hiddenSize, d = config.headSize, i = config.intermediateSize
        let eps = config.layerNormEpsilon
        layer.qkvWeight.withUnsafeBufferPointer { w in
            layer.qkvBias.withUnsafeBufferPointer { b in
                Kernels.dense(
                    workspace.hidden, rows: tokens, inputs: h, weight: w.baseAddress!, bias: b.baseAddress!,
                    outputs: 3 * h, into: workspace.qkv)
            }
        }
        let scale = 1 / Float(d).squareRoot()
        let stride = 3 * h
        for (index, text) in texts.enumerated() {
            let length = text.count
            let base = workspace.qkv + offsets[index] * stride
            for head in 0..<config.headCount {
                let query = base + head * d, key = base + h + head * d, value = base + 2 * h + head * d
                BLAS.sgemm(
                    transposeB: true, m: length, n: length, k: d, alpha: scale, a: query, lda: stride, b: key,
                    ldb: stride, c: workspace.scores, ldc: length)
                Kernels.softmaxRows(workspace.scores, rows: length, width: length)
                BLAS.sgemm(
                    m: length, n: d, k: length, a: workspace.scores, lda: length, b: value, ldb: stride,
                    c: workspace.context + offsets[index] * h + head * d, ldc: h)
            }
        }
        Kernels.dense(
            workspace.context, rows: tokens, inputs: h, weight: layer.attentionOutputWeight,
            bias: layer.attentionOutputBias, outputs: h, into: workspace.projected)
        Kernels.addLayerNorm(
            workspace.hidden, residual: workspace.projected, rows: tokens, width: h,
            weight: layer.attentionNormWeight, bias: layer.attentionNormBias, epsilon: eps)
        Kernels.dense(
            workspace.hidden, rows: tokens, inputs: h, weight: layer.intermediateWeight, bias: layer.intermediateBias,
            outputs: i, into: workspace.intermediate)
        Kernels.gelu(workspace.intermediate, count: tokens * i)
        Kernels.dense(
            workspace.intermediate, rows: tokens, inputs: i, weight: layer.outputWeight, bias: layer.outputBias,
            outputs: h, into: workspace.projected)
        Kernels.addLayerNorm(
            workspace.hidden, residual: workspace.projected, rows: tokens, width: h,
            weight: layer.outputNormWeight, bias: layer.outputNormBias, epsilon: eps)
    }
}
