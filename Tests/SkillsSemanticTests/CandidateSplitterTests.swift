// SPDX-License-Identifier: Apache-2.0
// Properties: candidate phrases never cross sentence or clause breaks; n-grams never start or end
// with a function word; spans are Unicode scalar offsets whose text is the candidate's text; each
// span appears once; clauses and sentences appear only when enabled.
import Testing

@testable import SkillsSemantic

struct CandidateSplitterTests {
    @Test func ngramsStayInsideClausesAndSkipFunctionWordEdges() {
        let splitter = CandidateSplitter(ngramWords: 1...3, clauses: true, sentences: true)
        let text = "Solving business problems through innovation, with your team. Café staff: C++ and Node.js"
        let candidates = splitter.split(text)
        let texts = Set(candidates.map(\.text))
        #expect(texts.contains("Solving business problems"))
        #expect(texts.contains("Node.js"))
        #expect(texts.contains("C++"))
        #expect(texts.contains("Café staff"))
        #expect(!texts.contains("problems through"))
        #expect(!texts.contains("innovation, with"))
        #expect(!texts.contains("team. Café"))
        #expect(!texts.contains("with your team") && texts.contains("team"))
        let scalars = Array(text.unicodeScalars)
        for c in candidates {
            #expect(String(String.UnicodeScalarView(scalars[c.span])) == c.text)
            if c.kind == .ngram { #expect((1...3).contains(c.words)) }
        }
        #expect(Set(candidates.map(\.span)).count == candidates.count)
        #expect(candidates.contains { $0.kind == .sentence && $0.text == "Solving business problems through innovation, with your team" })
        #expect(candidates.filter { $0.text.hasPrefix("Café") }.allSatisfy { $0.sentence == 1 })
    }

    @Test func clausesAndSentencesOnlyWhenEnabled() {
        let text = "manage relationships with stakeholders, write reports"
        let none = CandidateSplitter(ngramWords: 1...2, clauses: false, sentences: false).split(text)
        #expect(none.allSatisfy { $0.kind == .ngram })
        let clauses = CandidateSplitter(ngramWords: 1...2, clauses: true, sentences: false).split(text)
        #expect(clauses.contains { $0.kind == .clause && $0.text == "manage relationships with stakeholders" })
        #expect(!clauses.contains { $0.kind == .sentence })
        #expect(CandidateSplitter().split("").isEmpty)
        #expect(CandidateSplitter().split(" ,.; the of and ").isEmpty)
    }
}
