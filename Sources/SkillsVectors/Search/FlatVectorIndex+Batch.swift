import SkillsCore

extension FlatVectorIndex {
    /// Queries per `sgemm` call: large enough for BLAS to reach its throughput, small enough that
    /// the score block (`queryBlock × blockRows` floats) stays a few megabytes.
    static let queryBlock = 256

    /// The `k` best rows for each query, best first, by blocked `sgemm` (queries × block of rows).
    ///
    /// Gives the same results as calling ``search(query:k:filter:deadline:)`` per query, several
    /// times faster for batches of tens of queries, because each block of rows is read once for
    /// all of them.
    public func search(queries: [[Float]], k: Int, filter: RowSet? = nil, deadline: Deadline = .none) throws -> [[ScoredID]] {
        guard k > 0 else { throw VectorsError(.invalidArgument, "k must be positive, got \(k)") }
        var packed = [Float]()
        packed.reserveCapacity(queries.count * dimension)
        for (index, query) in queries.enumerated() {
            try VectorMatrix.check(query, dimension: dimension, what: "query \(index)")
            packed.append(contentsOf: query)
        }
        return try search(queries: VectorMatrix(dimension: dimension, values: packed), k: k, filter: filter, deadline: deadline)
    }

    /// The `k` best rows for each row of `queries` (see ``search(queries:k:filter:deadline:)-([[Float]],_,_,_)``).
    public func search(queries: VectorMatrix, k: Int, filter: RowSet? = nil, deadline: Deadline = .none) throws -> [[ScoredID]] {
        guard k > 0 else { throw VectorsError(.invalidArgument, "k must be positive, got \(k)") }
        guard queries.dimension == dimension else {
            throw VectorsError.dimension("queries", got: queries.dimension, expected: dimension)
        }
        var results: [[ScoredID]] = []
        results.reserveCapacity(queries.count)
        var first = 0
        while first < queries.count {
            let last = min(first + Self.queryBlock, queries.count)
            results += try searchQueryBlock(queries, first..<last, k: k, filter: filter, deadline: deadline)
            first = last
        }
        return results
    }

    private func searchQueryBlock(
        _ queries: VectorMatrix, _ range: Range<Int>, k: Int, filter: RowSet?, deadline: Deadline
    ) throws -> [[ScoredID]] {
        let d = dimension
        let rows = count
        let nq = range.count
        let blockRows = self.blockRows
        var collectors = [TopKCollector](repeating: TopKCollector(k: k), count: nq)
        var scores = [Float](repeating: 0, count: nq * min(blockRows, max(rows, 1)))
        try vectors.withUnsafeBufferPointer { matrix in
            try queries.withUnsafeBufferPointer { q in
                try scores.withUnsafeMutableBufferPointer { buffer in
                    guard let base = matrix.baseAddress, let q = q.baseAddress, let out = buffer.baseAddress else { return }
                    let qBase = q + range.lowerBound * d
                    var start = 0
                    while start < rows {
                        try Self.checkpoint(deadline)
                        let end = min(start + blockRows, rows)
                        let width = end - start
                        if let filter, filter.count(in: start, end) == 0 {
                            start = end
                            continue
                        }
                        // scores (nq × width) = queries (nq × d) · blockᵀ (d × width)
                        BLAS.sgemm(
                            transposeB: true, m: nq, n: width, k: d, a: qBase, lda: d, b: base + start * d, ldb: d,
                            c: out, ldc: width)
                        for j in 0..<nq {
                            let row = out + j * width
                            if let filter {
                                filter.forEach(in: start, end) { r in
                                    let score = row[r - start]
                                    if score > collectors[j].threshold { collectors[j].push(id: Int32(r), score: score) }
                                }
                            } else {
                                Self.collect(row, count: width, firstRow: start, into: &collectors[j])
                            }
                        }
                        start = end
                    }
                }
            }
        }
        return collectors.indices.map { collectors[$0].finish() }
    }
}
