// Storage benchmark: throughput of the SQLite system of record and ingest queue.
//
// Measures, on a fresh WAL database per round (median of --rounds):
//   enqueue rows/s      100k ~1 KB payloads in tasks of --batch items (synchronous=FULL per task),
//                       and in tasks of 10 items (what many small POSTs cost: one fsync each);
//   claim+complete/s    one worker claiming --batch items and completing them in one transaction;
//   upsert rows/s       entities with a ~1 KB JSON document, a 300-byte profile and a 384-float
//                       vector, --batch per transaction;
//   scan rows/s         EntityStore.scan of every live entity (profile + vector, then all fields),
//                       beside Python's sqlite3 module reading the same rows from the same file
//                       (Benchmarks/peers/storage_scan_peer.py) when python3 is on the PATH;
//   multi-process       --processes child processes claim from one file at once; the parent
//                       checks that every item was completed exactly once.
// Corpus: synthetic, seeded (SeededGenerator), generated in memory.
// Run: swift build -c release --product skillmatch-bench &&
//      .build/release/skillmatch-bench storage [--items 100000] [--batch 1000] [--rounds 3] [--processes 2]
import Foundation
import SkillsStorage
import SkillsTestSupport

func runStorageBenchmark(_ arguments: [String]) throws {
    if arguments.first == "--claimer" {
        return try runStorageClaimer(Array(arguments.dropFirst()))
    }
    let options = try StorageBenchmarkOptions(arguments)
    print("storage benchmark: \(options.items) items, batch \(options.batch), \(options.rounds) rounds, "
          + "\(options.processes) processes")
    var figures: [String: [Double]] = [:]
    for round in 1...options.rounds {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("skillmatch-storage-bench-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try SQLiteDatabase(path: folder.appendingPathComponent("bench.sqlite").path)
        let connection = try database.connect()
        var rng = SeededGenerator(seed: UInt64(round))
        let payloads = (0..<options.items).map { i in benchmarkPayload(i, using: &rng) }

        let queue = try IngestQueue(connection)
        figures["enqueue", default: []].append(try rate(options.items) {
            for start in stride(from: 0, to: payloads.count, by: options.batch) {
                _ = try queue.enqueue(taskFormat: "jobposting", source: "bench",
                                      payloads: Array(payloads[start..<min(payloads.count, start + options.batch)]))
            }
        })
        let smallTasks = min(options.items, 5_000)
        figures["enqueue10", default: []].append(try rate(smallTasks) {
            for start in stride(from: 0, to: smallTasks, by: 10) {
                _ = try queue.enqueue(taskFormat: "jobposting", source: "bench",
                                      payloads: Array(payloads[start..<min(smallTasks, start + 10)]))
            }
        })
        let total = options.items + smallTasks
        figures["claim", default: []].append(try rate(total) {
            var completed = 0
            while completed < total {
                let items = try queue.claim(worker: "bench", limit: options.batch, leaseSeconds: 60)
                if items.isEmpty { throw StorageBenchmarkError("queue ran dry after \(completed) items") }
                try connection.write { _ = try queue.complete(items.map(\.id), outcome: .done) }
                completed += items.count
            }
        })

        let entities = EntityStore(connection)
        let profile = Data((0..<300).map { _ in UInt8.random(in: 0...255, using: &rng) })
        let vector = VectorBlob.data((0..<384).map { _ in Float.random(in: -1...1, using: &rng) })
        let inputs = payloads.enumerated().map { i, payload in
            EntityInput(kind: "job", id: "job-\(i)", source: "bench", externalID: "x\(i)", document: payload,
                        profile: profile, vector: vector, contentHash: "h\(i)")
        }
        figures["upsert", default: []].append(try rate(options.items) {
            for start in stride(from: 0, to: inputs.count, by: options.batch) {
                _ = try entities.upsert(Array(inputs[start..<min(inputs.count, start + options.batch)]))
            }
        })
        var bytes = 0
        figures["scanPV", default: []].append(try rate(options.items) {
            let seen = try entities.scan(kind: "job", fields: [.profile, .vector]) { bytes &+= $0.vector?.count ?? 0 }
            if seen != options.items { throw StorageBenchmarkError("scan saw \(seen) of \(options.items) rows") }
        })
        figures["scanAll", default: []].append(try rate(options.items) {
            try entities.scan(kind: "job") { bytes &+= $0.document?.count ?? 0 }
        })
        if let peer = try pythonScanPeer(database.path, expected: options.items) {
            figures["peerScanPV", default: []].append(peer)
        }
        connection.close()

        if options.processes > 0 {
            figures["multiprocess", default: []].append(try multiProcessClaim(database, options: options, payloads: payloads))
        }
        print("  round \(round) done")
    }
    func report(_ key: String, _ label: String) {
        guard let values = figures[key], !values.isEmpty else { return }
        print(label.padding(toLength: 48, withPad: " ", startingAt: 0)
              + String(format: "%10.0f rows/s (median of %d)", median(values), values.count))
    }
    report("enqueue", "enqueue, \(options.batch) per task (FULL)")
    report("enqueue10", "enqueue, 10 per task (FULL)")
    report("claim", "claim + complete, \(options.batch) per claim")
    report("upsert", "entity upsert, \(options.batch) per transaction")
    report("scanPV", "scan profile + vector")
    report("scanAll", "scan all fields")
    report("peerScanPV", "python sqlite3 scan profile + vector (peer)")
    if let ours = figures["scanPV"], let peer = figures["peerScanPV"] {
        print("scan ratio skillmatch / python sqlite3".padding(toLength: 48, withPad: " ", startingAt: 0)
              + String(format: "%10.2fx", median(ours) / median(peer)))
    }
    report("multiprocess", "claim + complete, \(options.processes) processes")
}

struct StorageBenchmarkError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

struct StorageBenchmarkOptions {
    var items = 100_000
    var batch = 1_000
    var rounds = 3
    var processes = 2

    init(_ arguments: [String]) throws {
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            guard let text = rest.popFirst(), let value = Int(text), value >= 0 else {
                throw StorageBenchmarkError("\(flag) needs a non-negative integer")
            }
            switch flag {
            case "--items": items = max(value, 1)
            case "--batch": batch = max(value, 1)
            case "--rounds": rounds = max(value, 1)
            case "--processes": processes = value
            default: throw StorageBenchmarkError("unknown option \(flag) (use --items, --batch, --rounds, --processes)")
            }
        }
    }
}

/// A JSON line of about 1 KB, like a job posting.
func benchmarkPayload(_ i: Int, using rng: inout SeededGenerator) -> Data {
    let words = ["python", "sql", "welding", "nursing", "logistics", "forklift", "customer", "service", "java",
                 "accounting", "electrical", "safety", "scheduling", "excel", "patient", "care"]
    let text = (0..<140).map { _ in words[Int.random(in: 0..<words.count, using: &rng)] }.joined(separator: " ")
    return Data("{\"@type\":\"JobPosting\",\"identifier\":\"job-\(i)\",\"title\":\"Job \(i)\",\"description\":\"\(text)\"}".utf8)
}

private func rate(_ rows: Int, _ body: () throws -> Void) throws -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    return Double(rows) / max(seconds, 1e-9)
}


/// Enqueues the payloads again, then lets `processes` child processes drain the queue; checks that
/// every item was completed exactly once and returns the combined rows/s.
private func multiProcessClaim(_ database: SQLiteDatabase, options: StorageBenchmarkOptions, payloads: [Data]) throws -> Double {
    let connection = try database.connect()
    defer { connection.close() }
    let queue = try IngestQueue(connection)
    for start in stride(from: 0, to: payloads.count, by: options.batch) {
        _ = try queue.enqueue(taskFormat: "jobposting", source: "bench-mp",
                              payloads: Array(payloads[start..<min(payloads.count, start + options.batch)]))
    }
    let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    var children: [(Process, Pipe)] = []
    var outputs = [Data](repeating: Data(), count: options.processes)
    let rows = try rate(payloads.count) {
        for worker in 0..<options.processes {
            let process = Process()
            process.executableURL = executable
            process.arguments = ["storage", "--claimer", database.path, "proc\(worker)", String(min(options.batch, 100))]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            children.append((process, pipe))
        }
        for (index, (process, pipe)) in children.enumerated() {
            outputs[index] = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            if process.terminationStatus != 0 {
                throw StorageBenchmarkError("claimer \(index) exited with \(process.terminationStatus)")
            }
        }
    }
    var counts: [Int64: Int] = [:]
    for output in outputs {
        for line in String(decoding: output, as: UTF8.self).split(separator: "\n") {
            if let id = Int64(line) { counts[id, default: 0] += 1 }
        }
    }
    let depth = try queue.depth()
    guard counts.count == payloads.count, counts.values.allSatisfy({ $0 == 1 }), depth.pending + depth.processing == 0 else {
        throw StorageBenchmarkError("multi-process claim: \(counts.count) distinct items of \(payloads.count), "
                                    + "\(counts.values.filter { $0 > 1 }.count) completed twice, depth \(depth)")
    }
    let perProcess = outputs.map { String(decoding: $0, as: UTF8.self).split(separator: "\n").count }
    print("  multi-process: \(payloads.count) items completed exactly once, per process \(perProcess)")
    return rows
}

/// Child mode: claim and complete until the queue is empty, printing each completed item id.
private func runStorageClaimer(_ arguments: [String]) throws {
    guard arguments.count == 3, let limit = Int(arguments[2]) else {
        throw StorageBenchmarkError("usage: storage --claimer DB WORKER LIMIT")
    }
    let connection = try SQLiteDatabase(path: arguments[0]).connect()
    let queue = try IngestQueue(connection)
    var out = ""
    while true {
        let items = try queue.claim(worker: arguments[1], limit: limit, leaseSeconds: 120)
        if items.isEmpty { break }
        let done = try queue.complete(items.map(\.id), outcome: .done)
        if done != items.count { throw StorageBenchmarkError("completed \(done) of \(items.count) claimed items") }
        for item in items { out += "\(item.id)\n" }
    }
    FileHandle.standardOutput.write(Data(out.utf8))
}

/// Python's sqlite3 reading the same rows (the peer), in rows/s; nil when python3 is missing.
private func pythonScanPeer(_ path: String, expected: Int) throws -> Double? {
    let script = FixturePaths.packageRoot.appendingPathComponent("Benchmarks/peers/storage_scan_peer.py")
    guard FileManager.default.fileExists(atPath: script.path) else { return nil }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", script.path, path, "job"]
    let pipe = Pipe()
    process.standardOutput = pipe
    do { try process.run() } catch { return nil }
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let fields = String(decoding: output, as: UTF8.self).split(separator: " ")
    guard process.terminationStatus == 0, fields.count == 2, let rows = Int(fields[0]), let seconds = Double(fields[1].trimmingCharacters(in: .whitespacesAndNewlines)) else {
        return nil
    }
    if rows != expected { throw StorageBenchmarkError("python peer saw \(rows) rows, expected \(expected)") }
    return Double(rows) / max(seconds, 1e-9)
}
