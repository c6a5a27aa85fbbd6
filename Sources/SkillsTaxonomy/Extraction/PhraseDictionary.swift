/// The precompiled phrase dictionary: a trie over normalised token hashes whose nodes carry the
/// skills their phrase names. Built once from labels; lookups cost one hash probe per token.
struct PhraseDictionary: Sendable {
    private var edges = FlatHashTable(minimumCapacity: 1 << 18)
    /// Entries of node `n` are `entries[entryStart[n]..<entryStart[n + 1]]` once finalised.
    private(set) var entryStart: [Int32] = []
    private(set) var entries: [PhraseEntry] = []
    /// Blocked phrases end at these nodes: they match, hide nested phrases and name nothing.
    private(set) var blocked: [Bool] = [false]
    private(set) var depth: [UInt8] = [0]

    private var pending: [(node: Int32, entry: PhraseEntry)] = []

    static let root: Int32 = 0

    var nodeCount: Int { depth.count }

    /// The child of `node` along `token`, if any phrase continues that way.
    @inline(__always)
    func child(of node: Int32, token: UInt64) -> Int32? {
        edges.value(token, UInt32(bitPattern: node))
    }

    func entries(of node: Int32) -> ArraySlice<PhraseEntry> {
        entries[Int(entryStart[Int(node)])..<Int(entryStart[Int(node) + 1])]
    }

    func isTerminal(_ node: Int32) -> Bool {
        blocked[Int(node)] || entryStart[Int(node)] != entryStart[Int(node) + 1]
    }

    /// Adds a phrase (already tokenised) and returns its final node.
    @discardableResult
    mutating func insert(_ tokens: some Sequence<UInt64>) -> Int32 {
        var node = Self.root
        for token in tokens {
            if let next = edges.value(token, UInt32(bitPattern: node)) {
                node = next
            } else {
                let next = Int32(depth.count)
                depth.append(depth[Int(node)] &+ 1)
                blocked.append(false)
                edges.set(next, for: token, UInt32(bitPattern: node))
                node = next
            }
        }
        return node
    }

    mutating func add(_ entry: PhraseEntry, at node: Int32) {
        pending.append((node, entry))
    }

    mutating func block(_ node: Int32) {
        blocked[Int(node)] = true
    }

    /// Groups entries by node and applies the build-time rules:
    /// - one entry per skill and node, the best kind winning (the other labels' spellings are kept
    ///   for the inflection check);
    /// - a technology entry is dropped where the same phrase also names a taxonomy skill or
    ///   knowledge (O*NET's "Python" duplicates ESCO's "Python (computer programming)");
    /// - a generic one-word phrase keeps only its preferred-label entries ("design" as an
    ///   alternative label of "think creatively" is dropped).
    mutating func finalize(types: [SkillType]) {
        pending.sort { ($0.node, $0.entry.skill, $0.entry.kind) < ($1.node, $1.entry.skill, $1.entry.kind) }
        entryStart = [Int32](repeating: 0, count: depth.count + 1)
        entries = []
        entries.reserveCapacity(pending.count)
        var i = 0
        var group: [PhraseEntry] = []
        while i < pending.count {
            let node = pending[i].node
            var j = i
            group.removeAll(keepingCapacity: true)
            while j < pending.count, pending[j].node == node {
                let entry = pending[j].entry
                if group.last?.skill != entry.skill {
                    group.append(entry)
                } else if let last = group.indices.last {
                    // Same skill again (sorted best kind first): remember its spelling and casing.
                    if !group[last].hasSurface(entry.surface), group[last].otherSurface == 0 {
                        group[last].otherSurface = entry.surface
                    }
                    group[last].lowerCaseLabel = group[last].lowerCaseLabel && entry.lowerCaseLabel
                }
                j += 1
            }
            if group.count > 1, group.contains(where: { types[Int($0.skill)] != .technology }) {
                group.removeAll { types[Int($0.skill)] == .technology }
            }
            group.removeAll { $0.guardRule == .generic && $0.kind != .preferred }
            if group.count > 1 { group.sort { ($0.kind, $0.skill) < ($1.kind, $1.skill) } }
            entries.append(contentsOf: group)
            entryStart[Int(node) + 1] = Int32(group.count)
            i = j
        }
        for n in 0..<depth.count { entryStart[n + 1] += entryStart[n] }
        pending = []
    }
}
