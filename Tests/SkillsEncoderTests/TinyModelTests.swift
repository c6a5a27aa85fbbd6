import Foundation
import SkillsTestSupport
import Testing

@testable import SkillsEncoder

/// The packed, batched BLAS forward pass on a small random BERT, against `NaiveBert`:
/// 1. random texts in random batch sizes give the naive vectors (cosine > 0.99999, max error < 1e-4);
/// 2. truncation keeps `[CLS]` and `[SEP]` and respects the configured length;
/// 3. the model hash is stable across loads and changes with the weights.
struct TinyModelTests {
    static let words = [
        "the", "hvac", "system", "running", "keeps", "nurse", "patient", "care", ",", ".", "!", "data",
        "analyst", "é", "中文", "javascript", "python", "unable", "zzz", "a", "b", "c",
    ]

    @Test func packedBatchesMatchNaiveForwardPass() throws {
        let model = TinyModel(seed: 11)
        let directory = try model.write(maxSequenceLength: 20)
        defer { try? FileManager.default.removeItem(at: directory) }
        let naive = NaiveBert(model: model)
        var rng = SeededGenerator(seed: 12)
        for round in 0..<6 {
            let batchSize = [1, 2, 3, 5, 8, 32][round]
            let encoder = try SentenceEncoder(
                modelDirectory: directory, configuration: EncoderConfiguration(batchSize: batchSize))
            let texts = (0..<Int.random(in: 1...12, using: &rng)).map { _ in
                (0..<Int.random(in: 0...25, using: &rng)).map { _ in Self.words.randomElement(using: &rng)! }
                    .joined(separator: " ")
            }
            let vectors = try encoder.encode(texts)
            #expect(vectors.count == texts.count)
            for (text, vector) in zip(texts, vectors) {
                let expected = naive.embed(encoder.tokenize(text).ids)
                #expect(vector.count == model.hidden)
                #expect(cosine(vector, expected) > 0.99999, "text \(text)")
                let error = zip(vector, expected).map { abs($0 - $1) }.max()!
                #expect(error < 1e-4, "max error \(error) for \(text)")
            }
        }
    }

    @Test func truncationKeepsSpecialTokens() throws {
        let directory = try TinyModel(seed: 1).write(maxSequenceLength: 6)
        defer { try? FileManager.default.removeItem(at: directory) }
        let encoder = try SentenceEncoder(modelDirectory: directory)
        let vocabulary = encoder.tokenizer.vocabulary
        let ids = encoder.tokenize("the hvac system keeps running the system").ids
        #expect(ids.count == 6)
        #expect(ids.first == vocabulary.classifierID && ids.last == vocabulary.separatorID)
        #expect(encoder.tokenize("").ids == [vocabulary.classifierID, vocabulary.separatorID])
        let shorter = try SentenceEncoder(
            modelDirectory: directory, configuration: EncoderConfiguration(maxSequenceLength: 4))
        #expect(shorter.tokenize("the hvac system keeps running").count == 4)
        #expect(try shorter.encode(["", "the hvac system keeps running"]).allSatisfy { $0.count == 8 })
    }

    @Test func modelHashIsStableAndFollowsTheWeights() throws {
        let first = try TinyModel(seed: 1).write()
        let second = try TinyModel(seed: 2).write()
        defer {
            try? FileManager.default.removeItem(at: first)
            try? FileManager.default.removeItem(at: second)
        }
        let hash = try SentenceEncoder(modelDirectory: first).modelHash
        #expect(hash.count == 16)
        #expect(try SentenceEncoder(modelDirectory: first).modelHash == hash)
        #expect(try SentenceEncoder(modelDirectory: second).modelHash != hash)
    }
}
