import SkillsRanking
import SkillsTaxonomy

/// Related skills from the taxonomy hierarchy alone: skills under the same narrowest group are
/// siblings (similarity 0.5), a skill's direct broader or narrower skill is closer (0.6).
///
/// The fallback until the vector-based similarity is wired in; same interface.
public struct TaxonomyRelatedSkills: RelatedSkills {
    private let table: [Int32: [(skill: Int32, similarity: Float)]]

    /// - Parameter maximumSiblings: groups larger than this say little about closeness and are skipped.
    public init(taxonomy: Taxonomy, maximumSiblings: Int = 40) {
        var table: [Int32: [(skill: Int32, similarity: Float)]] = [:]
        var members: [String: [Int32]] = [:]
        for (position, skill) in taxonomy.skills.enumerated() {
            for parent in skill.broader {
                if let parentIndex = taxonomy.index(of: parent) {
                    table[Int32(position), default: []].append((parentIndex, 0.6))
                    table[parentIndex, default: []].append((Int32(position), 0.6))
                } else {
                    members[parent, default: []].append(Int32(position))
                }
            }
        }
        for group in members.values where group.count > 1 && group.count <= maximumSiblings {
            for a in group {
                for b in group where a != b { table[a, default: []].append((b, 0.5)) }
            }
        }
        self.table = table.mapValues { list in
            var best: [Int32: Float] = [:]
            for (skill, similarity) in list { best[skill] = max(best[skill] ?? 0, similarity) }
            return best.map { ($0.key, $0.value) }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.prefix(10).map { $0 }
        }
    }

    public func related(to skill: Int32) -> [(skill: Int32, similarity: Float)] { table[skill] ?? [] }
}
