import SkillsCore

extension FlatVectorIndex {
    /// The exact float32 top-`k` (the same result as ``search(query:k:filter:deadline:)``, up to
    /// float rounding between kernels), found by scanning the int8 copy and rescoring in float32
    /// only the rows whose quantization error bound lets them reach the top `k`.
    ///
    /// ## Why it is exact
    /// With row `x = s·c + e` and query `q = t·d + f` (`|eᵢ| ≤ s/2`, `|fᵢ| ≤ t/2`),
    /// `|x·q − s·t·(c·d)| ≤ s·t·(‖c‖₁ + ‖d‖₁ + n/2) / 2`. Pass one computes every row's
    /// approximate score and that upper bound; the best `k` by approximate score are rescored
    /// exactly and the worst of them, `L`, is a lower bound of the true `k`-th score. Pass two
    /// rescores exactly every row whose upper bound reaches `L` (minus a rounding margin); every
    /// true top-`k` row is among them.
    ///
    /// It reads a quarter of the bytes of the float32 scan plus a handful of float32 rows, so it is
    /// the fastest exact single-query path when the index was built with ``Compression/int8``.
    /// Throws ``VectorsError/Code/invalidArgument`` without it.
    public func searchCompressedExact(query: [Float], k: Int, filter: RowSet? = nil, deadline: Deadline = .none) throws -> [ScoredID] {
        try searchCompressedExactCounting(query: query, k: k, filter: filter, deadline: deadline).results
    }

    /// ``searchCompressedExact(query:k:filter:deadline:)`` plus the number of rows rescored in
    /// float32 (for benchmarks and tests).
    public func searchCompressedExactCounting(
        query: [Float], k: Int, filter: RowSet? = nil, deadline: Deadline = .none
    ) throws -> (results: [ScoredID], rescored: Int) {
        try validate(query: query, k: k)
        guard let quantized else {
            throw VectorsError(.invalidArgument, "index was built without compression; use search(query:k:)")
        }
        let d = dimension, rows = count
        let (queryCodes, queryScale) = QuantizedMatrix.quantize(query)
        let offset = 128 * queryCodes.reduce(Int32(0)) { $0 + Int32($1) }
        let queryTerm = QuantizedMatrix.l1(queryCodes) + Float(d) / 2
        var upper = [Float](repeating: -.infinity, count: rows)
        var approximate = TopKCollector(k: k)
        try quantized.codes.withUnsafeBufferPointer { codes in
            try queryCodes.withUnsafeBufferPointer { qc in
                try upper.withUnsafeMutableBufferPointer { upper in
                    guard let base = codes.baseAddress, let q = qc.baseAddress else { return }
                    let scales = quantized.scales, l1 = quantized.codeL1
                    func visit(_ r: Int) {
                        let st = scales[r] * queryScale
                        let score = Float(QuantizedMatrix.dot(base + r * d, q, d) &- offset) * st
                        upper[r] = score + st * (l1[r] + queryTerm) * 0.5
                        if score > approximate.threshold { approximate.push(id: Int32(r), score: score) }
                    }
                    var start = 0
                    while start < rows {
                        try Self.checkpoint(deadline)
                        let end = min(start + blockRows, rows)
                        if let filter { filter.forEach(in: start, end, visit) } else { for r in start..<end { visit(r) } }
                        start = end
                    }
                }
            }
        }
        var rescored = 0
        let results = vectors.withUnsafeBufferPointer { matrix in
            query.withUnsafeBufferPointer { q in
                let base = matrix.baseAddress!, q = q.baseAddress!
                func exact(_ r: Int) -> Float { BLAS.sdot(d, base + r * d, q) }
                let seeds = approximate.finish()
                var lower = -Float.infinity
                if seeds.count == k { lower = seeds.map { exact(Int($0.id)) }.min()! }
                lower -= abs(lower) * 1e-4 + 1e-6  // float rounding of both scores
                var collector = TopKCollector(k: k)
                // Rows the filter excluded kept an upper bound of -infinity.
                for r in 0..<rows where upper[r] >= lower && upper[r] > -.infinity {
                    collector.push(id: Int32(r), score: exact(r))
                    rescored += 1
                }
                return collector.finish()
            }
        }
        return (results, rescored)
    }
}
