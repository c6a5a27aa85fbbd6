/// Documents containing one skill or term, ascending, each with a non-negative weight.
///
/// For skills the weight is the profile weight; for text terms it is the BM25 term-frequency factor
/// summed over fields with their boosts (everything but the IDF). ``maxWeight`` bounds every weight
/// so scorers can prune (MaxScore).
public struct PostingList: Sendable {
    public private(set) var docs: [Int32] = []
    public private(set) var weights: [Float] = []
    public private(set) var maxWeight: Float = 0

    public init() {}

    /// A list from parallel arrays; `docs` MUST be strictly ascending and weights non-negative.
    init(docs: [Int32], weights: [Float]) {
        self.docs = docs
        self.weights = weights
        maxWeight = weights.reduce(0) { max($0, $1) }  // as `append` does
    }

    public var count: Int { docs.count }

    /// Appends a posting; `doc` MUST exceed every doc already in the list.
    mutating func append(doc: Int32, weight: Float) {
        precondition(docs.last.map { $0 < doc } ?? true, "postings must be appended in ascending doc order")
        docs.append(doc)
        weights.append(weight)
        maxWeight = max(maxWeight, weight)
    }

    /// First position at or after `from` whose doc is `>= target` (galloping, then binary search).
    ///
    /// - Complexity: O(log d) where d is the distance skipped.
    @inlinable
    public func seek(_ target: Int32, from: Int) -> Int {
        var low = from
        guard low < docs.count, docs[low] < target else { return low }
        var step = 1
        var high = low + 1
        while high < docs.count, docs[high] < target {
            low = high
            step <<= 1
            high = low + step
        }
        high = min(high, docs.count)
        while low < high {
            let mid = (low + high) >> 1
            if docs[mid] < target { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
