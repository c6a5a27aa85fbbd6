// Dense benchmark: exact inner-product top-k over float32 vectors, engine versus NumPy and faiss.
//
// Measures, on one BLAS thread: single-query top-10 (median and p99 ms), batch-of-64 time per
// query, the int8 compressed scan with float32 rescoring (median, p99, recall@10 against the exact
// top-10), the exact search through the int8 copy with an error bound (same top-10 as float32,
// reading a quarter of the bytes) and a 10 % filter. The peer (Benchmarks/peers/dense_peer.py: NumPy `argpartition` on
// `X @ q`, faiss `IndexFlatIP`) reads the SAME float32 vectors from a temporary file in the same
// run. Engine and peer alternate for `--rounds` rounds (default 2) and samples are pooled, so load
// from other processes on the shared machine falls on both; the ratio of medians is printed
// (peer / engine: above 1.0 means the engine is faster).
//
// Corpus: seeded vectors, 100,000 × 384 by default, in two shapes: uniform random in [-1, 1] and
// clustered (256 clusters, rows L2-normalised, like sentence embeddings).
//
// Run: bash Benchmarks/peers/setup-dense-peer.sh   (once: venv with numpy + faiss-cpu)
//      swift build -c release --product skillmatch-bench
//      .build/release/skillmatch-bench dense [--rows 100000] [--dim 384] [--queries 200] [--rounds 2]
//          [--block 2048] [--seed 1] [--shape random|clustered|both] [--python PATH] [--no-peer]
//      .build/release/skillmatch-bench dense --embedding   (taxonomy skill vectors at ESCO scale)
//      .build/release/skillmatch-bench dense --esco DIR    (real ESCO; see EscoSkillVectorsCheck.swift)
import Foundation
import SkillsCore
import SkillsTestSupport
import SkillsVectors

func runDenseBenchmark(_ arguments: [String]) throws {
    let options = try DenseBenchmarkOptions(arguments)
    BLAS.setThreads(1)
    if options.embedding { return try runSkillEmbeddingTiming(dimension: 128, seed: options.seed) }
    if let esco = options.escoDirectory { return try runEscoSkillVectorsCheck(directory: esco, dimension: 128, seed: options.seed) }
    print("dense: \(options.rows) × \(options.dimension) float32, \(options.queries) queries, k=10, one BLAS thread, \(options.rounds) rounds")
    let python = options.usePeer ? DenseBenchmarkOptions.findPeerPython(options.python) : nil
    if options.usePeer && python == nil {
        print("  peer: no venv with numpy+faiss (run: bash Benchmarks/peers/setup-dense-peer.sh); engine only")
    }
    for shape in options.shapes {
        var rng = SeededGenerator(seed: options.seed)
        let (base, queries) = DenseCorpus.make(shape: shape, rows: options.rows, dimension: options.dimension,
                                               queries: options.queries, rng: &rng)
        print("\n[\(shape)] \(String(format: "%.1f", Double(base.byteCount) / 1e6)) MB float32")
        try runDenseCase(base: base, queries: queries, options: options, python: python)
    }
}

/// Engine samples pooled over rounds.
private struct EngineSamples {
    var single: [Double] = [], singleSdot: [Double] = [], batched: [Double] = [], compressed: [Double] = [], filtered: [Double] = []
    var compressedExact: [Double] = [], rescored: [Double] = [], exactAgree = 0
    var hits = 0, asked = 0
    var exact: [[Int32]] = []
}

private func runDenseCase(base: VectorMatrix, queries: VectorMatrix, options: DenseBenchmarkOptions, python: String?) throws {
    let buildStart = DispatchTime.now()
    let index = try FlatVectorIndex(vectors: base, compression: .int8, blockRows: options.block, kernel: .sgemv)
    let sdotIndex = try FlatVectorIndex(vectors: base, blockRows: options.block, kernel: .sdot)
    print("  int8 copy built in \(f3(ms(since: buildStart))) ms: \(index.quantized!.byteCount / 1_000_000) MB (float32 \(base.byteCount / 1_000_000) MB)")
    let queryRows = try (0..<queries.count).map { try queries.row(Int32($0)) }
    var engine = EngineSamples()
    var peer = DensePeer()
    for _ in 0..<options.rounds {
        try measureEngine(index, sdotIndex, queryRows, into: &engine)
        if let python { peer.merge(try DensePeer.run(python: python, base: base, queries: queries, k: 10, batch: 64)) }
    }
    let single = median(engine.single), batched = median(engine.batched), compressed = median(engine.compressed)
    print("  engine  single sgemv  median \(f3(single)) ms  p99 \(f3(percentile(engine.single, 99))) ms")
    let sdot = median(engine.singleSdot)
    print("  engine  single sdot   median \(f3(sdot)) ms  p99 \(f3(percentile(engine.singleSdot, 99))) ms")
    print("  engine  batch64       \(f3(batched)) ms/query")
    print("  engine  int8+rescore  median \(f3(compressed)) ms  p99 \(f3(percentile(engine.compressed, 99))) ms  recall@10 \(f3(Double(engine.hits) / Double(engine.asked)))")
    let bounded = median(engine.compressedExact)
    print("  engine  exact via int8 bound  median \(f3(bounded)) ms  p99 \(f3(percentile(engine.compressedExact, 99))) ms  rows rescored median \(Int(median(engine.rescored)))  same top-10 as sgemv \(engine.exactAgree)/\(engine.compressedExact.count)")
    print("  engine  filter 10%    median \(f3(median(engine.filtered))) ms")
    guard python != nil else { return }
    print("  peer BLAS: \(peer.blas)")
    func line(_ name: String, _ samples: [Double], _ ours: Double, p99: Bool = false) {
        guard !samples.isEmpty else { return print("  \(name): not measured") }
        let tail = p99 ? "  p99 \(f3(percentile(samples, 99))) ms" : ""
        print("  \(name) \(f3(median(samples))) ms\(tail)  → engine ×\(String(format: "%.2f", median(samples) / ours))")
    }
    line("numpy   single        median", peer.numpySingle, single, p99: true)
    line("faiss   single        median", peer.faissSingle, single, p99: true)
    line("numpy   single vs engine sdot kernel", peer.numpySingle, sdot)
    line("faiss   single vs engine sdot kernel", peer.faissSingle, sdot)
    line("numpy   single vs engine exact via int8 bound", peer.numpySingle, bounded)
    line("faiss   single vs engine exact via int8 bound", peer.faissSingle, bounded)
    line("numpy   batch64      ", peer.numpyBatch, batched)
    line("faiss   batch64      ", peer.faissBatch, batched)
    line("numpy   single vs engine int8+rescore", peer.numpySingle, compressed)
    line("faiss   single vs engine int8+rescore", peer.faissSingle, compressed)
    if let ids = peer.faissIDs {
        let agree = zip(ids, engine.exact).filter { Set($0.0) == Set($0.1.map(Int.init)) }.count
        print("  same top-10 set as faiss: \(agree)/\(ids.count) queries")
    }
}

private func measureEngine(_ index: FlatVectorIndex, _ sdotIndex: FlatVectorIndex, _ queryRows: [[Float]], into samples: inout EngineSamples) throws {
    let k = 10, batch = 64
    _ = try queryRows.prefix(3).map { try index.search(query: $0, k: k) }  // warm-up
    var exact: [[Int32]] = []
    for q in queryRows {
        let t = DispatchTime.now()
        let result = try index.search(query: q, k: k)
        samples.single.append(ms(since: t))
        exact.append(result.map(\.id))
    }
    samples.exact = exact
    for q in queryRows {
        let t = DispatchTime.now()
        _ = try sdotIndex.search(query: q, k: k)
        samples.singleSdot.append(ms(since: t))
    }
    var start = 0
    while start + batch <= queryRows.count {
        let t = DispatchTime.now()
        _ = try index.search(queries: Array(queryRows[start..<start + batch]), k: k)
        samples.batched.append(ms(since: t) / Double(batch))
        start += batch
    }
    for (j, q) in queryRows.enumerated() {
        let t = DispatchTime.now()
        let result = try index.searchCompressed(query: q, k: k)
        samples.compressed.append(ms(since: t))
        samples.hits += Set(result.map(\.id)).intersection(exact[j]).count
        samples.asked += k
    }
    for (j, q) in queryRows.enumerated() {
        let t = DispatchTime.now()
        let (result, rescored) = try index.searchCompressedExactCounting(query: q, k: k)
        samples.compressedExact.append(ms(since: t))
        samples.rescored.append(Double(rescored))
        if Set(result.map(\.id)) == Set(exact[j]) { samples.exactAgree += 1 }
    }
    let filter = RowSet(capacity: index.count, rows: stride(from: 0, to: index.count, by: 10))
    for q in queryRows {
        let t = DispatchTime.now()
        _ = try index.search(query: q, k: k, filter: filter)
        samples.filtered.append(ms(since: t))
    }
}

private func ms(since start: DispatchTime) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
}


private func f3(_ x: Double) -> String { String(format: "%.3f", x) }

/// `--embedding`: time the taxonomy skill vectors and related-skill precomputation at ESCO-like
/// scale (14,000 skills under 700 parents, 1,000 occupation profiles of 30 skills).
func runSkillEmbeddingTiming(dimension: Int, seed: UInt64) throws {
    var rng = SeededGenerator(seed: seed)
    let skills = 14_000, parents = 700
    let hierarchy = (parents..<skills).map { (child: Int32($0), parent: Int32($0 % parents)) }
    let occupations = (0..<1_000).map { _ -> [Int32] in
        let family = Int.random(in: 0..<parents, using: &rng)
        return (0..<30).map { _ in
            let parent = Bool.random(using: &rng) ? family : Int.random(in: 0..<parents, using: &rng)
            return Int32(parent + parents * Int.random(in: 1..<skills / parents, using: &rng))
        }
    }
    let start = DispatchTime.now()
    let matrix = try SkillEmbeddingBuilder.build(
        skillCount: skills, hierarchy: hierarchy, groups: [], cooccurrence: occupations, dimension: dimension, seed: seed)
    let built = ms(since: start)
    let vectors = try SkillVectors(matrix: matrix)
    let simStart = DispatchTime.now()
    let similarity = try SkillSimilarity(vectors: vectors, hierarchy: hierarchy, groups: [])
    let related = ms(since: simStart)
    let withRelated = (0..<Int32(skills)).filter { !similarity.related(to: $0).isEmpty }.count
    print("skill vectors: \(skills) skills × \(dimension) built in \(f3(built)) ms; related-skill lists in \(f3(related)) ms (\(withRelated) skills have related skills)")
}
