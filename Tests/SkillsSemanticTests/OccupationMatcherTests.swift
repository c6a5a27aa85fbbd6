// SPDX-License-Identifier: Apache-2.0
// Properties:
// - lexical baseline: title words rank the occupation whose title holds them first, plurals and
//   case folded; the description field breaks ties; a title sharing no word gives no match;
// - encoder matcher: scores equal a naive reference ((1 − w) · best cosine over title and alternate
//   titles + w · description cosine, each text encoded on its own); an occupation's own title or
//   alternate title ranks it first; results are sorted and limited; bad weights are rejected.
import Foundation
import SkillsEncoder
import SkillsTaxonomy
import SkillsTestSupport
import Testing

@testable import SkillsSemantic

struct OccupationMatcherTests {
    static let occupations = [
        SkillsTaxonomy.Occupation(id: "29-1141.00", title: "Registered Nurses", description: "Assess patient health problems and needs.", socCode: "29-1141",
                   alternateTitles: ["nurse care"]),
        SkillsTaxonomy.Occupation(id: "15-1252.00", title: "Software Developers", description: "Develop python and java applications.", socCode: "15-1252"),
        SkillsTaxonomy.Occupation(id: "15-2051.00", title: "Data Scientists", description: "", socCode: "15-2051", alternateTitles: ["data analyst"]),
        SkillsTaxonomy.Occupation(id: "49-9021.00", title: "HVAC Mechanics", description: "Install and keep hvac systems running.", socCode: "49-9021"),
    ]

    @Test func lexicalBaselineRanksByTitleWords() {
        let matcher = LexicalOccupationMatcher(occupations: Self.occupations)
        #expect(matcher.match("Senior Software Developer (Python)").first?.id == "15-1252.00")
        #expect(matcher.match("REGISTERED NURSE").first?.id == "29-1141.00")
        #expect(matcher.match("hvac mechanic", limit: 1).map(\.socCode) == ["49-9021"])
        #expect(matcher.match("data analyst").first?.id == "15-2051.00")  // alternate title
        #expect(matcher.match("java").first?.id == "15-1252.00")  // description only
        #expect(matcher.match("astronaut").isEmpty)
        let all = matcher.match("developer nurse data", limit: 10)
        #expect(all.count == 3 && zip(all, all.dropFirst()).allSatisfy { $0.score >= $1.score })
    }

    @Test func encoderScoresMatchNaiveReference() throws {
        let model = try TinyModel(seed: 21).write(maxSequenceLength: 24)
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("occupations-\(UUID().uuidString)")
        defer { for url in [model, cache] { try? FileManager.default.removeItem(at: url) } }
        let encoder = try SentenceEncoder(modelDirectory: model)
        for weight in [0.0, 0.3, 1.0] {
            let matcher = try SemanticOccupationMatcher(
                occupations: Self.occupations, encoder: encoder, cacheDirectory: cache, descriptionWeight: weight)
            for title in ["patient care nurse", "python java", "the hvac system", "data"] {
                let q = try encoder.encode([title])[0]
                let expected = try Self.occupations.map { o -> Double in
                    let titles = try encoder.encode([o.title] + o.alternateTitles).map { cosine(q, $0) }.max()!
                    guard !o.description.isEmpty else { return titles }
                    return (1 - weight) * titles + weight * cosine(q, try encoder.encode([o.description])[0])
                }
                let matches = try matcher.match(title, limit: 4)
                #expect(matches.count == 4)
                for m in matches { #expect(abs(m.score - expected[m.occupation]) < 1e-4, "\(title) \(m.id)") }
                #expect(zip(matches, matches.dropFirst()).allSatisfy { $0.score >= $1.score })
            }
            if weight == 0 {
                #expect(try matcher.match("nurse care", limit: 1).first?.id == "29-1141.00")
                #expect(try matcher.match("data analyst", limit: 2).first?.id == "15-2051.00")
            }
        }
        #expect(throws: SemanticError.self) {
            try SemanticOccupationMatcher(occupations: Self.occupations, encoder: encoder, cacheDirectory: cache, descriptionWeight: 1.5)
        }
    }
}
