import Dispatch
import SkillsCore
import SkillsTestSupport
import Synchronization
import Testing
@testable import SkillsVectors

/// Properties checked:
/// 1. float32 search equals the sort-then-prefix reference for many (n, d, k, filter, block) combinations;
/// 2. batch search equals per-query search;
/// 3. int8 compressed search has recall@10 ≥ 0.95 after rescoring, with exact scores;
/// 4. BLAS dot agrees with a scalar dot;
/// 5. bad input (wrong dimension, NaN, k ≤ 0, deadline passed) throws precise errors.
struct FlatVectorIndexTests {
    @Test(arguments: [
        (n: 1, d: 1, k: 1), (n: 7, d: 3, k: 10), (n: 100, d: 8, k: 5), (n: 1000, d: 16, k: 10),
        (n: 2049, d: 33, k: 20), (n: 5000, d: 64, k: 1), (n: 1500, d: 384, k: 10),
    ])
    func singleQueryMatchesReference(n: Int, d: Int, k: Int) throws {
        var rng = SeededGenerator(seed: UInt64(n * 1000 + d))
        let matrix = try Reference.randomMatrix(rows: n, dimension: d, &rng)
        for (blockRows, kernel) in [(1, .sgemv), (64, .sdot), (1000, .sgemv), (2048, .sdot)] as [(Int, FlatVectorIndex.Kernel)] {
            let index = try FlatVectorIndex(vectors: matrix, blockRows: blockRows, kernel: kernel)
            for selectivity in [nil, 0.0, 0.01, 0.3, 1.0] as [Double?] {
                let filter = selectivity.map { p in RowSet(capacity: n, rows: (0..<n).filter { _ in Double.random(in: 0..<1, using: &rng) < p }) }
                for _ in 0..<3 {
                    let query = Reference.randomVector(d, &rng)
                    let got = try index.search(query: query, k: k, filter: filter)
                    let expected = try Reference.topK(matrix, query, k: k, filter: filter)
                    #expect(Reference.agree(got, expected), "n=\(n) d=\(d) k=\(k) block=\(blockRows) p=\(String(describing: selectivity))")
                }
            }
        }
    }

    @Test func batchEqualsSingleQueries() throws {
        var rng = SeededGenerator(seed: 42)
        for (n, d, nq) in [(10, 4, 3), (3000, 48, 70), (700, 384, 300)] {
            let matrix = try Reference.randomMatrix(rows: n, dimension: d, &rng)
            let index = try FlatVectorIndex(vectors: matrix, blockRows: 512)
            let queries = (0..<nq).map { _ in Reference.randomVector(d, &rng) }
            let filter = RowSet(capacity: n, rows: (0..<n).filter { _ in Bool.random(using: &rng) })
            for f in [nil, filter] {
                let batch = try index.search(queries: queries, k: 10, filter: f)
                #expect(batch.count == nq)
                for (j, query) in queries.enumerated() {
                    let expected = try Reference.topK(matrix, query, k: 10, filter: f)
                    #expect(Reference.agree(batch[j], expected), "n=\(n) d=\(d) query \(j)")
                }
            }
        }
    }

    @Test func compressedRecallAfterRescoring() throws {
        var rng = SeededGenerator(seed: 7)
        let n = 20_000, d = 128
        // Clustered data: the hard case for quantization, since neighbours are close together.
        let centres = (0..<50).map { _ in Reference.randomVector(d, &rng) }
        var values: [Float] = []
        for _ in 0..<n {
            let centre = centres[Int.random(in: 0..<centres.count, using: &rng)]
            values += centre.map { $0 + Float.random(in: -0.3...0.3, using: &rng) }
        }
        var matrix = try VectorMatrix(dimension: d, values: values)
        matrix.normalizeRows()
        let index = try FlatVectorIndex(vectors: matrix, compression: .int8)
        var hits = 0, total = 0
        for _ in 0..<50 {
            let centre = centres[Int.random(in: 0..<centres.count, using: &rng)]
            let query = centre.map { $0 + Float.random(in: -0.3...0.3, using: &rng) }
            let exact = try index.search(query: query, k: 10)
            let compressed = try index.searchCompressed(query: query, k: 10)
            hits += Set(exact.map(\.id)).intersection(compressed.map(\.id)).count
            total += 10
            for item in compressed {
                #expect(abs(item.score - Reference.dot(try matrix.row(item.id), query)) < 1e-4)
            }
        }
        let recall = Double(hits) / Double(total)
        #expect(recall >= 0.95, "recall@10 \(recall)")
        #expect(index.quantized!.byteCount * 3 < matrix.byteCount)
    }

    @Test(arguments: [(n: 1, d: 1, k: 1), (n: 50, d: 5, k: 60), (n: 3000, d: 64, k: 10), (n: 2000, d: 384, k: 20)])
    func compressedExactMatchesReference(n: Int, d: Int, k: Int) throws {
        var rng = SeededGenerator(seed: UInt64(7 * n + d))
        // Clustered, normalised rows: many near-ties, the hard case for the error bound.
        let centres = (0..<8).map { _ in Reference.randomVector(d, &rng) }
        var values: [Float] = []
        for _ in 0..<n { values += centres[Int.random(in: 0..<8, using: &rng)].map { $0 + Float.random(in: -0.2...0.2, using: &rng) } }
        var matrix = try VectorMatrix(dimension: d, values: values)
        matrix.normalizeRows()
        let index = try FlatVectorIndex(vectors: matrix, compression: .int8, blockRows: 1000)
        for selectivity in [nil, 0.05, 0.5] as [Double?] {
            let filter = selectivity.map { p in RowSet(capacity: n, rows: (0..<n).filter { _ in Double.random(in: 0..<1, using: &rng) < p }) }
            for _ in 0..<3 {
                let query = centres[Int.random(in: 0..<8, using: &rng)].map { $0 + Float.random(in: -0.2...0.2, using: &rng) }
                let got = try index.searchCompressedExact(query: query, k: k, filter: filter)
                let expected = try Reference.topK(matrix, query, k: k, filter: filter)
                #expect(Reference.agree(got, expected), "n=\(n) d=\(d) k=\(k) p=\(String(describing: selectivity))")
            }
        }
    }

    @Test func quantizedScoreApproximatesDot() throws {
        var rng = SeededGenerator(seed: 13)
        let d = 96
        let matrix = try Reference.randomMatrix(rows: 50, dimension: d, &rng)
        let quantized = QuantizedMatrix(matrix)
        let query = Reference.randomVector(d, &rng)
        let (codes, scale) = QuantizedMatrix.quantize(query)
        let offset = 128 * codes.reduce(Int32(0)) { $0 + Int32($1) }
        for r in 0..<50 {
            let approx = quantized.codes.withUnsafeBufferPointer { u in
                codes.withUnsafeBufferPointer { q in
                    Float(QuantizedMatrix.dot(u.baseAddress! + r * d, q.baseAddress!, d) - offset) * quantized.scales[r] * scale
                }
            }
            let exact = Reference.dot(try matrix.row(Int32(r)), query)
            // Each component is off by at most half a step of each scale.
            let bound = Float(d) * (quantized.scales[r] + scale) * 0.5 * 1.01
            #expect(abs(approx - exact) <= bound)
        }
    }

    @Test func compressedHonoursFilter() throws {
        var rng = SeededGenerator(seed: 9)
        let matrix = try Reference.randomMatrix(rows: 3000, dimension: 32, &rng)
        let index = try FlatVectorIndex(vectors: matrix, compression: .int8)
        let filter = RowSet(capacity: 3000, rows: stride(from: 0, to: 3000, by: 7))
        let got = try index.searchCompressed(query: Reference.randomVector(32, &rng), k: 10, filter: filter)
        #expect(got.count == 10)
        #expect(got.allSatisfy { filter.contains(Int($0.id)) })
    }

    @Test func blasDotAgreesWithScalar() throws {
        var rng = SeededGenerator(seed: 3)
        for d in [1, 2, 7, 64, 384, 1000] {
            let a = Reference.randomVector(d, &rng), b = Reference.randomVector(d, &rng)
            let blas = a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in BLAS.sdot(d, x.baseAddress!, y.baseAddress!) } }
            #expect(abs(blas - Reference.dot(a, b)) <= 1e-5 * Float(d))
        }
    }

    @Test func badInputThrowsPreciseErrors() throws {
        let matrix = try VectorMatrix(dimension: 3, rows: [[1, 0, 0], [0, 1, 0]])
        let index = try FlatVectorIndex(vectors: matrix)
        #expect(throws: VectorsError.self) { try index.search(query: [1, 0], k: 1) }
        #expect(throws: VectorsError.self) { try index.search(query: [1, .nan, 0], k: 1) }
        #expect(throws: VectorsError.self) { try index.search(query: [1, 0, 0], k: 0) }
        #expect(throws: VectorsError.self) { try index.searchCompressed(query: [1, 0, 0], k: 1) }
        #expect(throws: VectorsError.self) { try FlatVectorIndex(vectors: matrix, blockRows: 0) }
        do {
            _ = try index.search(query: [1, 0, 0], k: 1, deadline: .after(seconds: 0))
            Issue.record("expected the passed deadline to stop the scan")
        } catch let error as VectorsError {
            #expect(error.code == .deadlineExceeded)
        }
        var m = matrix
        #expect(throws: VectorsError.self) { try m.update(row: 2, with: [0, 0, 1]) }
        #expect(throws: VectorsError.self) { try m.append([0, 0]) }
        #expect(throws: VectorsError.self) { try VectorMatrix(dimension: 0) }
        try m.update(row: 1, with: [0, 0, 1])
        #expect(try m.row(1) == [0, 0, 1])
        #expect(try index.search(query: [0, 1, 0], k: 5).map(\.id) == [1, 0])  // snapshot unaffected
    }

    @Test func appendAndUpdateKeepCompressedCopyInStep() throws {
        var rng = SeededGenerator(seed: 17)
        let start = try Reference.randomMatrix(rows: 100, dimension: 24, &rng)
        var index = try FlatVectorIndex(vectors: start, compression: .int8)
        let snapshot = index
        var expected = start
        for step in 0..<60 {
            let row = Reference.randomVector(24, &rng)
            if step % 3 == 0 {
                let target = Int32.random(in: 0..<Int32(expected.count), using: &rng)
                try index.update(row: target, with: row)
                try expected.update(row: target, with: row)
            } else {
                #expect(try index.append(row) == (try expected.append(row)))
            }
        }
        #expect(index.vectors == expected)
        #expect(index.quantized == QuantizedMatrix(expected))
        #expect(snapshot.count == 100)
        let query = Reference.randomVector(24, &rng)
        #expect(Reference.agree(try index.searchCompressedExact(query: query, k: 5), try Reference.topK(expected, query, k: 5, filter: nil)))
        #expect(throws: VectorsError.self) { try index.update(row: 500, with: query) }
    }

    @Test func concurrentReadersShareOneSnapshot() throws {
        var rng = SeededGenerator(seed: 23)
        let matrix = try Reference.randomMatrix(rows: 4000, dimension: 32, &rng)
        var index = try FlatVectorIndex(vectors: matrix, compression: .int8, blockRows: 256)
        let snapshot = index
        let queries = (0..<16).map { _ in Reference.randomVector(32, &rng) }
        let expected = try queries.map { try snapshot.search(query: $0, k: 10) }
        let mismatches = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 64) { i in
            let q = queries[i % queries.count]
            let got = [try? snapshot.search(query: q, k: 10), try? snapshot.searchCompressedExact(query: q, k: 10),
                       try? snapshot.search(queries: [q], k: 10).first]
            if got.contains(where: { $0.map { !Reference.agree($0, expected[i % queries.count]) } ?? true }) {
                mismatches.withLock { $0 += 1 }
            }
        }
        // A writer's new value does not disturb the readers' snapshot.
        try index.append(queries[0])
        #expect(mismatches.withLock { $0 } == 0)
        #expect(try snapshot.search(query: queries[0], k: 10) == expected[0])
        #expect(index.count == snapshot.count + 1)
    }

    @Test func everyPathStopsAtTheDeadline() throws {
        var rng = SeededGenerator(seed: 29)
        let index = try FlatVectorIndex(vectors: Reference.randomMatrix(rows: 100, dimension: 8, &rng), compression: .int8)
        let q = Reference.randomVector(8, &rng)
        let passed = Deadline.after(seconds: 0)
        let calls: [() throws -> Void] = [
            { _ = try index.search(query: q, k: 1, deadline: passed) },
            { _ = try index.search(queries: [q], k: 1, deadline: passed) },
            { _ = try index.searchCompressed(query: q, k: 1, deadline: passed) },
            { _ = try index.searchCompressedExact(query: q, k: 1, deadline: passed) },
        ]
        for call in calls {
            #expect { try call() } throws: { ($0 as? VectorsError)?.code == .deadlineExceeded }
        }
        #expect(try index.search(query: q, k: 1, deadline: .after(seconds: 60)).count == 1)
    }

    @Test func rowSetOperations() {
        var rng = SeededGenerator(seed: 5)
        for capacity in [0, 1, 63, 64, 65, 1000] {
            let members = Set((0..<capacity).filter { _ in Bool.random(using: &rng) })
            let set = RowSet(capacity: capacity, rows: members)
            #expect(set.count == members.count)
            #expect(set.members == members.sorted())
            for lower in [0, 3, 64] {
                for upper in [capacity, capacity / 2, 70] {
                    #expect(set.count(in: lower, upper) == members.filter { $0 >= lower && $0 < upper }.count)
                }
            }
            #expect(RowSet(capacity: capacity, full: true).count == capacity)
            #expect(!set.contains(-1) && !set.contains(capacity))
        }
    }
}
