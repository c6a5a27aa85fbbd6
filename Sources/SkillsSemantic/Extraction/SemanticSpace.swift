// SPDX-License-Identifier: Apache-2.0
import SkillsVectors

/// The vectors the semantic extractor compares, centred: each matrix has its mean row subtracted
/// and its rows L2-normalised again, and texts are centred with the label mean.
///
/// Why centre: all-MiniLM-L6-v2 vectors share a large common direction, so the raw cosine of any
/// phrase with any label sits in a narrow band and generic words come close to everything. Taking
/// the mean out spreads the scores; on the extraction benchmark it raised merged recall at equal
/// precision (see `Documentation/EXTRACTION.md`).
struct SemanticSpace: Sendable {
    let dimension: Int
    /// Mean of every label row (all labels of all skills), before centring.
    let labelMean: [Float]
    /// Centred label rows compared with phrases: per skill its preferred label, then (with
    /// alternative labels) the others; skill `s` owns rows `rowStart[s] ..< rowStart[s + 1]`.
    let labels: [Float]
    let rowStart: [Int]
    /// Centred context-sentence rows, one per skill (``SkillLabelVectors/contexts``), centred with
    /// their own mean.
    let contexts: [Float]

    init(vectors: SkillLabelVectors, alternativeLabels: Bool) {
        let d = vectors.dimension
        dimension = d
        let all = vectors.embeddings.vectors
        labelMean = Self.mean(all, dimension: d)
        if alternativeLabels {
            labels = Self.centred(all, mean: labelMean, dimension: d)
            rowStart = vectors.rowStart
        } else {
            var preferred: [Float] = []
            preferred.reserveCapacity(vectors.skillCount * d)
            for s in 0..<vectors.skillCount { preferred += all[vectors.rowStart[s] * d..<(vectors.rowStart[s] + 1) * d] }
            labels = Self.centred(preferred, mean: labelMean, dimension: d)
            rowStart = Array(0...vectors.skillCount)
        }
        let contextRows = vectors.contexts.vectors
        contexts = Self.centred(contextRows, mean: Self.mean(contextRows, dimension: d), dimension: d)
    }

    var labelRows: Int { labels.count / dimension }

    /// Text vectors (row-major, `count × dimension`) centred with the label mean.
    func centredTexts(_ vectors: [Float]) -> [Float] { Self.centred(vectors, mean: labelMean, dimension: dimension) }

    /// Dot product of centred context row `skill` with a centred text vector.
    func contextCosine(skill: Int, _ text: UnsafePointer<Float>) -> Float {
        contexts.withUnsafeBufferPointer { BLAS.sdot(dimension, $0.baseAddress! + skill * dimension, text) }
    }

    static func mean(_ rows: [Float], dimension d: Int) -> [Float] {
        var mean = [Float](repeating: 0, count: d)
        let count = rows.count / max(1, d)
        guard count > 0 else { return mean }
        // Sum in Double: 10^5 rows of float32 would lose the mean's small components.
        var sum = [Double](repeating: 0, count: d)
        for r in 0..<count { for j in 0..<d { sum[j] += Double(rows[r * d + j]) } }
        for j in 0..<d { mean[j] = Float(sum[j] / Double(count)) }
        return mean
    }

    /// `rows − mean`, each row scaled to unit length (a row equal to the mean stays zero).
    static func centred(_ rows: [Float], mean: [Float], dimension d: Int) -> [Float] {
        var out = rows
        let count = rows.count / max(1, d)
        out.withUnsafeMutableBufferPointer { v in
            guard let base = v.baseAddress else { return }
            for r in 0..<count { for j in 0..<d { base[r * d + j] -= mean[j] } }
            VectorMatrix.normalizeRows(base, rows: count, dimension: d)
        }
        return out
    }
}
