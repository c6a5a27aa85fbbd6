import Foundation
import SkillsTestSupport
import Testing
@testable import SkillsTaxonomy

@Suite struct ExtractionBadInputTests {
    let extractor: SkillExtractor

    init() throws { extractor = try ExtractionFixtures.extractor() }

    @Test func emptyAndBlankTextGiveNothing() {
        #expect(extractor.extract("").isEmpty)
        #expect(extractor.extract(" \n\t .,;()").isEmpty)
        #expect(extractor.extract(utf8: []).isEmpty)
    }

    @Test func binaryGarbageNeverCrashes() {
        var rng = SeededGenerator(seed: 7)
        for length in [1, 2, 3, 17, 1000, 65_537] {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let found = extractor.extract(utf8: bytes)
            let scalars = String(decoding: bytes, as: UTF8.self).unicodeScalars.count
            #expect(found.allSatisfy { $0.spans.allSatisfy { $0.upperBound <= scalars } })
        }
    }

    @Test func invalidUTF8IsReadAsReplacementCharacters() throws {
        // 0xC3 alone, a lone continuation byte, an overlong form, a surrogate, then real text.
        let bytes: [UInt8] = [0xC3, 0x20, 0x80, 0x20, 0xC0, 0xAF, 0x20, 0xED, 0xA0, 0x80, 0x20] + Array("Python".utf8)
        let found = extractor.extract(utf8: bytes)
        let python = try #require(found.first { $0.id == "esco:python" })
        let decoded = Array(String(decoding: bytes, as: UTF8.self).unicodeScalars)
        #expect(String(String.UnicodeScalarView(decoded[python.spans[0]])) == "Python")
    }

    @Test func tenMegabyteLineIsLinear() {
        var rng = SeededGenerator(seed: 11)
        let words = ["software", "development", "Python", "teams", "and", "the", "C++", "data", "x"]
        let chunk = (0..<200).map { _ in words[Int.random(in: 0..<words.count, using: &rng)] }.joined(separator: " ")
        let line = String(repeating: chunk + " ", count: 10_000_000 / chunk.utf8.count + 1)
        let start = Date()
        let found = extractor.extract(line)
        #expect(found.contains { $0.id == "esco:python" })
        // Generous bound (debug build, shared machine); the benchmark measures real speed.
        #expect(Date().timeIntervalSince(start) < 120)
        let oneWord = String(repeating: "a", count: 10_000_000)
        #expect(extractor.extract(oneWord).isEmpty)
    }

    @Test func boilerplateOnlyTextGivesNothing() {
        let text = """
            Benefits
            Competitive salary, 401k, dental and health insurance, paid time off.
            About us
            We are an equal opportunity employer and value diversity regardless of national origin.
            Privacy policy: we use cookies.
            """
        #expect(extractor.extract(text).isEmpty)
    }
}
