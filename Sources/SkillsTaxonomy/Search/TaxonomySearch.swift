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
        var tokenCount: Int
        var preferred: Bool
    }

    private let labels: [Label]
    /// Sorted vocabulary with the labels holding each token (ascending, unique).
    private let tokens: [String]
    private let postings: [[Int32]]
    private let ids: [String]

    public init(_ taxonomy: Taxonomy) {
        var labels: [Label] = []
        var postingsByToken: [String: [Int32]] = [:]
        for (position, skill) in taxonomy.skills.enumerated() {
            for (ordinal, text) in ([skill.label] + skill.altLabels).enumerated() {
                let words = Self.words(text)
                guard !words.isEmpty else { continue }
                let labelIndex = Int32(labels.count)
                labels.append(
                    Label(
                        skill: SkillIndex(position), text: text, normalized: words.joined(separator: " "),
                        tokenCount: words.count, preferred: ordinal == 0))
                for word in Set(words) { postingsByToken[word, default: []].append(labelIndex) }
            }
        }
        self.labels = labels
        let sorted = postingsByToken.keys.sorted()
        tokens = sorted
        postings = sorted.map { postingsByToken[$0]! }
        ids = taxonomy.skills.map(\.id)
    }

    /// Up to `limit` skills matching `query`, best first; an empty or punctuation-only query finds nothing.
    public func search(_ query: String, limit: Int = 20) -> [Hit] {
        let words = Self.words(query)
        guard let last = words.last, limit > 0 else { return [] }
        let phrase = words.joined(separator: " ")

        // Candidate labels: holding every full word, and some word starting with the last one.
        var candidates: Set<Int32>?
        for word in words.dropLast() {
            guard let at = tokenIndex(of: word) else { return [] }
            let set = Set(postings[at])
            candidates = candidates.map { $0.intersection(set) } ?? set
        }
        var prefixed: Set<Int32> = []
        var at = lowerBound(last)
        while at < tokens.count, tokens[at].hasPrefix(last) {
            prefixed.formUnion(postings[at])
            at += 1
        }
        let matches = candidates.map { $0.intersection(prefixed) } ?? prefixed

        var best: [SkillIndex: Hit] = [:]
        for labelIndex in matches {
            let label = labels[Int(labelIndex)]
            var score: Double
            if label.normalized == phrase {
                score = 0.9
            } else if label.normalized.hasPrefix(phrase) {
                score = 0.7
            } else {
                score = 0.4
            }
            score += 0.09 * Double(words.count) / Double(max(words.count, label.tokenCount))
            if label.preferred { score += 0.01 }
            let hit = Hit(skill: label.skill, matchedLabel: label.text, score: score)
            if let current = best[label.skill], !isBetter(hit, than: current) { continue }
            best[label.skill] = hit
        }
        let ranked = best.values.sorted { isBetter($0, than: $1) }
        return Array(ranked.prefix(limit))
    }

    private func isBetter(_ a: Hit, than b: Hit) -> Bool {
        if a.score != b.score { return a.score > b.score }
        if a.matchedLabel.count != b.matchedLabel.count { return a.matchedLabel.count < b.matchedLabel.count }
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
        var current = ""
        func flush() {
            while current.hasSuffix(".") { current.removeLast() }
            if !current.isEmpty { words.append(current) }
            current = ""
        }
        for character in text.lowercased() {
            if character.isLetter || character.isNumber || character == "+" || character == "#"
                || character == "."
            {
                current.append(character)
            } else {
                flush()
            }
        }
        flush()
        return words
    }
}
