import Dispatch
import Foundation
import SkillsCore
import SkillsEncoder
import SkillsTaxonomy
import SkillsVectors

/// Which skill vectors the engine uses (`engine.skillVectors` in `Config/default.json`).
public enum SkillVectorSource: String, Sendable, Codable, CaseIterable {
    /// Encoder vectors when the model files are present, else taxonomy vectors (with one warning).
    case auto
    /// Taxonomy-derived vectors (``SkillEmbeddingBuilder``), never the encoder.
    case taxonomy
    /// Encoder vectors; a missing model is an error.
    case encoder
}

/// The engine's skill vectors, whatever produced them, with what they are keyed by.
///
/// The rest of the engine sees only ``vectors`` (a ``SkillVectors``): related-skill credit, entity
/// vectors and dense search do not care whether the taxonomy or the encoder made them.
public struct SkillVectorSpace: Sendable {
    public enum Origin: String, Sendable { case taxonomy, encoder }

    public let vectors: SkillVectors
    public let origin: Origin
    /// Changes whenever the vectors would: taxonomy checksum and dimension, or model hash and labels.
    /// Stored entity vectors carry it (see ``Engine``), so a change recomputes them.
    public let identifier: String
    /// The encoder, loaded when ``origin`` is `.encoder` (free-text query vectors use it).
    public let encoder: SentenceEncoder?
    /// Seconds spent loading or computing the vectors.
    public let seconds: Double
    /// `true` when the vectors came from a cache file.
    public let fromCache: Bool
    /// Why the encoder is not used although it was allowed (`auto` without model files).
    public let warning: String?

    /// Dimension of the taxonomy-derived vectors: 128 keeps an entity vector at 512 bytes.
    public static let taxonomyDimension = 128

    /// Loads the vectors `source` asks for; caches live in `cacheDirectory`.
    ///
    /// - Parameters:
    ///   - taxonomyChecksum: identifies the taxonomy (manifest and extensions), the taxonomy cache key.
    ///   - modelDirectory: where the encoder's files are.
    /// - Throws: ``EngineError`` `.invalidConfiguration` when `source` is `.encoder` and the model is
    ///   missing or broken; vector errors otherwise.
    public static func load(
        source: SkillVectorSource, taxonomy: Taxonomy, graph: TaxonomySkillGraph, taxonomyChecksum: String,
        modelDirectory: URL, cacheDirectory: URL
    ) throws -> SkillVectorSpace {
        let start = DispatchTime.now()
        var warning: String?
        if source != .taxonomy {
            do {
                let encoder = try SentenceEncoder(modelDirectory: modelDirectory)
                let labelCache = cacheDirectory.appendingPathComponent("labels")
                let cached = FileManager.default.fileExists(atPath: labelCache.path)
                    && (try? FileManager.default.contentsOfDirectory(atPath: labelCache.path).contains { $0.hasPrefix("labels-\(encoder.modelHash)") }) == true
                let matrix = try SkillLabelEmbedding.vectors(taxonomy: taxonomy, encoder: encoder, cacheDirectory: labelCache)
                return SkillVectorSpace(
                    vectors: try SkillVectors(matrix: matrix), origin: .encoder,
                    identifier: "encoder-\(encoder.modelHash)-\(taxonomyChecksum.prefix(16))-a\(SkillLabelEmbedding.defaultMaximumAlternatives)",
                    encoder: encoder, seconds: seconds(since: start), fromCache: cached, warning: nil)
            } catch {
                if source == .encoder {
                    throw EngineError(.invalidConfiguration, "engine.skillVectors is encoder but the sentence encoder cannot load: \(error)")
                }
                warning = "sentence encoder not loaded (\(error)); running on lexical extraction and taxonomy-derived skill vectors"
            }
        }
        let d = taxonomyDimension
        let key = "taxonomy-\(taxonomyChecksum)-d\(d)-v1"
        let file = cacheDirectory.appendingPathComponent("skills-\(key.prefix(40)).vec")
        if let matrix = VectorMatrixFile.read(file, key: key), matrix.count == taxonomy.skills.count {
            return SkillVectorSpace(vectors: try SkillVectors(matrix: matrix), origin: .taxonomy, identifier: key, encoder: nil,
                                    seconds: seconds(since: start), fromCache: true, warning: warning)
        }
        let matrix = try SkillEmbeddingBuilder.build(
            skillCount: graph.skillCount, hierarchy: graph.hierarchy, groups: graph.groups, cooccurrence: graph.cooccurrence,
            dimension: d, seed: 2026)
        // A cache that cannot be written (read-only data dir) only costs the next start the build.
        try? VectorMatrixFile.write(matrix, key: key, to: file)
        return SkillVectorSpace(vectors: try SkillVectors(matrix: matrix), origin: .taxonomy, identifier: key, encoder: nil,
                                seconds: seconds(since: start), fromCache: false, warning: warning)
    }

    static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }
}
