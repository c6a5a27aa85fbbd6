/// A fixed-capacity set of row numbers stored as a bitset, for filters pushed down into scans.
///
/// One bit per row, so a filter over 1,000,000 rows takes 125 kB, and a scan tests membership with
/// one shift and one mask. Scans also read whole 64-bit ``words`` to skip empty stretches and to
/// count members per block, which is what makes very selective filters cheap.
///
/// - Complexity: ``contains(_:)``, ``insert(_:)`` and ``remove(_:)`` are O(1); ``count`` is
///   O(capacity / 64).
public struct RowSet: Sendable, Hashable {
    /// Rows `0..<capacity` can be members.
    public let capacity: Int
    /// The bits, 64 rows per word, row `r` at bit `r % 64` of word `r / 64`. Bits past `capacity`
    /// are always zero.
    public private(set) var words: [UInt64]

    /// An empty set (or a full one when `full` is true) over rows `0..<capacity`.
    public init(capacity: Int, full: Bool = false) {
        precondition(capacity >= 0, "RowSet capacity must not be negative")
        self.capacity = capacity
        let wordCount = (capacity + 63) >> 6
        self.words = [UInt64](repeating: full ? ~0 : 0, count: wordCount)
        if full, capacity & 63 != 0 {
            words[wordCount - 1] = (1 << UInt64(capacity & 63)) &- 1
        }
    }

    /// A set over rows `0..<capacity` holding `rows`; rows outside the range are ignored.
    public init<S: Sequence>(capacity: Int, rows: S) where S.Element: BinaryInteger {
        self.init(capacity: capacity)
        for row in rows where row >= 0 && row < capacity { insert(Int(row)) }
    }

    /// Whether `row` is a member; rows outside `0..<capacity` never are.
    @inlinable
    public func contains(_ row: Int) -> Bool {
        guard row >= 0, row < capacity else { return false }
        return words[row >> 6] & (1 << UInt64(row & 63)) != 0
    }

    /// Adds `row`, which must be in `0..<capacity`.
    public mutating func insert(_ row: Int) {
        precondition(row >= 0 && row < capacity, "row \(row) outside RowSet capacity \(capacity)")
        words[row >> 6] |= 1 << UInt64(row & 63)
    }

    /// Removes `row` if it is a member.
    public mutating func remove(_ row: Int) {
        guard row >= 0, row < capacity else { return }
        words[row >> 6] &= ~(1 << UInt64(row & 63))
    }

    /// Number of members.
    public var count: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    /// Members in rows `lower..<upper` (clamped to the capacity).
    public func count(in lower: Int, _ upper: Int) -> Int {
        var total = 0
        forEach(in: lower, upper) { _ in total += 1 }
        return total
    }

    /// Calls `body` with each member in `lower..<upper`, in increasing order.
    @inlinable
    public func forEach(in lower: Int, _ upper: Int, _ body: (Int) throws -> Void) rethrows {
        let lower = max(0, lower)
        let upper = min(capacity, upper)
        guard lower < upper else { return }
        var wordIndex = lower >> 6
        let lastWord = (upper - 1) >> 6
        while wordIndex <= lastWord {
            var word = words[wordIndex]
            let base = wordIndex << 6
            if base < lower { word &= ~0 << UInt64(lower - base) }
            if base + 64 > upper { word &= (1 << UInt64(upper - base)) &- 1 }
            while word != 0 {
                try body(base + word.trailingZeroBitCount)
                word &= word &- 1
            }
            wordIndex += 1
        }
    }

    /// Members in rows `0..<capacity`, in increasing order.
    public var members: [Int] {
        var result: [Int] = []
        result.reserveCapacity(count)
        forEach(in: 0, capacity) { result.append($0) }
        return result
    }

    /// Rows in both sets (capacity is the smaller of the two).
    public func intersection(_ other: RowSet) -> RowSet {
        var result = RowSet(capacity: min(capacity, other.capacity))
        for index in result.words.indices { result.words[index] = words[index] & other.words[index] }
        return result
    }
}
