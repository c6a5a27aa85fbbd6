// SPDX-License-Identifier: Apache-2.0
// LabelCoverage: words are lower-cased, stop words dropped, endings cut; coverage is the IDF-weighted
// share of a label's words present, checked against a hand computation and a brute-force reference
// on seeded random sentences.
import Foundation
import SkillsCore
import SkillsTaxonomy
import Testing

@testable import SkillsSemantic

struct LabelCoverageTests {
    let skills = [
        Skill(id: "a", label: "conduct ICT code review", altLabels: ["review code"], type: .skill),
        Skill(id: "b", label: "hardware industry", type: .knowledge),
        Skill(id: "c", label: "ICT security", altLabels: ["conduct ICT audits"], type: .skill),
        Skill(id: "d", label: "manage the industry of music", type: .skill),
    ]

    @Test func wordsAreNormalised() {
        #expect(LabelCoverage.words("Code Reviews, and the C++ / C# testing!") == ["code", "review", "c++", "c#", "test"])
        #expect(LabelCoverage.words("Use of others") == [])
        #expect(LabelCoverage.words("data-modeling café") == ["data", "model", "caf"])
    }

    @Test func coverageIsTheIDFWeightedShareOfLabelWords() {
        let coverage = LabelCoverage(skills: skills)
        // Document frequencies over the four skills' labels: conduct 2, ict 2, code 1, review 1.
        let n = 4.0
        func idf(_ df: Double) -> Double { max(0, log(n / (1 + df))) }
        let total = 2 * idf(2) + 2 * idf(1)
        let expected = 2 * idf(1) / total
        let words = Set(LabelCoverage.words("Participate in code reviews"))
        #expect(abs(Double(coverage.coverage(skill: 0, sentenceWords: words)) - expected) < 1e-6)
        #expect(coverage.coverage(skill: 1, sentenceWords: Set(LabelCoverage.words("Industry: Financial Technology"))) < 0.5)
        #expect(coverage.coverage(skill: 1, sentenceWords: Set(LabelCoverage.words("hardware industries"))) == 1)
        #expect(coverage.coverage(skill: 2, sentenceWords: []) == 0)
    }

    @Test func matchesBruteForceOnRandomSentences() {
        let coverage = LabelCoverage(skills: skills)
        let vocabulary = ["code", "reviews", "ict", "hardware", "industry", "security", "music", "conduct", "the", "of", "team"]
        let df = Dictionary(grouping: skills.flatMap { Set(([$0.label] + $0.altLabels).flatMap(LabelCoverage.words)) }, by: { $0 })
            .mapValues(\.count)
        var rng = SeededGenerator(seed: 5)
        for _ in 0..<200 {
            let sentence = (0..<Int.random(in: 0...6, using: &rng)).map { _ in vocabulary.randomElement(using: &rng)! }.joined(separator: " ")
            let present = Set(LabelCoverage.words(sentence))
            for (s, skill) in skills.enumerated() {
                let words = Array(Set(LabelCoverage.words(skill.label)))
                let weight = { (w: String) in max(0, log(4.0 / Double(1 + df[w]!))) }
                let total = words.map(weight).reduce(0, +)
                let covered = words.filter(present.contains).map(weight).reduce(0, +)
                let expected = total > 0 ? covered / total : 0
                #expect(abs(Double(coverage.coverage(skill: s, sentenceWords: present)) - expected) < 1e-5, "\(sentence) / \(skill.label)")
            }
        }
    }
}
