// SPDX-License-Identifier: Apache-2.0
import SkillsTaxonomy

/// One occupation proposed for a job title, with its score (higher is better; scales differ by
/// matcher: cosine for ``SemanticOccupationMatcher``, BM25 for ``LexicalOccupationMatcher``).
public struct OccupationMatch: Sendable, Hashable, Encodable {
    /// Position of the occupation in the list the matcher was built from.
    public var occupation: Int
    /// O*NET-SOC code (`15-1252.00`) for the shipped taxonomy.
    public var id: String
    /// SOC 2018 detailed code (`15-1252`), "" when unknown.
    public var socCode: String
    public var title: String
    public var score: Double

    public init(occupation: Int, id: String, socCode: String, title: String, score: Double) {
        self.occupation = occupation
        self.id = id
        self.socCode = socCode
        self.title = title
        self.score = score
    }

    init(_ occupations: [Occupation], _ index: Int, score: Double) {
        let o = occupations[index]
        self.init(occupation: index, id: o.id, socCode: o.socCode, title: o.title, score: score)
    }

    private enum CodingKeys: String, CodingKey { case id, socCode = "soc_code", title, score }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(socCode, forKey: .socCode)
        try container.encode(title, forKey: .title)
        try container.encode((score * 10_000).rounded() / 10_000, forKey: .score)
    }
}

/// The ranking rule every matcher shares: higher score first, then taxonomy order.
func ranked(_ scores: [Double], limit: Int) -> [Int] {
    Array(scores.indices.sorted { (scores[$0], $1) > (scores[$1], $0) }.prefix(max(0, limit)))
}
