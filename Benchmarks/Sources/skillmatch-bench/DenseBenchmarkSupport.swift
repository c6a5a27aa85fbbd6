// Options, seeded corpus and the Python peer runner for DenseBenchmark.swift.
import Foundation
import SkillsTestSupport
import SkillsVectors

struct DenseBenchmarkOptions {
    var rows = 100_000
    var dimension = 384
    var queries = 200
    var seed: UInt64 = 1
    var shapes = ["random", "clustered"]
    var python: String?
    var usePeer = true
    var rounds = 2
    var embedding = false
    var escoDirectory: String?
    var block = FlatVectorIndex.defaultBlockRows

    init(_ arguments: [String]) throws {
        var it = arguments.makeIterator()
        func value(_ flag: String) throws -> String {
            guard let v = it.next() else { throw DenseBenchmarkError("\(flag) needs a value") }
            return v
        }
        func int(_ flag: String, _ range: ClosedRange<Int>) throws -> Int {
            let text = try value(flag)
            guard let n = Int(text), range.contains(n) else { throw DenseBenchmarkError("\(flag) must be an integer in \(range), got \(text)") }
            return n
        }
        while let flag = it.next() {
            switch flag {
            case "--rows": rows = try int(flag, 1...10_000_000)
            case "--dim": dimension = try int(flag, 1...4096)
            case "--queries": queries = try int(flag, 1...100_000)
            case "--seed": seed = UInt64(try int(flag, 0...Int.max))
            case "--shape":
                let s = try value(flag)
                guard ["random", "clustered", "both"].contains(s) else { throw DenseBenchmarkError("--shape is random, clustered or both") }
                shapes = s == "both" ? ["random", "clustered"] : [s]
            case "--rounds": rounds = try int(flag, 1...100)
            case "--block": block = try int(flag, 1...1 << 20)
            case "--python": python = try value(flag)
            case "--no-peer": usePeer = false
            case "--embedding": embedding = true
            case "--esco": escoDirectory = try value(flag)
            default: throw DenseBenchmarkError("unknown option \(flag)")
            }
        }
    }

    /// The explicit interpreter, or the venv made by setup-dense-peer.sh when it exists.
    static func findPeerPython(_ explicit: String?) -> String? {
        let candidates = [explicit, ProcessInfo.processInfo.environment["SKILLMATCH_DENSE_PYTHON"],
                          NSHomeDirectory() + "/.cache/skillmatch/dense-peer-venv/bin/python"]
        return candidates.compactMap { $0 }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

struct DenseBenchmarkError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}

enum DenseCorpus {
    /// Base rows and queries of one shape, deterministic for a seed.
    static func make(shape: String, rows: Int, dimension d: Int, queries nq: Int, rng: inout SeededGenerator)
        -> (VectorMatrix, VectorMatrix)
    {
        func uniform(_ count: Int) -> [Float] { (0..<count).map { _ in Float.random(in: -1...1, using: &rng) } }
        if shape == "random" {
            return (try! VectorMatrix(dimension: d, values: uniform(rows * d)),
                    try! VectorMatrix(dimension: d, values: uniform(nq * d)))
        }
        let centres = (0..<256).map { _ in uniform(d) }
        func clustered(_ count: Int) -> VectorMatrix {
            var values = [Float]()
            values.reserveCapacity(count * d)
            for _ in 0..<count {
                let centre = centres[Int.random(in: 0..<centres.count, using: &rng)]
                for x in centre {
                    // Sum of two uniforms: a cheap bell-shaped spread around the centre.
                    values.append(x + 0.35 * (Float.random(in: -1...1, using: &rng) + Float.random(in: -1...1, using: &rng)))
                }
            }
            var m = try! VectorMatrix(dimension: d, values: values)
            m.normalizeRows()
            return m
        }
        return (clustered(rows), clustered(nq))
    }
}

/// Samples reported by dense_peer.py, pooled over rounds.
struct DensePeer {
    var blas = ""
    var numpySingle: [Double] = [], numpyBatch: [Double] = []
    var faissSingle: [Double] = [], faissBatch: [Double] = []
    var faissIDs: [[Int]]?

    mutating func merge(_ other: DensePeer) {
        blas = other.blas
        numpySingle += other.numpySingle
        numpyBatch += other.numpyBatch
        faissSingle += other.faissSingle
        faissBatch += other.faissBatch
        faissIDs = other.faissIDs ?? faissIDs
    }

    /// Writes both matrices to temporary files and runs the peer on them with one thread. The
    /// OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE overrides are removed for this command only, so NumPy's
    /// current OpenBLAS picks its own kernel (the peer reports which).
    static func run(python: String, base: VectorMatrix, queries: VectorMatrix, k: Int, batch: Int) throws -> DensePeer {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("skillmatch-dense-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let baseURL = dir.appendingPathComponent("base.f32"), queryURL = dir.appendingPathComponent("queries.f32")
        try base.withUnsafeBufferPointer { try Data(buffer: $0).write(to: baseURL) }
        try queries.withUnsafeBufferPointer { try Data(buffer: $0).write(to: queryURL) }

        let script = FixturePaths.packageRoot.appendingPathComponent("Benchmarks/peers/dense_peer.py").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script, "--base", baseURL.path, "--queries", queryURL.path, "--dim", "\(base.dimension)",
                             "--k", "\(k)", "--batch", "\(batch)"]
        var environment = ProcessInfo.processInfo.environment
        environment["OPENBLAS_CORETYPE"] = nil
        environment["OPENBLAS_L2_SIZE"] = nil
        environment["OMP_NUM_THREADS"] = "1"
        environment["OPENBLAS_NUM_THREADS"] = "1"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
              let json = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { throw DenseBenchmarkError("peer failed with status \(process.terminationStatus)") }
        func times(_ key: String) -> [Double] { (json[key] as? [String: Any])?["times"] as? [Double] ?? [] }
        let blas = (json["blas"] as? [[String: Any]] ?? []).map { info in
            ["internal_api", "version", "architecture"].compactMap { info[$0].map { "\($0)" } }.joined(separator: " ")
        }.joined(separator: "; ")
        return DensePeer(
            blas: blas,
            numpySingle: times("numpy_single"), numpyBatch: times("numpy_batch"),
            faissSingle: times("faiss_single"), faissBatch: times("faiss_batch"),
            faissIDs: (json["faiss_single"] as? [String: Any])?["ids"] as? [[Int]])
    }
}
