// SPDX-License-Identifier: Apache-2.0
// Properties (on a tiny random BERT, so similarities are arbitrary but exact):
// - the extractor equals a naive reference (encode each candidate, label and sentence separately,
//   centre in Double, max cosine per skill, sentence / coverage / single-word terms, per-sentence
//   threshold / margin / top-k) on seeded random texts, weights and thresholds;
// - raising the threshold only removes hits; a phrase equal to a label is found at threshold 0.999
//   (phrase cosine only); the sentence-context blend matches the reference too;
// - merging keeps lexical priority: a skill found lexically keeps its lexical entry and confidence,
//   semantic-only skills follow with method .semantic and lower confidence;
// - candidates inside lexical mentions are skipped under .skipContained;
// - bad options and vectors of another label list are rejected with a clear error.
import Foundation
import SkillsCore
import SkillsTaxonomy
import SkillsTestSupport
import Testing

@testable import SkillsSemantic

struct SemanticSkillExtractorTests {
    /// The scoring and selection rule written the slow, obvious way: every label and sentence
    /// encoded on its own, centring done in Double.
    private func reference(_ text: String, _ f: SemanticFixture, _ o: SemanticExtractionOptions) throws -> [String: Double] {
        func vector(_ text: String) throws -> [Double] { try f.encoder.encode([text])[0].map(Double.init) }
        func mean(_ rows: [[Double]]) -> [Double] { rows.dropFirst().reduce(rows[0]) { zip($0, $1).map(+) }.map { $0 / Double(rows.count) } }
        func centred(_ v: [Double], _ m: [Double]) -> [Double] {
            let x = zip(v, m).map(-)
            let norm = x.map { $0 * $0 }.reduce(0, +).squareRoot()
            return norm > 0 ? x.map { $0 / norm } : x
        }
        func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).map(*).reduce(0, +) }
        let labelMean = mean(try f.skills.flatMap { try ([$0.label] + $0.altLabels).map(vector) })
        let contextRows = try f.skills.map { try vector(SkillLabelVectors.contextSentence(for: $0)) }
        let contextMean = mean(contextRows)
        let coverage = LabelCoverage(skills: f.skills)
        let allowed = f.skills.indices.filter { o.types.contains(f.skills[$0].type) }
        let labelVectors = try allowed.map { s in
            try (o.alternativeLabels ? [f.skills[s].label] + f.skills[s].altLabels : [f.skills[s].label]).map { centred(try vector($0), labelMean) }
        }
        let contexts = try o.splitter.sentenceContexts(text).map {
            (vector: centred(try vector($0.text), labelMean), words: Set(LabelCoverage.words($0.text)))
        }
        let (w, c) = (Double(o.contextWeight), Double(o.coverageWeight))
        var bySentence: [Int: [String: Double]] = [:]
        for candidate in o.splitter.split(text) {
            let v = centred(try vector(candidate.text), labelMean)
            let context = contexts[candidate.sentence]
            // The sentence only re-weighs the phrase's best keptPerCandidate skills.
            let raw = zip(allowed, labelVectors).map { s, labels in (s, labels.map { dot(v, $0) }.max()!) }
                .sorted { ($0.1, f.skills[$1.0].id) > ($1.1, f.skills[$0.0].id) }.prefix(SemanticSkillExtractor.keptPerCandidate)
            let scores = raw.map { s, phrase in
                var score = (1 - w - c) * phrase - (candidate.words == 1 ? Double(o.singleWordPenalty) : 0)
                if w > 0 { score += w * dot(context.vector, centred(contextRows[s], contextMean)) }
                score += c * Double(coverage.coverage(skill: s, sentenceWords: context.words))
                return (f.skills[s].id, score)
            }.sorted { ($0.1, $1.0) > ($1.1, $0.0) }
            for (id, score) in scores.prefix(o.maximumPerCandidate) where score >= Double(o.minimumSimilarity) - 1e-6 {
                bySentence[candidate.sentence, default: [:]][id] = max(bySentence[candidate.sentence]?[id] ?? -2, score)
            }
        }
        var result: [String: Double] = [:]
        for (_, hits) in bySentence {
            let sorted = hits.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
            let best = sorted[0].value
            for (id, score) in sorted.prefix(o.maximumPerSentence) where score >= best - Double(o.margin) - 1e-6 {
                result[id] = max(result[id] ?? -2, score)
            }
        }
        return result
    }

    @Test func matchesNaiveReferenceOnRandomTexts() throws {
        let f = try SemanticFixture()
        defer { f.remove() }
        var rng = SeededGenerator(seed: 11)
        for trial in 0..<12 {
            var o = SemanticExtractionOptions(types: [.skill, .knowledge, .technology])
            o.minimumSimilarity = Float.random(in: 0.2...0.95, using: &rng)
            o.margin = [0.05, 0.2, 2][trial % 3]
            o.maximumPerSentence = 1 + trial % 3
            o.maximumPerCandidate = 1 + trial % 2
            o.alternativeLabels = trial % 4 != 0
            o.splitter = CandidateSplitter(ngramWords: 1...(2 + trial % 3), clauses: trial % 2 == 0, sentences: trial % 3 == 0)
            o.contextWeight = [0, 0.3, 0.6][trial % 3 == 1 ? 1 : trial % 5 == 2 ? 2 : 0]
            o.coverageWeight = [0, 0.2, 0.4][trial % 3]
            o.singleWordPenalty = [0, 0.1][trial % 2]
            let text = (0..<Int.random(in: 3...14, using: &rng)).map { _ in
                SemanticFixture.words.randomElement(using: &rng)! + [" ", " ", ", ", ". "].randomElement(using: &rng)!
            }.joined()
            let extractor = try SemanticSkillExtractor(skills: f.skills, vectors: f.vectors, encoder: f.encoder, options: o)
            let hits = try extractor.extract(text)
            let expected = try reference(text, f, o)
            #expect(Set(hits.map(\.id)) == Set(expected.keys), "trial \(trial): \(text)")
            for hit in hits {
                #expect(hit.method == .semantic)
                #expect(abs(hit.confidence - (expected[hit.id] ?? -9) * o.confidenceScale) < 1e-4)
            }
        }
    }

    @Test func higherThresholdsOnlyRemoveHits() throws {
        let f = try SemanticFixture()
        defer { f.remove() }
        let text = "keep the hvac system running. patient care, data analyst, nurse"
        var previous: Set<String>?
        for threshold: Float in [0.0, 0.3, 0.6, 0.9, 0.999] {
            let o = SemanticExtractionOptions(
                minimumSimilarity: threshold, margin: 2, maximumPerSentence: 64, maximumPerCandidate: 8, contextWeight: 0,
                coverageWeight: 0, singleWordPenalty: 0)
            let found = Set(try SemanticSkillExtractor(skills: f.skills, vectors: f.vectors, encoder: f.encoder, options: o).extract(text).map(\.id))
            if let previous { #expect(found.isSubset(of: previous)) }
            previous = found
        }
        // Exact label phrases reach cosine 1 (phrase cosine only: sentence, coverage and penalty off).
        #expect(previous?.isSuperset(of: ["s:hvac", "s:care", "s:data", "s:nurse"]) == true)
        let span = try SemanticSkillExtractor(
            skills: f.skills, vectors: f.vectors, encoder: f.encoder, options: SemanticExtractionOptions(minimumSimilarity: 0.999, contextWeight: 0, coverageWeight: 0)
        ).extract("we need patient care").first { $0.id == "s:care" }?.spans
        #expect(span == [8..<20])
    }

    @Test func mergingKeepsLexicalPriority() throws {
        let f = try SemanticFixture()
        defer { f.remove() }
        let lexical = try SkillExtractor(skills: f.skills)
        let text = "python developer for patient care, nurse care"
        let lexicalHits = lexical.extract(text)
        #expect(lexicalHits.contains { $0.id == "t:python" } && lexicalHits.contains { $0.id == "s:care" })
        let o = SemanticExtractionOptions(
            minimumSimilarity: 0, margin: 2, maximumPerSentence: 64, maximumPerCandidate: 8, types: [.skill, .knowledge, .technology],
            lexicalSpans: .ignore)
        let semantic = try SemanticSkillExtractor(skills: f.skills, vectors: f.vectors, encoder: f.encoder, options: o)
        let alone = try semantic.extract(text)
        let merged = try semantic.extract(text, mergingWith: lexicalHits)
        #expect(Set(merged.map(\.id)) == Set(lexicalHits.map(\.id)).union(alone.map(\.id)))
        for hit in lexicalHits {
            let entry = merged.first { $0.id == hit.id }!
            #expect(entry.method == .lexical && entry.confidence == hit.confidence)
            #expect(Set(hit.spans).isSubset(of: Set(entry.spans)))
        }
        let lexicalIDs = Set(lexicalHits.map(\.id))
        let semanticOnly = merged.filter { !lexicalIDs.contains($0.id) }
        #expect(!semanticOnly.isEmpty && semanticOnly.allSatisfy { $0.method == .semantic })
        #expect(semanticOnly.map(\.confidence).max()! < lexicalHits.map(\.confidence).min()!)
        // Lexical first in the merged order (semantic confidences stay below lexical ones).
        #expect(merged.prefix(lexicalHits.count).allSatisfy { $0.method == .lexical })
    }

    @Test func candidatesInsideLexicalMentionsAreSkipped() throws {
        let f = try SemanticFixture()
        defer { f.remove() }
        let lexicalHits = try SkillExtractor(skills: f.skills).extract("patient care")
        let o = SemanticExtractionOptions(minimumSimilarity: -1, lexicalSpans: .skipContained)
        let semantic = try SemanticSkillExtractor(skills: f.skills, vectors: f.vectors, encoder: f.encoder, options: o)
        #expect(semantic.candidates(of: "patient care", lexical: lexicalHits).isEmpty)
        #expect(!semantic.candidates(of: "patient care").isEmpty)
        var overlapping = o
        overlapping.lexicalSpans = .skipOverlapping
        let shadowed = semantic.candidates(of: "patient care nurse", lexical: lexicalHits, options: overlapping)
        #expect(shadowed.map(\.text) == ["nurse"])
    }

    @Test func badOptionsAndVectorsAreRejected() throws {
        let f = try SemanticFixture()
        defer { f.remove() }
        let cases: [(SemanticExtractionOptions, String)] = [
            (SemanticExtractionOptions(minimumSimilarity: 1.5), "minimumSimilarity"),
            (SemanticExtractionOptions(margin: -0.1), "margin"),
            (SemanticExtractionOptions(maximumPerSentence: 0), "maximumPerSentence"),
            (SemanticExtractionOptions(maximumPerCandidate: SemanticSkillExtractor.keptPerCandidate + 1), "maximumPerCandidate"),
            (SemanticExtractionOptions(types: []), "types"),
            (SemanticExtractionOptions(confidenceScale: 2), "confidenceScale"),
            (SemanticExtractionOptions(contextWeight: -1), "contextWeight"),
            (SemanticExtractionOptions(contextWeight: 0.7, coverageWeight: 0.4), "coverageWeight"),
            (SemanticExtractionOptions(singleWordPenalty: 1.5), "singleWordPenalty"),
            (SemanticExtractionOptions(splitter: CandidateSplitter(ngramWords: 1...20)), "ngramWords"),
        ]
        for (options, name) in cases {
            #expect { try SemanticSkillExtractor(skills: f.skills, vectors: f.vectors, encoder: f.encoder, options: options) } throws: { error in
                (error as? SemanticError)?.isInvalidOption == true && "\(error)".contains(name)
            }
        }
        let (embeddings, contexts) = (f.vectors.embeddings, f.vectors.contexts)
        #expect(throws: SemanticError.self) { try SkillLabelVectors(skills: Array(f.skills.dropLast()), embeddings: embeddings, contexts: contexts) }
        var renamed = f.skills
        renamed[0].label = "hvac systems"
        #expect(throws: SemanticError.self) { try SkillLabelVectors(skills: renamed, embeddings: embeddings, contexts: contexts) }
        // Context sentences of another skill list.
        #expect(throws: SemanticError.self) { try SkillLabelVectors(skills: f.skills, embeddings: embeddings, contexts: embeddings) }
        let other = try SemanticFixture(seed: 8)
        defer { other.remove() }
        #expect(throws: SemanticError.self) { try SemanticSkillExtractor(skills: f.skills, vectors: other.vectors, encoder: f.encoder) }
    }
}
