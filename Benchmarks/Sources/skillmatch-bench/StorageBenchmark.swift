// Storage benchmark: throughput of the SQLite system of record and ingest queue.
//
// Measures, on a fresh WAL database per round (median of --rounds):
//   enqueue rows/s      100k ~1 KB payloads in tasks of --batch items (synchronous=FULL per task),
//                       and in tasks of 10 items (what many small POSTs cost: one fsync each);
//   claim+complete/s    one worker claiming --batch items and completing them in one transaction;
//   content hash/s      EntityInput.defaultContentHash (pure-Swift SHA-256) over those entities;
//   upsert rows/s       entities with a ~1 KB JSON document, a 300-byte profile and a 384-float
//                       vector, --batch per transaction;
//   scan rows/s         (median of 3 passes) EntityStore.scan of every live entity (profile + vector, then all fields;
//                       scanBuffers copying vectors straight into one [Float]),
//                       beside Python's sqlite3 module reading the same rows from the same file
//                       (Benchmarks/peers/storage_peer.py) when python3 is on the PATH; the
//                       peer also runs the same upsert statements for an upsert ratio;
//   multi-process       --processes child processes claim from one file at once; the parent
//                       checks that every item was completed exactly once.
//   crash check         --crash-rounds times, a child enqueuing tasks of 100 items is SIGKILLed at
//                       a random moment; every task it had acknowledged must be there, whole.
// Corpus: synthetic, seeded (SeededGenerator), generated in memory.
// Run: swift build -c release --product skillmatch-bench &&
//      .build/release/skillmatch-bench storage [--items 100000] [--batch 1000] [--rounds 3] [--processes 2]
//      [--crash-rounds 5]
import Foundation
import SkillsStorage
import SkillsTestSupport

func runStorageBenchmark(_ arguments: [String]) throws {
    if arguments.first == "--claimer" {
        return try runStorageClaimer(Array(arguments.dropFirst()))
    }
    if arguments.first == "--enqueuer" {
        return try runStorageEnqueuer(Array(arguments.dropFirst()))
    }
    let options = try StorageBenchmarkOptions(arguments)
    print("storage benchmark: \(options.items) items, batch \(options.batch), \(options.rounds) rounds, "
          + "\(options.processes) processes")
    var figures: [String: [Double]] = [:]
    func record(_ key: String, _ rate: Rate) {
        figures[key, default: []].append(rate.wall)
        if let cpu = rate.cpu { figures[key + ".cpu", default: []].append(cpu) }
    }
    for round in 1...options.rounds {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("skillmatch-storage-bench-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try SQLiteDatabase(path: folder.appendingPathComponent("bench.sqlite").path)
        let connection = try database.connect()
        var rng = SeededGenerator(seed: UInt64(round))
        let payloads = (0..<options.items).map { i in benchmarkPayload(i, using: &rng) }

        let queue = try IngestQueue(connection)
        record("enqueue", try rate(options.items) {
            for start in stride(from: 0, to: payloads.count, by: options.batch) {
                _ = try queue.enqueue(taskFormat: "jobposting", source: "bench",
                                      payloads: Array(payloads[start..<min(payloads.count, start + options.batch)]))
            }
        })
        let smallTasks = min(options.items, 5_000)
        record("enqueue10", try rate(smallTasks) {
            for start in stride(from: 0, to: smallTasks, by: 10) {
                _ = try queue.enqueue(taskFormat: "jobposting", source: "bench",
                                      payloads: Array(payloads[start..<min(smallTasks, start + 10)]))
            }
        })
        let total = options.items + smallTasks
        record("claim", try rate(total) {
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
        var hashes = 0
        record("contentHash", try rate(options.items) {
            for input in inputs { hashes &+= EntityInput(kind: "job", id: input.id, document: input.document,
                                                          profile: input.profile, vector: input.vector).defaultContentHash.count }
        })
        record("upsert", try rate(options.items) {
            for start in stride(from: 0, to: inputs.count, by: options.batch) {
                _ = try entities.upsert(Array(inputs[start..<min(inputs.count, start + options.batch)]))
            }
        })
        var bytes = 0
        record("scanPV", try medianOfThree { try rate(options.items) {
            let seen = try entities.scan(kind: "job", fields: [.profile, .vector]) { bytes &+= $0.vector?.count ?? 0 }
            if seen != options.items { throw StorageBenchmarkError("scan saw \(seen) of \(options.items) rows") }
        } })
        var floats = [Float]()
        floats.reserveCapacity(options.items * 384)
        record("scanBuffers", try medianOfThree { try rate(options.items) {
            floats.removeAll(keepingCapacity: true)
            try entities.scanBuffers(kind: "job", fields: [.profile, .vector]) { row in
                if let vector = row.vector { try VectorBlob.append(vector, to: &floats) }
            }
        } })
        record("scanAll", try medianOfThree { try rate(options.items) {
            try entities.scan(kind: "job") { bytes &+= $0.document?.count ?? 0 }
        } })
        let documentBytes = payloads.reduce(0) { $0 + $1.count } / payloads.count
        if let peer = try pythonPeer(["upsert", database.path, "\(options.items)", "\(options.batch)", "\(documentBytes)"],
                                     expected: options.items) {
            record("peerUpsert", peer)
        }
        if let peer = try pythonPeer(["scan", database.path, "job"], expected: options.items) {
            record("peerScanPV", peer)
        }
        connection.close()

        if options.processes > 0 {
            record("multiprocess", try multiProcessClaim(database, options: options, payloads: payloads))
        }
        print("  round \(round) done")
    }
    func report(_ key: String, _ label: String) {
        guard let values = figures[key], !values.isEmpty else { return }
        var line = label.padding(toLength: 48, withPad: " ", startingAt: 0)
            + String(format: "%10.0f rows/s", median(values))
        if let cpu = figures[key + ".cpu"], !cpu.isEmpty { line += String(format: "  %10.0f rows/CPU-s", median(cpu)) }
        print(line + "  (median of \(values.count))")
    }
    func ratio(_ ours: String, _ peer: String, _ label: String) {
        guard let wall = figures[ours], let peerWall = figures[peer], !wall.isEmpty, !peerWall.isEmpty else { return }
        var line = label.padding(toLength: 48, withPad: " ", startingAt: 0)
            + String(format: "%10.2fx wall", median(wall) / median(peerWall))
        if let cpu = figures[ours + ".cpu"], let peerCPU = figures[peer + ".cpu"], !cpu.isEmpty, !peerCPU.isEmpty {
            line += String(format: "  %10.2fx CPU", median(cpu) / median(peerCPU))
        }
        print(line)
    }
    report("enqueue", "enqueue, \(options.batch) per task (FULL)")
    report("enqueue10", "enqueue, 10 per task (FULL)")
    report("claim", "claim + complete, \(options.batch) per claim")
    report("contentHash", "default content hash (SHA-256 of ~2.9 KB)")
    report("upsert", "entity upsert, \(options.batch) per transaction")
    report("peerUpsert", "python sqlite3 upsert, same rows (peer)")
    ratio("upsert", "peerUpsert", "upsert ratio skillmatch / python sqlite3")
    report("scanPV", "scan profile + vector")
    report("scanBuffers", "scanBuffers profile + vector into one [Float]")
    report("scanAll", "scan all fields")
    report("peerScanPV", "python sqlite3 scan profile + vector (peer)")
    ratio("scanPV", "peerScanPV", "scan ratio skillmatch / python sqlite3")
    report("multiprocess", "claim + complete, \(options.processes) processes")
    if options.crashRounds > 0 { try crashCheck(rounds: options.crashRounds) }
}

/// Kills an enqueuing child process with SIGKILL at random moments; after each kill, every task
/// whose id the child printed (that is, whose `enqueue` had returned) must be in the file whole.
private func crashCheck(rounds: Int) throws {
    var rng = SeededGenerator(seed: 2026)
    var acknowledgedTotal = 0
    for round in 1...rounds {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("skillmatch-crash-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try SQLiteDatabase(path: folder.appendingPathComponent("crash.sqlite").path)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        process.arguments = ["storage", "--enqueuer", database.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        usleep(UInt32.random(in: 200_000...1_200_000, using: &rng))
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let acknowledged = output.split(separator: "\n", omittingEmptySubsequences: false).dropLast().compactMap { Int64($0) }
        let connection = try database.connect()
        defer { connection.close() }
        let integrity = try connection.withStatement("PRAGMA integrity_check") { try $0.step() ? $0.text(0) : "" }
        let queue = try IngestQueue(connection)
        for id in acknowledged {
            guard let task = try queue.task(id: id, errorLimit: 0), task.counts.received == 100, task.counts.pending == 100
            else { throw StorageBenchmarkError("crash round \(round): acknowledged task \(id) is missing or incomplete") }
        }
        guard integrity == "ok" else { throw StorageBenchmarkError("crash round \(round): integrity_check says \(integrity)") }
        acknowledgedTotal += acknowledged.count
        print("  crash round \(round): killed after \(acknowledged.count) acknowledged tasks; all present, integrity ok")
    }
    print("crash check: \(rounds) SIGKILLs, \(acknowledgedTotal) acknowledged tasks of 100 items, none lost")
}

/// Child mode: enqueue tasks of 100 items forever, printing each task id once `enqueue` returned.
private func runStorageEnqueuer(_ arguments: [String]) throws {
    guard arguments.count == 1 else { throw StorageBenchmarkError("usage: storage --enqueuer DB") }
    let queue = try IngestQueue(try SQLiteDatabase(path: arguments[0]).connect())
    var rng = SeededGenerator(seed: 1)
    let payloads = (0..<100).map { benchmarkPayload($0, using: &rng) }
    while true {
        let id = try queue.enqueue(taskFormat: "jobposting", source: "crash", payloads: payloads)
        FileHandle.standardOutput.write(Data("\(id)\n".utf8))
    }
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
    var crashRounds = 5

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
            case "--crash-rounds": crashRounds = value
            default:
                throw StorageBenchmarkError("unknown option \(flag) (use --items, --batch, --rounds, --processes, --crash-rounds)")
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

/// Rows per second of `body`: wall clock, and CPU time of this thread (the shared machine's load
/// inflates wall time, not the work done; only meaningful for single-threaded phases).
struct Rate {
    var wall: Double
    var cpu: Double?
}

private func rate(_ rows: Int, cpu: Bool = true, _ body: () throws -> Void) throws -> Rate {
    let start = DispatchTime.now().uptimeNanoseconds
    let cpuStart = threadCPUSeconds()
    try body()
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let cpuSeconds = threadCPUSeconds() - cpuStart
    return Rate(wall: Double(rows) / max(seconds, 1e-9), cpu: cpu ? Double(rows) / max(cpuSeconds, 1e-9) : nil)
}

/// Runs a measurement three times and keeps the pass with the median wall rate.
private func medianOfThree(_ measure: () throws -> Rate) rethrows -> Rate {
    let passes = try (0..<3).map { _ in try measure() }.sorted { $0.wall < $1.wall }
    return passes[1]
}


/// Enqueues the payloads again, then lets `processes` child processes drain the queue; checks that
/// every item was completed exactly once and returns the combined rows/s.
private func multiProcessClaim(_ database: SQLiteDatabase, options: StorageBenchmarkOptions, payloads: [Data]) throws -> Rate {
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
    let rows = try rate(payloads.count, cpu: false) {
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

/// Runs `Benchmarks/peers/storage_peer.py` with `arguments` and returns its rates; nil when python3
/// or the script is missing. Throws when the peer saw another row count.
private func pythonPeer(_ arguments: [String], expected: Int) throws -> Rate? {
    let script = FixturePaths.packageRoot.appendingPathComponent("Benchmarks/peers/storage_peer.py")
    guard FileManager.default.fileExists(atPath: script.path) else { return nil }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", script.path] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    do { try process.run() } catch { return nil }
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let fields = String(decoding: output, as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\n" })
    guard process.terminationStatus == 0, fields.count == 3, let rows = Int(fields[0]), let seconds = Double(fields[1]),
          let cpuSeconds = Double(fields[2])
    else { return nil }
    if rows != expected { throw StorageBenchmarkError("python peer saw \(rows) rows, expected \(expected)") }
    return Rate(wall: Double(rows) / max(seconds, 1e-9), cpu: Double(rows) / max(cpuSeconds, 1e-9))
}
