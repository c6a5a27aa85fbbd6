import SkillsCore

/// Exact inner-product search over a ``VectorMatrix`` by a blocked BLAS scan.
///
/// The rows are scanned in blocks of ``blockRows``: BLAS writes the block's scores into a buffer
/// reused from block to block (one query: `sdot` per row or one `sgemv`, see ``Kernel``; a batch:
/// one `sgemm`), the filter is applied to the block, and survivors feed a ``TopKCollector``. Per
/// block the scan also checks the deadline and task cancellation, and skips blocks the filter
/// empties. When a filter leaves only a few rows of a block, only those rows are scored.
///
/// The index is an immutable value (`Sendable`): any number of threads may search one snapshot at
/// once; each search allocates its own buffers. Results are best first, ties broken on the lower
/// row, exactly as a sort of all scores would give them.
///
/// With ``Compression/int8`` the index also holds a ``QuantizedMatrix``:
/// ``searchCompressedExact(query:k:filter:deadline:)`` gives the same exact top-k reading a
/// quarter of the bytes (the fastest single-query path), and
/// ``searchCompressed(query:k:rescoreDepth:filter:deadline:)`` rescores a fixed number of
/// candidates (approximate set, exact scores).
public struct FlatVectorIndex: Sendable {
    /// Optional compressed copy scanned before exact rescoring.
    public enum Compression: String, Sendable, Codable {
        case none
        /// int8 codes with one float32 scale per row (see ``QuantizedMatrix``).
        case int8
    }

    /// How a single query's block of scores is computed.
    public enum Kernel: String, Sendable, Codable {
        /// One `sgemv` per block.
        case sgemv
        /// One `sdot` per row of the block. On Debian's OpenBLAS 0.3.21 this measured 10–15 %
        /// faster than its `sgemv` for 384-dimensional rows (see Documentation/VECTORS.md).
        case sdot
    }

    /// The float32 rows (exact scores always come from here).
    public private(set) var vectors: VectorMatrix
    /// The int8 copy, when built with ``Compression/int8``.
    public private(set) var quantized: QuantizedMatrix?
    /// Rows per scan block.
    public let blockRows: Int
    /// Kernel for single-query scans (batches always use `sgemm`).
    public let kernel: Kernel

    /// Block size used unless told otherwise: 2048 rows × 384 float32 is 3 MB, about one L2/L3
    /// slice, and the per-block overhead (BLAS call, deadline check) stays under 1 %.
    public static let defaultBlockRows = 2048

    /// - Parameters:
    ///   - vectors: the rows to search.
    ///   - compression: whether to also build an int8 copy.
    ///   - blockRows: rows per block, 1…1,048,576.
    ///   - kernel: how single-query blocks are scored (`sdot` by default: faster here, see ``Kernel``).
    public init(
        vectors: VectorMatrix, compression: Compression = .none, blockRows: Int = defaultBlockRows, kernel: Kernel = .sdot
    ) throws {
        guard (1...1 << 20).contains(blockRows) else {
            throw VectorsError(.invalidArgument, "blockRows must be in 1...1048576, got \(blockRows)")
        }
        if compression == .int8, vectors.dimension > QuantizedMatrix.maximumDimension {
            throw VectorsError(.invalidArgument,
                               "int8 compression supports at most \(QuantizedMatrix.maximumDimension) dimensions, got \(vectors.dimension)")
        }
        self.vectors = vectors
        self.blockRows = blockRows
        self.kernel = kernel
        self.quantized = compression == .int8 ? QuantizedMatrix(vectors) : nil
    }

    /// Number of rows.
    public var count: Int { vectors.count }

    /// Appends a row (and its int8 form) and returns its number. Copies of the index taken before
    /// are unaffected: publish the new value as the next snapshot.
    @discardableResult
    public mutating func append(_ row: [Float]) throws -> Int32 {
        let id = try vectors.append(row)
        quantized?.append(row)
        return id
    }

    /// Replaces row `row` (and its int8 form); earlier copies are unaffected.
    public mutating func update(row: Int32, with vector: [Float]) throws {
        try vectors.update(row: row, with: vector)
        quantized?.update(row: Int(row), with: vector)
    }
    /// Vector dimension.
    public var dimension: Int { vectors.dimension }

    /// The `k` rows with the highest inner product with `query`, best first.
    ///
    /// - Parameters:
    ///   - filter: when given, only member rows are eligible (rows beyond its capacity are not).
    ///   - deadline: checked once per block; throws ``VectorsError/Code/deadlineExceeded``.
    public func search(query: [Float], k: Int, filter: RowSet? = nil, deadline: Deadline = .none) throws -> [ScoredID] {
        try validate(query: query, k: k)
        var collector = TopKCollector(k: k)
        let d = dimension
        let rows = count
        let blockRows = self.blockRows
        try withScanBuffers(query) { base, q, out in
            var start = 0
            while start < rows {
                try Self.checkpoint(deadline)
                let end = min(start + blockRows, rows)
                let block = base + start * d
                if let filter {
                    let members = filter.count(in: start, end)
                    if members == 0 {
                        start = end
                        continue
                    }
                    if kernel == .sdot || members * 16 < end - start {
                        filter.forEach(in: start, end) { row in
                            let score = BLAS.sdot(d, base + row * d, q)
                            if score > collector.threshold { collector.push(id: Int32(row), score: score) }
                        }
                    } else {
                        score(block, rows: end - start, dimension: d, query: q, into: out)
                        filter.forEach(in: start, end) { row in
                            let score = out[row - start]
                            if score > collector.threshold { collector.push(id: Int32(row), score: score) }
                        }
                    }
                } else {
                    score(block, rows: end - start, dimension: d, query: q, into: out)
                    Self.collect(out, count: end - start, firstRow: start, into: &collector)
                }
                start = end
            }
        }
        return collector.finish()
    }

    /// The `k` rows with the highest inner product with `query` among those `accept` admits, best
    /// first: a lazily evaluated filter. Per block BLAS scores every row; `accept` is asked only for
    /// rows whose score would enter the current top `k`, so an expensive predicate (a geo radius, a
    /// date window) runs for a few hundred rows instead of all of them.
    ///
    /// - Complexity: O(rows · dimension) for the scan plus O(admitted candidates) predicate calls.
    public func search(query: [Float], k: Int, deadline: Deadline = .none, where accept: (Int32) -> Bool) throws -> [ScoredID] {
        try validate(query: query, k: k)
        var collector = TopKCollector(k: k)
        let d = dimension, rows = count, blockRows = self.blockRows
        try withScanBuffers(query) { base, q, out in
            var start = 0
            while start < rows {
                try Self.checkpoint(deadline)
                let end = min(start + blockRows, rows)
                score(base + start * d, rows: end - start, dimension: d, query: q, into: out)
                var threshold = collector.threshold
                for i in 0..<(end - start) where out[i] > threshold && accept(Int32(start + i)) {
                    collector.push(id: Int32(start + i), score: out[i])
                    threshold = collector.threshold
                }
                start = end
            }
        }
        return collector.finish()
    }

    /// Runs `body` with the matrix, the query and a block-sized score buffer reused from block to
    /// block; not at all when the index is empty.
    private func withScanBuffers(
        _ query: [Float], _ body: (UnsafePointer<Float>, UnsafePointer<Float>, UnsafeMutablePointer<Float>) throws -> Void
    ) rethrows {
        var scores = [Float](repeating: 0, count: min(blockRows, max(count, 1)))
        try vectors.withUnsafeBufferPointer { matrix in
            try query.withUnsafeBufferPointer { q in
                try scores.withUnsafeMutableBufferPointer { buffer in
                    guard let base = matrix.baseAddress, let q = q.baseAddress, let out = buffer.baseAddress else { return }
                    try body(base, q, out)
                }
            }
        }
    }

    /// Scores of `rows` consecutive rows starting at `block`, written to `out`.
    @inline(__always)
    func score(_ block: UnsafePointer<Float>, rows: Int, dimension d: Int, query: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>) {
        switch kernel {
        case .sgemv: BLAS.sgemv(m: rows, n: d, a: block, lda: d, x: query, y: out)
        case .sdot: for i in 0..<rows { out[i] = BLAS.sdot(d, block + i * d, query) }
        }
    }

    /// Pushes `count` scores of rows `firstRow...` into the collector, skipping those below its
    /// threshold without a call.
    @inline(__always)
    static func collect(_ scores: UnsafePointer<Float>, count: Int, firstRow: Int, into collector: inout TopKCollector) {
        var threshold = collector.threshold
        for i in 0..<count where scores[i] > threshold {
            collector.push(id: Int32(firstRow + i), score: scores[i])
            threshold = collector.threshold
        }
    }

    /// Throws when the deadline has passed or the current task was cancelled.
    @inline(__always)
    static func checkpoint(_ deadline: Deadline) throws {
        if deadline.hasPassed { throw VectorsError(.deadlineExceeded, "vector scan stopped at its deadline") }
        if Task.isCancelled { throw VectorsError(.cancelled, "vector scan cancelled") }
    }

    func validate(query: [Float], k: Int) throws {
        guard k > 0 else { throw VectorsError(.invalidArgument, "k must be positive, got \(k)") }
        try VectorMatrix.check(query, dimension: dimension, what: "query")
    }
}
