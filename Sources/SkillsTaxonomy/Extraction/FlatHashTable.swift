/// An open-addressing hash table from (UInt64, UInt32) keys to Int32 values, built for the
/// extractor's hot path: one multiply to hash, linear probing over flat arrays, no per-lookup
/// allocation. (Swift's `Dictionary` hashes with SipHash, several times slower for these keys.)
struct FlatHashTable: Sendable {
    private var words: [UInt64]
    private var nodes: [UInt32]
    private var values: [Int32]  // -1 marks an empty slot
    private var mask: Int
    private(set) var count = 0

    init(minimumCapacity: Int = 16) {
        var size = 16
        while size < minimumCapacity * 2 { size <<= 1 }
        words = [UInt64](repeating: 0, count: size)
        nodes = [UInt32](repeating: 0, count: size)
        values = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    @inline(__always)
    private func slot(_ word: UInt64, _ node: UInt32) -> Int {
        let mixed = (word ^ (UInt64(node) &* 0x9E37_79B9_7F4A_7C15)) &* 0xBF58_476D_1CE4_E5B9
        return Int(truncatingIfNeeded: mixed >> 29) & mask
    }

    @inline(__always)
    func value(_ word: UInt64, _ node: UInt32 = 0) -> Int32? {
        var i = slot(word, node)
        while true {
            let v = values[i]
            if v < 0 { return nil }
            if words[i] == word && nodes[i] == node { return v }
            i = (i + 1) & mask
        }
    }

    /// Inserts or replaces the value for a key (values must be >= 0).
    mutating func set(_ value: Int32, for word: UInt64, _ node: UInt32 = 0) {
        precondition(value >= 0)
        if (count + 1) * 2 > values.count { grow() }
        var i = slot(word, node)
        while values[i] >= 0 {
            if words[i] == word && nodes[i] == node {
                values[i] = value
                return
            }
            i = (i + 1) & mask
        }
        words[i] = word
        nodes[i] = node
        values[i] = value
        count += 1
    }

    private mutating func grow() {
        var bigger = FlatHashTable(minimumCapacity: values.count)
        for i in values.indices where values[i] >= 0 { bigger.set(values[i], for: words[i], nodes[i]) }
        self = bigger
    }
}
