/// Term ids by the term's UTF-8 bytes: interning a token costs a hash and a byte compare, no
/// `String` and no dictionary of strings (the indexing loop runs this for every word of every
/// document). Open addressing with linear probing over FNV-1a hashes.
struct TermTable: Sendable {
    /// Term strings by id.
    private(set) var strings: [String] = []
    private var bytes: [UInt8] = []
    /// Term id `t` is `bytes[starts[t]..<starts[t + 1]]`.
    private var starts: [Int] = [0]
    /// Term id + 1 per bucket, 0 = empty; the count is a power of two, at most half full
    /// (allocated on first use, so an empty table costs nothing).
    private var buckets: [Int32] = []

    var count: Int { strings.count }

    static func hash(_ word: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in word { h = (h ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return h
    }

    /// The id of `word`, adding it if new.
    mutating func intern(_ word: UnsafeBufferPointer<UInt8>) -> (id: Int32, isNew: Bool) {
        if buckets.isEmpty { buckets = [Int32](repeating: 0, count: 1 << 12) }
        let mask = buckets.count - 1
        var b = Int(truncatingIfNeeded: Self.hash(word)) & mask
        while true {
            let entry = buckets[b]
            if entry == 0 { break }
            let id = Int(entry - 1)
            let start = starts[id], length = starts[id + 1] - start
            if length == word.count, bytes.withUnsafeBufferPointer({ stored in
                word.elementsEqual(UnsafeBufferPointer(rebasing: stored[start..<(start + length)]))
            }) {
                return (Int32(id), false)
            }
            b = (b + 1) & mask
        }
        let id = Int32(strings.count)
        strings.append(String(decoding: word, as: UTF8.self))
        bytes.append(contentsOf: word)
        starts.append(bytes.count)
        buckets[b] = id + 1
        if strings.count * 2 > buckets.count { grow() }
        return (id, true)
    }

    /// Adds `term` (restoring a writer); returns `false` if it was already there.
    mutating func add(_ term: String) -> Bool {
        var term = term
        return term.withUTF8 { intern($0).isNew }
    }

    private mutating func grow() {
        var fresh = [Int32](repeating: 0, count: buckets.count * 2)
        let mask = fresh.count - 1
        bytes.withUnsafeBufferPointer { stored in
            for id in 0..<strings.count {
                var b = Int(truncatingIfNeeded: Self.hash(UnsafeBufferPointer(rebasing: stored[starts[id]..<starts[id + 1]]))) & mask
                while fresh[b] != 0 { b = (b + 1) & mask }
                fresh[b] = Int32(id + 1)
            }
        }
        buckets = fresh
    }
}
