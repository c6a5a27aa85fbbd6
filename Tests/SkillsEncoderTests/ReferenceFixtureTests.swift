import Foundation
import SkillsEncoder
import SkillsTestSupport
import Testing

/// Against the committed output of the Python sentence-transformers stack
/// (`Fixtures/make_reference.py`, 349 sentences):
/// 1. token ids are identical for every sentence;
/// 2. every embedding has cosine ≥ 0.9999 with the reference;
/// 3. a batch gives the same vectors as texts encoded one by one.
@Suite(.enabled(if: ModelFixture.shouldRun, "model files absent (run scripts/fetch-model.sh)"))
struct ReferenceFixtureTests {
    @Test func tokenIdsMatchReference() throws {
        let encoder = try ModelFixture.encoder.get()
        let reference = try ModelFixture.reference()
        #expect(reference.items.count >= 300)
        #expect(encoder.tokenizer.maxSequenceLength == reference.max_seq_length)
        var mismatches = 0
        for item in reference.items {
            let ids = encoder.tokenize(item.text).ids
            if ids != item.ids {
                mismatches += 1
                if mismatches <= 5 {
                    Issue.record("token ids differ for \(item.text.debugDescription.prefix(120)):\n swift \(ids.prefix(40))\n  ref  \(item.ids.prefix(40))")
                }
            }
        }
        #expect(mismatches == 0, "\(mismatches) of \(reference.items.count) sentences tokenised differently")
    }

    @Test func embeddingsMatchReference() throws {
        let encoder = try ModelFixture.encoder.get()
        let reference = try ModelFixture.reference()
        #expect(encoder.dimension == reference.dimension)
        let vectors = try encoder.encode(reference.items.map(\.text))
        var worst = 1.0
        for (item, vector) in zip(reference.items, vectors) {
            let c = cosine(vector, item.vector)
            worst = min(worst, c)
            #expect(c >= 0.9999, "cosine \(c) for \(item.text.debugDescription.prefix(120))")
        }
        print("SkillsEncoderTests: worst cosine against the reference: \(worst)")
    }

    @Test func batchesEqualSingleTexts() throws {
        let encoder = try ModelFixture.encoder.get()
        let texts = try ModelFixture.reference().items.map(\.text)
        var rng = SeededGenerator(seed: 4)
        let sample = (0..<24).map { _ in texts[Int.random(in: 0..<texts.count, using: &rng)] }
        let batched = try encoder.encode(sample)
        for (text, vector) in zip(sample, batched) {
            let single = try encoder.encode([text])[0]
            #expect(cosine(single, vector) > 0.99999)
            let norm = vector.reduce(0) { $0 + Double($1) * Double($1) }.squareRoot()
            #expect(abs(norm - 1) < 1e-4)
        }
    }
}
