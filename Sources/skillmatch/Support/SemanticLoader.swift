import Foundation
import SkillsEncoder
import SkillsSemantic
import SkillsTaxonomy

/// Loads the sentence encoder and what is built from it for the commands that use it (`extract
/// --semantic`, `occupation`). An absent model is not an error there: the caller falls back to
/// its lexical path after printing ``missingModelWarning``.
enum SemanticLoader {
    /// The encoder, or `nil` when the model files are absent (other encoder errors throw exit 65).
    static func encoder(_ context: CommandContext) throws -> (encoder: SentenceEncoder?, warning: String?) {
        do {
            return (try SentenceEncoder(modelDirectory: context.modelDirectory, configuration: EncoderConfiguration(batchSize: 64)), nil)
        } catch let error as EncoderError {
            if case .modelMissing = error.kind { return (nil, error.message) }
            throw CLIError.data(error.message)
        }
    }

    /// Where label vectors are cached: `SKILLMATCH_EMBEDDINGS_DIR`, else `<data-dir>/embeddings`.
    static func cacheDirectory(_ context: CommandContext) -> URL {
        EmbeddingCache.directory(dataDirectory: context.dataDirectory, environment: context.environment)
    }

    /// Vectors of every skill label; says on stderr when they are about to be encoded (minutes, once).
    static func skillVectors(_ taxonomy: Taxonomy, encoder: SentenceEncoder, context: CommandContext) throws -> SkillLabelVectors {
        let cache = cacheDirectory(context)
        let cached = (try? FileManager.default.contentsOfDirectory(atPath: cache.path))?
            .contains { $0.hasPrefix("labels-\(encoder.modelHash)-") } ?? false
        if !cached {
            context.printError("skillmatch: encoding the taxonomy's skill labels once (several minutes); cached in \(cache.path)")
        }
        do {
            return try SkillLabelVectors(skills: taxonomy.skills, encoder: encoder, cacheDirectory: cache)
        } catch let error as EncoderError {
            throw CLIError.data(error.message)
        }
    }
}
