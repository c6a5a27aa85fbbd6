import SkillsTestSupport
import Testing
@testable import SkillsTaxonomy

/// Properties checked against a reference on seeded random taxonomies and texts: made-up
/// multi-word labels inserted between filler sentences, in random case and number, must be
/// found exactly (no more, no fewer skills) with spans covering the inserted words.
@Suite struct ExtractionReferenceTests {
    private static let syllables = ["zor", "blax", "fin", "trop", "quel", "vim", "dar", "kol", "pesh", "mur", "tav", "gon"]

    private static func word(_ rng: inout SeededGenerator) -> String {
        (0..<3).map { _ in syllables[Int.random(in: 0..<syllables.count, using: &rng)] }.joined()
    }

    @Test(arguments: [1, 2, 3, 4, 5])
    func insertedLabelsAreFoundExactly(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        var labels = Set<String>()
        while labels.count < 200 {
            labels.insert((0..<Int.random(in: 2...4, using: &rng)).map { _ in Self.word(&rng) }.joined(separator: " "))
        }
        let ordered = labels.sorted()
        let skills = ordered.enumerated().map { Skill(id: "s\($0.offset)", label: $0.element, type: .knowledge) }
        let extractor = try SkillExtractor(skills: skills)
        for _ in 0..<20 {
            var text = ""
            var expected: [String: [Range<Int>]] = [:]
            for _ in 0..<Int.random(in: 0...6, using: &rng) {
                text += "Filler words here. "
                let i = Int.random(in: 0..<ordered.count, using: &rng)
                var words = ordered[i].split(separator: " ").map(String.init)
                if Bool.random(using: &rng) { words[words.count - 1] += "s" }
                if Bool.random(using: &rng) { words = words.map { $0.uppercased() } }
                let phrase = words.joined(separator: Bool.random(using: &rng) ? " " : "-")
                let start = text.unicodeScalars.count
                text += phrase
                expected["s\(i)", default: []].append(start..<text.unicodeScalars.count)
                text += ". "
            }
            let found = extractor.extract(text)
            #expect(Set(found.map(\.id)) == Set(expected.keys), "\(text)")
            for hit in found { #expect(hit.spans == expected[hit.id]) }
        }
    }

    @Test func stemmerMakesInflectedFormsAgree() {
        let pairs = [
            ("tests", "testing"), ("solve", "solving"), ("management", "manage"), ("technologies", "technology"),
            ("databases", "database"), ("processes", "process"), ("programming", "program"), ("embedded", "embed"),
        ]
        for (a, b) in pairs { #expect(Self.stem(a) == Self.stem(b), "\(a) / \(b)") }
        for word in ["business", "analysis", "c++", "node.js", "go", "sql"] { #expect(Self.stem(word) == word) }
    }

    private static func stem(_ word: String) -> String {
        var bytes = Array(word.utf8)
        let n = bytes.withUnsafeMutableBufferPointer { LightStemmer.stem($0, count: $0.count) }
        return String(decoding: bytes[0..<n], as: UTF8.self)
    }
}
