import SkillsTaxonomy

/// The structure of the shipped taxonomy as plain skill-number lists, for the taxonomy-derived skill
/// vectors (``SkillEmbeddingBuilder``) and the hierarchy half of related-skill credit
/// (``SkillSimilarity``).
///
/// - **hierarchy**: `(child, parent)` where a skill's `broader` names another skill.
/// - **groups**: the members of each ESCO skill group (a skill's direct `broader` groups), and of
///   each O*NET technology class (technology skills carry their class, e.g. "Data base user
///   interface and query software", as their description).
/// - **occupation profiles**: each occupation's profile skills, a co-occurrence list.
/// - **twins**: an O*NET technology skill whose name is an ESCO label ("PostgreSQL" is both
///   `onet-tech:postgresql` and the ESCO knowledge concept) joins every list its ESCO twin is in, and
///   the pair is a list of its own, so the two get nearly the same vector and the same siblings.
public struct TaxonomySkillGraph: Sendable {
    public let skillCount: Int
    public let hierarchy: [(child: Int32, parent: Int32)]
    /// Every group, whatever its size (for the embedding; each member gets the same mass from a group).
    public let groups: [[Int32]]
    public let cooccurrence: [[Int32]]

    /// Groups larger than this say little about closeness: they make no siblings for related credit.
    public static let maximumSiblingGroup = 150

    /// Groups small enough to make siblings (see ``maximumSiblingGroup``).
    public var siblingGroups: [[Int32]] { groups.filter { $0.count <= Self.maximumSiblingGroup } }

    public init(taxonomy: Taxonomy) {
        let skills = taxonomy.skills
        skillCount = skills.count
        // ESCO label (preferred wins over alternative) → ESCO skill, then technology twins.
        var escoByLabel: [String: Int32] = [:]
        for (position, skill) in skills.enumerated() where skill.type != .technology {
            for label in skill.altLabels { escoByLabel[Self.key(label)] = escoByLabel[Self.key(label)] ?? Int32(position) }
        }
        for (position, skill) in skills.enumerated() where skill.type != .technology { escoByLabel[Self.key(skill.label)] = Int32(position) }
        var twins: [Int32: [Int32]] = [:]
        var pairs: [[Int32]] = []
        for (position, skill) in skills.enumerated() where skill.type == .technology {
            if let esco = escoByLabel[Self.key(skill.label)] {
                twins[esco, default: []].append(Int32(position))
                pairs.append([esco, Int32(position)])
            }
        }
        func withTwins(_ list: [Int32]) -> [Int32] {
            var out = list
            for id in list { out.append(contentsOf: twins[id] ?? []) }
            return out
        }
        var edges: [(child: Int32, parent: Int32)] = []
        var members: [String: [Int32]] = [:]
        var order: [String] = []
        func add(_ group: String, _ skill: Int32) {
            if members[group] == nil { order.append(group) }
            members[group, default: []].append(skill)
        }
        for (position, skill) in skills.enumerated() {
            for parent in skill.broader {
                if let parentIndex = taxonomy.index(of: parent), parentIndex != Int32(position) {
                    edges.append((Int32(position), parentIndex))
                } else {
                    add(parent, Int32(position))
                }
            }
            if skill.type == .technology, !skill.description.isEmpty { add("technology-class:" + skill.description, Int32(position)) }
        }
        hierarchy = edges
        groups = order.map { withTwins(members[$0]!) }.filter { $0.count > 1 }
        cooccurrence = taxonomy.occupations.map { occupation in
            withTwins(taxonomy.profile(ofOccupation: occupation.id).map(\.skill))
        }.filter { $0.count > 1 } + pairs
    }

    static func key(_ label: String) -> String {
        label.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
