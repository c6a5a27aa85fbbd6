/// An entity's skills as weights in (0, 1], sorted by skill index, with where each came from.
///
/// The same type describes both sides of a match: what a candidate *has* (``Role/held``) and what a
/// job, program or occupation *asks for or teaches* (``Role/required``, ``Role/preferred``,
/// ``Role/taught``). ``SkillProfileBuilder`` documents how the weights are computed.
public struct SkillProfile: Sendable, Hashable {
    /// What the skill means for the entity.
    public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
        case held
        case required
        case preferred
        case taught
    }

    /// One skill of the profile.
    public struct Entry: Sendable, Hashable {
        public var skill: Int32
        /// Weight in (0, 1] (see ``SkillProfileBuilder``).
        public var weight: Float
        public var role: Role
        /// Strongest evidence for a held skill; `nil` for demand-side roles.
        public var provenance: SkillProvenance?
        public var issuer: String?
        /// Proficiency 1…5 (held) or minimum level (required), if known.
        public var level: Int?
        /// Recency factor in (0, 1] that went into the weight; 1 for current or unknown.
        public var recency: Float
        /// The importance the source stated (demand side), 1 for held skills.
        public var importance: Float

        public init(
            skill: Int32, weight: Float, role: Role, provenance: SkillProvenance? = nil, issuer: String? = nil,
            level: Int? = nil, recency: Float = 1, importance: Float = 1
        ) {
            self.skill = skill
            self.weight = weight
            self.role = role
            self.provenance = provenance
            self.issuer = issuer
            self.level = level
            self.recency = recency
            self.importance = importance
        }

        /// `true` for a held skill backed by a verified credential.
        public var isVerified: Bool { provenance == .verified }
    }

    /// Entries sorted by ascending skill, one per skill.
    public let entries: [Entry]

    /// Builds a profile; entries are sorted and duplicates keep the heavier entry (the first one
    /// listed on equal weights).
    public init(entries: [Entry]) {
        if zip(entries, entries.dropFirst()).allSatisfy({ $0.skill < $1.skill }) {
            self.entries = entries
            return
        }
        // Sort positions by (skill, position), then keep the first heaviest of each skill: the same
        // result as merging into a dictionary in input order, without hashing (profiles are built
        // for every indexed entity).
        let order = entries.indices.sorted { (entries[$0].skill, $0) < (entries[$1].skill, $1) }
        var merged: [Entry] = []
        merged.reserveCapacity(entries.count)
        for position in order {
            let entry = entries[position]
            if let last = merged.last, last.skill == entry.skill {
                if entry.weight > last.weight { merged[merged.count - 1] = entry }
            } else {
                merged.append(entry)
            }
        }
        self.entries = merged
    }

    /// A profile from entries already strictly ascending by skill (a stored profile read back),
    /// skipping the sort and duplicate merge.
    public init(sortedEntries entries: [Entry]) {
        precondition(zip(entries, entries.dropFirst()).allSatisfy { $0.skill < $1.skill }, "entries must be strictly ascending by skill")
        self.entries = entries
    }

    public static let empty = SkillProfile(entries: [])

    public var isEmpty: Bool { entries.isEmpty }
    public var count: Int { entries.count }

    /// The entry for `skill`, by binary search.
    ///
    /// - Complexity: O(log n).
    public func entry(for skill: Int32) -> Entry? {
        var low = 0, high = entries.count
        while low < high {
            let mid = (low + high) / 2
            if entries[mid].skill < skill { low = mid + 1 } else { high = mid }
        }
        return low < entries.count && entries[low].skill == skill ? entries[low] : nil
    }

    /// The weight of `skill`, 0 when absent.
    public func weight(of skill: Int32) -> Float { entry(for: skill)?.weight ?? 0 }
}
