import SkillsCore

extension FlatVectorIndex {
    /// Candidates kept from the int8 scan per result asked for, unless told otherwise.
    public static let defaultRescoreFactor = 10

    /// Top-`k` by scanning the int8 copy, then rescoring the best `rescoreDepth` candidates exactly
    /// in float32 (default `10·k`, at least 100).
    ///
    /// Scores returned are exact float32 inner products; only the candidate set is approximate.
    /// Throws ``VectorsError/Code/invalidArgument`` when the index was built without compression.
    public func searchCompressed(
        query: [Float], k: Int, rescoreDepth: Int? = nil, filter: RowSet? = nil, deadline: Deadline = .none
    ) throws -> [ScoredID] {
        try validate(query: query, k: k)
        guard let quantized else {
            throw VectorsError(.invalidArgument, "index was built without compression; use search(query:k:)")
        }
        let depth = rescoreDepth ?? max(k * Self.defaultRescoreFactor, 100)
        guard depth >= k else { throw VectorsError(.invalidArgument, "rescoreDepth \(depth) is smaller than k \(k)") }
        // The query's scale is a positive common factor: it does not change the candidate order.
        let (queryCodes, _) = QuantizedMatrix.quantize(query)
        let offset = 128 * queryCodes.reduce(Int32(0)) { $0 + Int32($1) }
        var candidates = TopKCollector(k: depth)
        let d = dimension
        let rows = count
        try quantized.codes.withUnsafeBufferPointer { codes in
            try queryCodes.withUnsafeBufferPointer { qc in
                try quantized.scales.withUnsafeBufferPointer { scales in
                    guard let base = codes.baseAddress, let q = qc.baseAddress else { return }
                    var start = 0
                    while start < rows {
                        try Self.checkpoint(deadline)
                        let end = min(start + blockRows, rows)
                        if let filter {
                            filter.forEach(in: start, end) { r in
                                let score = Float(QuantizedMatrix.dot(base + r * d, q, d) &- offset) * scales[r]
                                if score > candidates.threshold { candidates.push(id: Int32(r), score: score) }
                            }
                        } else {
                            var threshold = candidates.threshold
                            for r in start..<end {
                                let score = Float(QuantizedMatrix.dot(base + r * d, q, d) &- offset) * scales[r]
                                if score > threshold {
                                    candidates.push(id: Int32(r), score: score)
                                    threshold = candidates.threshold
                                }
                            }
                        }
                        start = end
                    }
                }
            }
        }
        var exact = TopKCollector(k: k)
        vectors.withUnsafeBufferPointer { matrix in
            query.withUnsafeBufferPointer { q in
                guard let base = matrix.baseAddress, let q = q.baseAddress else { return }
                for candidate in candidates.finish() {
                    exact.push(id: candidate.id, score: BLAS.sdot(d, base + Int(candidate.id) * d, q))
                }
            }
        }
        return exact.finish()
    }
}
