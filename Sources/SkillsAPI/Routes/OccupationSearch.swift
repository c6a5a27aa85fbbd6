import SkillsTaxonomy

/// Occupation lookup by title words: every query word must start a word of the title or of an
/// alternate title; titles matching more of the query, and shorter titles, rank first.
struct OccupationSearch: Sendable {
    private let entries: [(occupation: Occupation, words: [[Substring]])]

    init(taxonomy: Taxonomy) {
        entries = taxonomy.occupations.map { occupation in
            let titles = [occupation.title] + occupation.alternateTitles
            return (occupation, titles.map { Self.words($0) })
        }
    }

    func search(_ query: String, limit: Int) -> [Occupation] {
        let terms = Self.words(query)
        guard !terms.isEmpty else { return [] }
        var scored: [(score: Double, occupation: Occupation)] = []
        for (occupation, titles) in entries {
            var best = 0.0
            for (position, title) in titles.enumerated() {
                guard terms.allSatisfy({ term in title.contains { $0.hasPrefix(term) } }) else { continue }
                // The main title beats alternates; tighter titles beat longer ones.
                let score = (position == 0 ? 2.0 : 1.0) + Double(terms.count) / Double(max(title.count, 1))
                best = max(best, score)
            }
            if best > 0 { scored.append((best, occupation)) }
        }
        scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.occupation.id < $1.occupation.id }
        return scored.prefix(limit).map(\.occupation)
    }

    private static func words(_ text: String) -> [Substring] {
        text.lowercased().split { !$0.isLetter && !$0.isNumber }
    }
}
