import Foundation
import SkillsTestSupport
import Testing

@testable import SkillsEncoder

/// Label vectors: equal to encoding the labels directly, cached by model hash (a second call reads
/// the file; another model writes its own file), and corrupt cache files give `.corruptCache`.
struct LabelEmbeddingsTests {
    @Test func cacheRoundTripsAndIsKeyedByModel() throws {
        let first = try TinyModel(seed: 31).write(), second = try TinyModel(seed: 32).write()
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("labels-\(UUID().uuidString)")
        defer { for url in [first, second, cache] { try? FileManager.default.removeItem(at: url) } }
        let labels = ["patient care", "hvac system", "data analyst", "python", "中文", ""]
        let encoder = try SentenceEncoder(modelDirectory: first)

        let computed = try LabelEmbeddings.cached(labels: labels, encoder: encoder, directory: cache)
        #expect(computed.vectors == (try encoder.encodeFlat(labels)))
        #expect(computed.vector(at: 2).count == encoder.dimension)
        let files = try FileManager.default.contentsOfDirectory(atPath: cache.path)
        #expect(files.count == 1 && files[0].contains(encoder.modelHash))

        let reread = try LabelEmbeddings.cached(labels: labels, encoder: encoder, directory: cache)
        #expect(reread == computed)

        let other = try SentenceEncoder(modelDirectory: second)
        let otherVectors = try LabelEmbeddings.cached(labels: labels, encoder: other, directory: cache)
        #expect(otherVectors.modelHash == other.modelHash)
        #expect(otherVectors.vectors != computed.vectors)
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.path).count == 2)
    }

    @Test func corruptCacheFilesAreRejected() throws {
        let directory = try TinyModel(seed: 33).write()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("labels-\(UUID().uuidString).bin")
        defer { for url in [directory, file] { try? FileManager.default.removeItem(at: url) } }
        let embeddings = try LabelEmbeddings(labels: ["a", "b c"], encoder: SentenceEncoder(modelDirectory: directory))
        try embeddings.write(to: file)
        #expect(try LabelEmbeddings(contentsOf: file) == embeddings)
        let bytes = try Data(contentsOf: file)
        for cut in [0, 5, 11, 20, bytes.count - 1] {
            try bytes.prefix(cut).write(to: file)
            #expect(throws: EncoderError.self) { try LabelEmbeddings(contentsOf: file) }
        }
    }
}
