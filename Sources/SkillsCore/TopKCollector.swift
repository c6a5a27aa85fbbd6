/// A scored item: an internal row or document number with its score.
public struct ScoredID: Sendable, Hashable {
    public var id: Int32
    public var score: Float

    public init(id: Int32, score: Float) {
        self.id = id
        self.score = score
    }

    /// Ranking order: higher score first, then lower id, so results are deterministic.
    @inlinable
    public static func ranksBefore(_ a: ScoredID, _ b: ScoredID) -> Bool {
        a.score != b.score ? a.score > b.score : a.id < b.id
    }
}

/// Keeps the `k` best `(id, score)` pairs seen so far.
///
/// A buffer of capacity `2k` (tantivy's `TopNComputer`): when it fills, it is partially sorted and cut
/// back to `k`, and the `k`-th score becomes the ``threshold``. Pushes that cannot beat the threshold
/// return at once, so collecting `n` items costs O(n + (n/k)·k log k) in the worst case and close to
/// O(n) in practice. Ties break on the lower id.
///
/// Scanners read ``threshold`` to prune (WAND, block skipping): anything scoring below it can never
/// enter the result.
///
/// - Complexity: ``push(id:score:)`` is amortised O(log k); ``finish()`` is O(k log k).
public struct TopKCollector: Sendable {
    public let k: Int
    @usableFromInline var buffer: [ScoredID]
    @usableFromInline var worst: ScoredID?

    /// - Parameter k: how many results to keep; must be positive.
    public init(k: Int) {
        precondition(k > 0, "TopKCollector needs k > 0")
        self.k = k
        self.buffer = []
        self.buffer.reserveCapacity(min(2 * k, 1 << 16))
        self.worst = nil
    }

    /// The score an item must exceed (or equal with a lower id) to enter; `-infinity` until `k` items
    /// have been kept.
    @inlinable
    public var threshold: Float { worst?.score ?? -.infinity }

    /// Offers one item.
    @inlinable
    public mutating func push(id: Int32, score: Float) {
        let item = ScoredID(id: id, score: score)
        if let worst, !ScoredID.ranksBefore(item, worst) { return }
        buffer.append(item)
        if buffer.count >= 2 * k { truncate() }
    }

    @usableFromInline
    mutating func truncate() {
        buffer.sort(by: ScoredID.ranksBefore)
        buffer.removeLast(buffer.count - k)
        worst = buffer.last
    }

    /// The kept items, best first.
    public mutating func finish() -> [ScoredID] {
        buffer.sort(by: ScoredID.ranksBefore)
        if buffer.count > k { buffer.removeLast(buffer.count - k) }
        return buffer
    }

    /// Number of items currently buffered (at most `2k`).
    public var count: Int { buffer.count }
}
