import Foundation
import SkillsEncoder
import SkillsTaxonomy
import SkillsVectors

/// Skill vectors from the sentence encoder: each skill's vector is the L2-normalised mean of the
/// embeddings of its preferred label and up to `maximumAlternatives` alternative labels (in
/// taxonomy order), `v(s) = normalise(Σ_l e(l) / L)`.
///
/// The label embeddings go through ``LabelEmbeddings/cached(labels:encoder:directory:)``, so they are
/// encoded once per model, label list and sequence length and read from the cache directory after
/// that. Other encoder uses (semantic extraction, title → occupation) call the same function with
/// the same directory and share the cache.
///
/// ```swift
/// let matrix = try SkillLabelEmbedding.vectors(taxonomy: taxonomy, encoder: encoder,
///                                              cacheDirectory: dataDirectory.appendingPathComponent("vectors"))
/// ```
public enum SkillLabelEmbedding {
    /// Alternative labels encoded per skill by default. All 22k preferred labels plus up to 3
    /// alternatives are ~52k short texts, encoded once (see Documentation/VECTORS.md for the time).
    public static let defaultMaximumAlternatives = 3

    /// The labels skill `skill` is encoded from: its preferred label, then its first
    /// `maximumAlternatives` distinct alternative labels.
    public static func labels(of skill: Skill, maximumAlternatives: Int = defaultMaximumAlternatives) -> [String] {
        var seen: Set<String> = [skill.label.lowercased()]
        var labels = [skill.label]
        for alt in skill.altLabels where labels.count <= maximumAlternatives && seen.insert(alt.lowercased()).inserted {
            labels.append(alt)
        }
        return labels
    }

    /// One unit vector per skill of `taxonomy` (row `i` is skill `i`), `encoder.dimension` long.
    ///
    /// - Parameters:
    ///   - cacheDirectory: where ``LabelEmbeddings`` keeps its files.
    ///   - maximumAlternatives: alternative labels per skill (0: preferred labels only).
    /// - Throws: ``EncoderError`` when encoding or the cache fails.
    public static func vectors(
        taxonomy: Taxonomy, encoder: SentenceEncoder, cacheDirectory: URL, maximumAlternatives: Int = defaultMaximumAlternatives
    ) throws -> VectorMatrix {
        precondition(maximumAlternatives >= 0, "maximumAlternatives must not be negative")
        // Distinct labels once each; skills refer to them by position.
        var position: [String: Int] = [:]
        var unique: [String] = []
        let perSkill = taxonomy.skills.map { skill in
            labels(of: skill, maximumAlternatives: maximumAlternatives).map { label -> Int in
                if let p = position[label] { return p }
                position[label] = unique.count
                unique.append(label)
                return unique.count - 1
            }
        }
        let embeddings = try LabelEmbeddings.cached(labels: unique, encoder: encoder, directory: cacheDirectory)
        let d = embeddings.dimension
        var values = [Float](repeating: 0, count: perSkill.count * d)
        embeddings.vectors.withUnsafeBufferPointer { e in
            values.withUnsafeMutableBufferPointer { out in
                for (skill, rows) in perSkill.enumerated() {
                    let target = out.baseAddress! + skill * d
                    for row in rows { BLAS.saxpy(d, alpha: 1, e.baseAddress! + row * d, target) }
                }
            }
        }
        var matrix = try VectorMatrix(dimension: d, values: values)
        matrix.normalizeRows()
        return matrix
    }
}
