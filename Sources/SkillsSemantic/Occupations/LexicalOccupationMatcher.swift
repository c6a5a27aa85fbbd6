// SPDX-License-Identifier: Apache-2.0
import Foundation  // log
import SkillsTaxonomy

/// The baseline title → occupation matcher, used when the encoder is absent: BM25 of the title's
/// words over each occupation's titles (title and alternate titles as one field) plus
/// ``descriptionWeight`` × BM25 over its description.
///
/// Words are lower-cased runs of letters and digits, a final plural `s` dropped ("Executives" =
/// "executive"); function words are ignored.
public struct LexicalOccupationMatcher: Sendable {
    public let occupations: [Occupation]
    /// Weight of the description field against the titles field (0…1).
    public let descriptionWeight: Double
    private let titles: Field
    private let descriptions: Field

    /// - Complexity: O(total words of titles and descriptions).
    public init(occupations: [Occupation], descriptionWeight: Double = 0.4) {
        self.occupations = occupations
        self.descriptionWeight = descriptionWeight
        titles = Field(occupations.map { ([$0.title] + $0.alternateTitles).joined(separator: " ") })
        descriptions = Field(occupations.map(\.description))
    }

    /// The best `limit` occupations for `title`, best first; empty when no word of the title
    /// occurs in any occupation.
    public func match(_ title: String, limit: Int = 10) -> [OccupationMatch] {
        let words = Array(Set(Self.words(title)))
        var scores = [Double](repeating: 0, count: occupations.count)
        titles.add(words, weight: 1, into: &scores)
        descriptions.add(words, weight: descriptionWeight, into: &scores)
        return ranked(scores, limit: limit).filter { scores[$0] > 0 }.map { OccupationMatch(occupations, $0, score: scores[$0]) }
    }

    static func words(_ text: String) -> [String] {
        text.lowercased().split { !($0.isLetter || $0.isNumber) }.compactMap { word in
            var w = String(word)
            guard !CandidateSplitter.functionWords.contains(w) else { return nil }
            if w.count > 3, w.hasSuffix("s"), !w.hasSuffix("ss") { w.removeLast() }
            return w
        }
    }

    /// One BM25 field: postings word → (document, term frequency), lengths and idf.
    private struct Field: Sendable {
        var postings: [String: [(document: Int, count: Int)]] = [:]
        var lengths: [Int] = []
        var averageLength = 1.0

        init(_ texts: [String]) {
            for (d, text) in texts.enumerated() {
                let words = LexicalOccupationMatcher.words(text)
                lengths.append(words.count)
                var counts: [String: Int] = [:]
                for w in words { counts[w, default: 0] += 1 }
                for (w, c) in counts { postings[w, default: []].append((d, c)) }
            }
            averageLength = max(1, Double(lengths.reduce(0, +)) / Double(max(1, lengths.count)))
        }

        func add(_ words: [String], weight: Double, into scores: inout [Double]) {
            let k1 = 1.2, b = 0.75, n = Double(lengths.count)
            for word in words {
                guard let list = postings[word] else { continue }
                let idf = log(1 + (n - Double(list.count) + 0.5) / (Double(list.count) + 0.5))
                for (d, count) in list {
                    let tf = Double(count)
                    let norm = tf + k1 * (1 - b + b * Double(lengths[d]) / averageLength)
                    scores[d] += weight * idf * tf * (k1 + 1) / norm
                }
            }
        }
    }
}
