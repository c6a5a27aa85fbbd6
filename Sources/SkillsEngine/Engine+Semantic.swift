import Foundation
import SkillsEncoder
import SkillsSemantic
import SkillsTaxonomy

extension Engine {
    /// The semantic extractor ingestion uses when configured; without the model files, `nil` and
    /// one warning (the engine runs lexical-only). Corrupt model files are an error.
    static func semanticExtractor(
        _ configuration: EngineConfiguration, _ taxonomy: Taxonomy
    ) throws -> (SemanticSkillExtractor?, [String]) {
        guard configuration.semanticExtraction else { return (nil, []) }
        do {
            let encoder = try SentenceEncoder(modelDirectory: configuration.resolvedModelDirectory, configuration: EncoderConfiguration(threads: 1))
            let cache = EmbeddingCache.directory(dataDirectory: URL(fileURLWithPath: configuration.dataDirectory))
            let vectors = try SkillLabelVectors(skills: taxonomy.skills, encoder: encoder, cacheDirectory: cache)
            return (try SemanticSkillExtractor(skills: taxonomy.skills, vectors: vectors, encoder: encoder), [])
        } catch let error as EncoderError {
            guard case .modelMissing = error.kind else {
                throw EngineError(.invalidConfiguration, "engine.semanticExtraction: \(error.message)")
            }
            return (nil, ["engine.semanticExtraction is on but \(error.message): ingestion extracts skills lexically only"])
        }
    }
}
