// Dense benchmark: exact inner-product top-k over float32 vectors, engine versus NumPy and faiss.
//
// Measures, on one BLAS thread: single-query top-10 (median and p99 ms), batch-of-64 time per
// query, and the int8 compressed scan with float32 rescoring (median, p99, recall@10 against the
// exact top-10). The peer (Benchmarks/peers/dense_peer.py: NumPy `argpartition` on `X @ q`, faiss
// `IndexFlatIP`) reads the SAME float32 vectors from a temporary file in the same run; the ratio of
// medians is printed (peer / engine: above 1.0 means the engine is faster).
//
// Corpus: seeded vectors, 100,000 × 384 by default, in two shapes: uniform random in [-1, 1] and
// clustered (256 Gaussian-ish clusters, rows L2-normalised, like sentence embeddings).
//
// Run: bash Benchmarks/peers/setup-dense-peer.sh   (once: venv with numpy + faiss-cpu)
//      swift build -c release --product skillmatch-bench
//      .build/release/skillmatch-bench dense [--rows 100000] [--dim 384] [--queries 200]
//          [--seed 1] [--shape random|clustered|both] [--python PATH] [--no-peer]
import Foundation
import SkillsCore
import SkillsTestSupport
import SkillsVectors

func runDenseBenchmark(_ arguments: [String]) throws {
    let options = try DenseBenchmarkOptions(arguments)
    BLAS.setThreads(1)
    print("dense: \(options.rows) × \(options.dimension) float32, \(options.queries) queries, k=10, one BLAS thread")
    let python = options.usePeer ? DenseBenchmarkOptions.findPeerPython(options.python) : nil
    if options.usePeer && python == nil {
        print("  peer: no venv with numpy+faiss (run: bash Benchmarks/peers/setup-dense-peer.sh); engine only")
    }
    for shape in options.shapes {
        var rng = SeededGenerator(seed: options.seed)
        let (base, queries) = DenseCorpus.make(shape: shape, rows: options.rows, dimension: options.dimension,
                                               queries: options.queries, rng: &rng)
        print("\n[\(shape)] \(String(format: "%.1f", Double(base.byteCount) / 1e6)) MB float32")
        try runDenseCase(base: base, queries: queries, python: python)
    }
}

private func runDenseCase(base: VectorMatrix, queries: VectorMatrix, python: String?) throws {
    let k = 10, batch = 64
    let buildStart = DispatchTime.now()
    let index = try FlatVectorIndex(vectors: base, compression: .int8)
    print("  int8 copy built in \(ms(since: buildStart)) ms: \(index.quantized!.byteCount / 1_000_000) MB (float32 \(base.byteCount / 1_000_000) MB)")
    let queryRows = try (0..<queries.count).map { try queries.row(Int32($0)) }

    _ = try queryRows.prefix(3).map { try index.search(query: $0, k: k) }  // warm-up
    var single: [Double] = [], exact: [[Int32]] = []
    for q in queryRows {
        let t = DispatchTime.now()
        let result = try index.search(query: q, k: k)
        single.append(ms(since: t))
        exact.append(result.map(\.id))
    }
    var batched: [Double] = []
    var start = 0
    while start + batch <= queryRows.count {
        let t = DispatchTime.now()
        _ = try index.search(queries: Array(queryRows[start..<start + batch]), k: k)
        batched.append(ms(since: t) / Double(batch))
        start += batch
    }
    var compressed: [Double] = [], hits = 0
    for (j, q) in queryRows.enumerated() {
        let t = DispatchTime.now()
        let result = try index.searchCompressed(query: q, k: k)
        compressed.append(ms(since: t))
        hits += Set(result.map(\.id)).intersection(exact[j]).count
    }
    let filter = RowSet(capacity: base.count, rows: stride(from: 0, to: base.count, by: 10))
    var filtered: [Double] = []
    for q in queryRows {
        let t = DispatchTime.now()
        _ = try index.search(query: q, k: k, filter: filter)
        filtered.append(ms(since: t))
    }
    let engine = median(single)
    print("  engine  single   median \(f3(engine)) ms  p99 \(f3(percentile(single, 99))) ms")
    print("  engine  batch64  \(f3(median(batched))) ms/query")
    print("  engine  int8+rescore median \(f3(median(compressed))) ms  p99 \(f3(percentile(compressed, 99))) ms  recall@10 \(f3(Double(hits) / Double(10 * queryRows.count)))")
    print("  engine  filter 10% median \(f3(median(filtered))) ms")

    guard let python else { return }
    let peer = try DensePeer.run(python: python, base: base, queries: queries, k: k, batch: batch)
    print("  peer BLAS: \(peer.blas)")
    func line(_ name: String, _ peerMedian: Double?, _ ours: Double, _ extra: String = "") {
        guard let peerMedian else { return print("  \(name): not measured") }
        print("  \(name) \(f3(peerMedian)) ms\(extra)  → engine ×\(String(format: "%.2f", peerMedian / ours))")
    }
    line("numpy   single   median", peer.numpySingle, engine, "  p99 \(f3(peer.numpySingleP99 ?? .nan))")
    line("faiss   single   median", peer.faissSingle, engine, "  p99 \(f3(peer.faissSingleP99 ?? .nan))")
    line("numpy   batch64 ", peer.numpyBatch, median(batched))
    line("faiss   batch64 ", peer.faissBatch, median(batched))
    line("faiss   single vs engine int8", peer.faissSingle, median(compressed))
    if let ids = peer.faissIDs {
        let agree = zip(ids, exact).filter { Set($0.0) == Set($0.1.map(Int.init)) }.count
        print("  same top-10 set as faiss: \(agree)/\(exact.count) queries")
    }
}

private func ms(since start: DispatchTime) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
}


private func f3(_ x: Double) -> String { String(format: "%.3f", x) }
