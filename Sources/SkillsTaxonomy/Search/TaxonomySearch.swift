/// Label and alias search over the skills of a taxonomy, for `skillmatch taxonomy search` and
/// `GET /v1/skills?q=`: type-ahead friendly (the last query word may be a prefix) and ranked.
///
/// Ranking, best first: the whole query equals a label; a label starts with the query; every
/// query word is in a label (the last as a prefix), higher when the label has fewer other words.
/// Preferred labels beat alternative labels; ties go to the shorter label, then to the id.
/// Build once per taxonomy (about a tenth of a second for the shipped one) and share: it is
/// immutable and `Sendable`.
public struct TaxonomySearch: Sendable {
    /// One result: the skill, the label that matched, and its score (higher is better, ≤ 1).
    public struct Hit: Sendable, Equatable {
        public var skill: SkillIndex
        public var matchedLabel: String
        public var score: Double
    }

    private struct Label: Sendable {
        var skill: SkillIndex
        var text: String
        var normalized: String
        /// Vocabulary positions of the label's words, ascending and unique.
        var tokens: [Int32]
        var wordCount: Int
        var preferred: Bool
    }

    private let labels: [Label]
    /// Sorted vocabulary; `postings[i]` lists the labels holding `tokens[i]`, ascending.
    private let tokens: [String]
    private let postings: [[Int32]]
    private let ids: [String]

    public init(_ taxonomy: Taxonomy) {
        var texts: [(skill: SkillIndex, text: String, words: [String], preferred: Bool)] = []
        var vocabulary: Set<String> = []
        for (position, skill) in taxonomy.skills.enumerated() {
            for (ordinal, text) in ([skill.label] + skill.altLabels).enumerated() {
                let words = Self.words(text)
                guard !words.isEmpty else { continue }
                texts.append((SkillIndex(position), text, words, ordinal == 0))
                vocabulary.formUnion(words)
            }
        }
        let sorted = vocabulary.sorted()
        let tokenID = Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($1, Int32($0)) })
        var postings = [[Int32]](repeating: [], count: sorted.count)
        var labels: [Label] = []
        labels.reserveCapacity(texts.count)
        for entry in texts {
            let ids = Array(Set(entry.words.map { tokenID[$0]! })).sorted()
            for id in ids { postings[Int(id)].append(Int32(labels.count)) }
            labels.append(
                Label(
                    skill: entry.skill, text: entry.text, normalized: entry.words.joined(separator: " "), tokens: ids,
                    wordCount: entry.words.count, preferred: entry.preferred))
        }
        self.labels = labels
        self.tokens = sorted
        self.postings = postings
        ids = taxonomy.skills.map(\.id)
    }

    /// Up to `limit` skills matching `query`, best first; an empty or punctuation-only query finds nothing.
    public func search(_ query: String, limit: Int = 20) -> [Hit] {
        let words = Self.words(query)
        guard let last = words.last, limit > 0 else { return [] }
        let phrase = words.joined(separator: " ")
        // Words starting with the last query word form one range of the sorted vocabulary.
        let low = lowerBound(last)
        var high = low
        while high < tokens.count, tokens[high].hasPrefix(last) { high += 1 }
        guard low < high else { return [] }
        var full: [Int32] = []
        for word in words.dropLast() {
            guard let at = tokenIndex(of: word) else { return [] }
            full.append(Int32(at))
        }

        // Candidates: labels with every full word and a word in the prefix range.
        var candidates: [Int32] = []
        if let rarest = full.min(by: { postings[Int($0)].count < postings[Int($1)].count }) {
            for label in postings[Int(rarest)] {
                let own = labels[Int(label)].tokens
                if full.allSatisfy({ own.contains($0) }), own.contains(where: { $0 >= low && $0 < high }) {
                    candidates.append(label)
                }
            }
        } else {
            var seen = [Bool](repeating: false, count: labels.count)
            for token in low..<high {
                for label in postings[token] where !seen[Int(label)] {
                    seen[Int(label)] = true
                    candidates.append(label)
                }
            }
        }

        var hits = candidates.map { labelIndex -> Hit in
            let label = labels[Int(labelIndex)]
            var score: Double
            if label.normalized == phrase {
                score = 0.9
            } else if label.normalized.hasPrefix(phrase) {
                score = 0.7
            } else {
                score = 0.4
            }
            score += 0.09 * Double(words.count) / Double(max(words.count, label.wordCount))
            if label.preferred { score += 0.01 }
            return Hit(skill: label.skill, matchedLabel: label.text, score: score)
        }
        hits.sort { isBetter($0, than: $1) }
        // Each skill once, with its best label.
        var taken: Set<SkillIndex> = []
        var result: [Hit] = []
        for hit in hits where taken.insert(hit.skill).inserted {
            result.append(hit)
            if result.count == limit { break }
        }
        return result
    }

    private func isBetter(_ a: Hit, than b: Hit) -> Bool {
        if a.score != b.score { return a.score > b.score }
        let aLength = a.matchedLabel.utf8.count, bLength = b.matchedLabel.utf8.count
        if aLength != bLength { return aLength < bLength }
        return ids[Int(a.skill)] < ids[Int(b.skill)]
    }

    private func lowerBound(_ word: String) -> Int {
        var low = 0, high = tokens.count
        while low < high {
            let mid = (low + high) / 2
            if tokens[mid] < word { low = mid + 1 } else { high = mid }
        }
        return low
    }

    private func tokenIndex(of word: String) -> Int? {
        let at = lowerBound(word)
        return at < tokens.count && tokens[at] == word ? at : nil
    }

    /// Lower-cased words; letters, digits and the characters of tech names (`c++`, `c#`, `.net`,
    /// `node.js`) stay, everything else separates words. Trailing dots are dropped.
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        func flush() {
            while current.last == "." { current.removeLast() }
            if !current.isEmpty { words.append(String(current)) }
            current = String.UnicodeScalarView()
        }
        for scalar in text.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil || scalar == "+" || scalar == "#"
                || scalar == "."
            {
                current.append(scalar)
            } else {
                flush()
            }
        }
        flush()
        return words
    }
}
