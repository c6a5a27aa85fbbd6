// SPDX-License-Identifier: Apache-2.0
import Foundation
import SkillsTaxonomy

/// How much of a skill's preferred label a sentence spells out: the IDF-weighted share of the
/// label's content words (lower-cased, crudely stemmed) that occur in the sentence.
///
/// Why: the encoder scores a generic word close to many specific labels ("Industry" near
/// *hardware industry*, "tools" near *machine tools*); a label whose rare words are absent from
/// the sentence is a weaker reading than one whose words are all there ("code reviews" →
/// *conduct ICT code review*: "conduct" and "ICT" are common label words, so coverage stays high).
/// IDF is over skills: a word's document frequency is the number of skills with it in any label.
public struct LabelCoverage: Sendable {
    /// Per skill: its preferred label's distinct content words and their IDF weights.
    private let words: [[(word: String, weight: Float)]]
    private let totals: [Float]

    public init(skills: [Skill]) {
        var frequency: [String: Int] = [:]
        for skill in skills {
            for word in Set(([skill.label] + skill.altLabels).flatMap(Self.words)) { frequency[word, default: 0] += 1 }
        }
        let n = Double(max(1, skills.count))
        let idf = frequency.mapValues { Float(max(0, log(n / Double(1 + $0)))) }
        var words: [[(String, Float)]] = []
        words.reserveCapacity(skills.count)
        for skill in skills {
            var seen = Set<String>()
            words.append(Self.words(skill.label).filter { seen.insert($0).inserted }.map { ($0, idf[$0] ?? 1) })
        }
        self.words = words
        self.totals = words.map { $0.reduce(0) { $0 + $1.1 } }
    }

    /// Share (0…1) of skill `skill`'s label weight whose words are in `sentenceWords` (from ``words(_:)``).
    public func coverage(skill: Int, sentenceWords: Set<String>) -> Float {
        let total = totals[skill]
        guard total > 0 else { return 0 }
        var covered: Float = 0
        for (word, weight) in words[skill] where sentenceWords.contains(word) { covered += weight }
        return covered / total
    }

    /// Content words of `text`: runs of ASCII letters, digits, `+` and `#`, lower-cased, without
    /// stop words, with a plural or verb ending (`ies` → `y`, `s`, `es`, `ed`, `ing`) cut from words long enough.
    public static func words(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        func flush() {
            defer { current = "" }
            guard !current.isEmpty, !stopWords.contains(current) else { return }
            result.append(stem(current))
        }
        for scalar in text.unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "+" || scalar == "#" {
                current.unicodeScalars.append(scalar.properties.lowercaseMapping.unicodeScalars.first!)
            } else {
                flush()
            }
        }
        flush()
        return result
    }

    static func stem(_ word: String) -> String {
        if word.count > 5, word.hasSuffix("ies") { return String(word.dropLast(3)) + "y" }
        for suffix in ["ing", "ed", "es", "s"] where word.count > suffix.count + 3 && word.hasSuffix(suffix) {
            return String(word.dropLast(suffix.count))
        }
        return word
    }

    static let stopWords: Set<String> = [
        "a", "an", "the", "of", "and", "or", "to", "in", "on", "for", "with", "by", "from", "as", "at", "into", "using", "use",
        "other", "others",
    ]
}
