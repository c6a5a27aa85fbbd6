// Properties of the encoder skill vectors (needs the model: scripts/fetch-model.sh; skipped without it):
// 1. A skill's vector is the normalised mean of its labels' embeddings (preferred + up to N
//    alternatives), unit length; PostgreSQL is closer to MySQL than to baking bread.
// 2. The label embeddings are cached by LabelEmbeddings in the given folder and read back equal.
import Foundation
import SkillsEncoder
import SkillsTaxonomy
import SkillsVectors
import Testing

@testable import SkillsEngine

struct SkillLabelEmbeddingTests {
    static let modelDirectory = SentenceEncoder.defaultModelDirectory()
    static let hasModel = FileManager.default.fileExists(atPath: modelDirectory.appendingPathComponent("model.safetensors").path)

    @Test(.enabled(if: hasModel, "model files absent (scripts/fetch-model.sh)"))
    func skillVectorsAreNormalisedLabelMeans() throws {
        let taxonomy = try Taxonomy(skills: [
            Skill(id: "s:pg", label: "PostgreSQL", altLabels: ["Postgres", "postgresql", "psql", "pgsql"], type: .technology),
            Skill(id: "s:mysql", label: "MySQL", type: .technology),
            Skill(id: "s:bread", label: "bake bread", altLabels: ["bread making"], type: .skill),
        ])
        #expect(SkillLabelEmbedding.labels(of: taxonomy.skills[0], maximumAlternatives: 2) == ["PostgreSQL", "Postgres", "psql"])
        let encoder = try SentenceEncoder(modelDirectory: Self.modelDirectory)
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("skillmatch-label-embedding-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: cache) }
        let matrix = try SkillLabelEmbedding.vectors(taxonomy: taxonomy, encoder: encoder, cacheDirectory: cache, maximumAlternatives: 2)
        #expect(matrix.count == 3 && matrix.dimension == encoder.dimension)
        // Reference: mean of the label embeddings, normalised.
        let labels = SkillLabelEmbedding.labels(of: taxonomy.skills[0], maximumAlternatives: 2)
        let embedded = try encoder.encode(labels)
        var mean = [Float](repeating: 0, count: encoder.dimension)
        for e in embedded { for i in mean.indices { mean[i] += e[i] } }
        let norm = mean.reduce(0) { $0 + $1 * $1 }.squareRoot()
        let row = try matrix.row(0)
        #expect(zip(row, mean).allSatisfy { abs($0 - $1 / norm) < 1e-4 })
        let vectors = try SkillVectors(matrix: matrix)
        #expect(try vectors.similarity(0, 1) > vectors.similarity(0, 2))
        // Cached: one label file, and a second call reads it back identically.
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.path).filter { $0.hasPrefix("labels-") }.count == 1)
        #expect(try SkillLabelEmbedding.vectors(taxonomy: taxonomy, encoder: encoder, cacheDirectory: cache, maximumAlternatives: 2) == matrix)
    }
}
