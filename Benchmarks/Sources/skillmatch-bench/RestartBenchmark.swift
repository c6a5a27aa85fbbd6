// Restart benchmark: how long a process with N jobs (+ candidates) in its SQLite data folder takes
// until its index answers, by rebuilding from SQLite and from the index snapshot file.
//
// What's measured:
//   - populating the data folder: the engine's stored form of each entity (`EntityCodec` JSON,
//     encoded on 2 threads) upserted into SQLite in transactions of 10,000 (not timed as a target);
//   - restart without a snapshot file, in a fresh child process (this executable, `restart --open
//     DIR --no-snapshot --save`): seconds until `Engine(configuration:)` returns and a match query
//     answers (taxonomy load included), the index part alone (scan + JSON decode + index build),
//     the RSS per entity of the ready process; then `Engine.saveSnapshot()` (what `serve` does on
//     shutdown): seconds and file size;
//   - restart from the snapshot file, in another fresh child: the same figures;
//   - both children must return the same top-10 (ids and scores) for 20 sample match requests.
// RSS includes the taxonomy, extractor and SQLite cache, so it is an upper bound of the index's share.
// Corpus: SyntheticCorpus (SkillsTestSupport), as the engine benchmark: jobs, candidates = jobs / 5,
//   skill indices within the shipped taxonomy.
// Run: swift build -c release --product skillmatch-bench
//      .build/release/skillmatch-bench restart [--jobs 100000|1000000] [--candidates N] [--dir DIR (kept)] [--reuse-snapshot]
import Dispatch
import Foundation
import SkillsCore
import SkillsEngine
import SkillsIndex
import SkillsRanking
import SkillsStorage
import SkillsTaxonomy
import SkillsTestSupport

func runRestartBenchmark(_ arguments: [String]) throws {
    func option(_ name: String) -> String? {
        guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
        return arguments[i + 1]
    }
    if let directory = option("--open") {
        try restartChild(directory: directory, save: arguments.contains("--save"))
        return
    }
    let jobs = option("--jobs").flatMap(Int.init) ?? 100_000
    let candidates = option("--candidates").flatMap(Int.init) ?? max(1_000, jobs / 5)
    let directory = option("--dir").map { URL(fileURLWithPath: $0) }
        ?? FileManager.default.temporaryDirectory.appendingPathComponent("skillmatch-bench-restart-\(getpid())")
    let keep = option("--dir") != nil
    let total = jobs + candidates
    defer { if !keep { try? FileManager.default.removeItem(at: directory) } }
    let database = directory.appendingPathComponent("skillmatch.sqlite")
    if keep, FileManager.default.fileExists(atPath: database.path) {
        print("restart: reusing \(directory.path)")
    } else {
        try? FileManager.default.removeItem(at: directory)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        print("restart: \(jobs) jobs, \(candidates) candidates into \(directory.path)")
        let populate = DispatchTime.now()
        try restartPopulate(database: database.path, jobs: jobs, candidates: candidates)
        print(String(format: "restart.populate: %.1f s (%.0f rows/s)", engineSeconds(since: populate), Double(total) / engineSeconds(since: populate)))
    }
    // `--reuse-snapshot` (with `--dir`): keep the snapshot file an earlier run wrote and time only
    // the restart from it (a 1M rebuild from SQLite takes many minutes).
    let reuse = keep && arguments.contains("--reuse-snapshot")
        && FileManager.default.fileExists(atPath: directory.appendingPathComponent("index.snapshot").path)
    if !reuse { try? FileManager.default.removeItem(at: directory.appendingPathComponent("index.snapshot")) }
    var answers: [[String]] = []
    for snapshots in reuse ? [true] : [false, true] {
        let result = try restartRunChild(directory: directory.path, save: !snapshots)
        let label = snapshots ? "from_snapshot" : "rebuild_from_sqlite"
        print(String(format: "restart.%@: ready in %.2f s wall, %.2f CPU-s (index %.2f s wall, %@), RSS %.0f bytes per entity (%.0f MB)",
                     label, result.readySeconds, result.readyCPUSeconds, result.indexSeconds, result.source,
                     result.rssBytes / Double(total), result.rssBytes / 1e6))
        if let startup = result.startup { print("restart.\(label).parts: \(startup)") }
        if let reason = result.reason, snapshots { print("restart.\(label): snapshot not used: \(reason)") }
        if let saved = result.saved { print("restart.save_snapshot: \(saved)") }
        answers.append(result.answers)
    }
    if answers.count == 2 {
        print("restart.same_top10(rebuild vs snapshot, 20 requests): \(answers[0] == answers[1] ? "yes" : "NO")")
    }
    if answers.count == 2, let i = answers[0].indices.first(where: { answers[0][$0] != answers[1][$0] }) {
        print("restart.first_difference(request \(i)): \(answers[0][i].prefix(200)) vs \(answers[1][i].prefix(200))")
    }
    if jobs >= 1_000_000 { print("restart.target(1M jobs): ready <= 10 s") }
}

/// Writes the entities as the engine stores them, encoding on 2 threads.
func restartPopulate(database path: String, jobs: Int, candidates: Int) throws {
    let taxonomy = try TaxonomyLoader.load(directory: FixturePaths.taxonomies)
    let codec = EntityCodec(taxonomy: taxonomy)
    let corpus = SyntheticCorpus()
    let connection = try SQLiteDatabase(path: path).connect()
    let store = EntityStore(connection)
    let total = jobs + candidates
    final class Box: @unchecked Sendable { var inputs: [EntityInput?] = [] }  // disjoint indices per thread
    for start in stride(from: 0, to: total, by: 10_000) {
        let count = min(total, start + 10_000) - start
        let box = Box()
        box.inputs = Array(repeating: nil, count: count)
        box.inputs.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: 2) { t in
                for k in stride(from: t, to: count, by: 2) {
                    let i = start + k
                    let entity: Entity = i < jobs ? .job(corpus.job(i)) : .candidate(corpus.candidate(i - jobs))
                    var expires: Date?
                    if case .job(let job) = entity { expires = job.expiresOn }
                    slots[k] = EntityInput(
                        kind: entity.kind.rawValue, id: entity.id, source: "bench", externalID: entity.id,
                        document: try! codec.encodeForStorage(entity), expiresAt: expires)
                }
            }
        }
        _ = try store.upsert(box.inputs.map { $0! })
    }
}

func restartConfiguration(_ directory: String) -> EngineConfiguration {
    EngineConfiguration(
        dataDirectory: directory, taxonomyDirectory: FixturePaths.taxonomies.path,
        configDirectory: FixturePaths.packageRoot.appendingPathComponent("Config").path)
}

func restartSampleRequests(jobs: Int, candidates: Int) -> [MatchRequest] {
    (0..<20).map { i in
        i % 2 == 0
            ? MatchRequest(source: EntityKey(.candidate, "cand-\(i * 7_919 % candidates)"), direction: .candidateToJobs, limit: 10)
            : MatchRequest(source: EntityKey(.job, "job-\(i * 104_729 % jobs)"), direction: .jobToCandidates, limit: 10)
    }
}

/// Top-10 target ids and scores per request, as one comparable string list. Scores are rounded to
/// 9 decimals: a rebuilt index numbers terms in another order, so sums differ in the last bits.
func restartAnswers(_ engine: Engine, _ requests: [MatchRequest]) throws -> [String] {
    try requests.map { request in
        try engine.match(request, asOf: SyntheticCorpus.today).matches
            .map { String(format: "%@=%.9f", $0.target.id, $0.score) }.joined(separator: ",")
    }
}

struct RestartChildResult: Codable {
    var readySeconds: Double
    var indexSeconds: Double
    var source: String
    var reason: String?
    var rssBytes: Double
    /// Process CPU time (user + system) until ready: the wall figure on an idle machine.
    var readyCPUSeconds: Double
    var answers: [String]
    var saved: String?
    /// The engine's start-up parts with their times (``StartupReport/summary``).
    var startup: String?
}

func restartProcessCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

/// Runs this executable as a fresh process that opens the data folder and answers the samples.
func restartRunChild(directory: String, save: Bool) throws -> RestartChildResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
    process.arguments = ["restart", "--open", directory] + (save ? ["--save"] : [])
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw RestartBenchError("restart child exited with \(process.terminationStatus)") }
    return try JSONDecoder().decode(RestartChildResult.self, from: output)
}

struct RestartBenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// The child: open, answer, optionally save the snapshot file, report (JSON on stdout).
func restartChild(directory: String, save: Bool) throws {
    let start = DispatchTime.now()
    // Without a snapshot file (the parent removed it) the engine rebuilds from SQLite.
    let engine = try Engine(configuration: restartConfiguration(directory), now: SyntheticCorpus.today)
    let counts = engine.counts()
    let samples = restartSampleRequests(jobs: counts[.job] ?? 1, candidates: counts[.candidate] ?? 1)
    _ = try engine.match(samples[0], asOf: SyntheticCorpus.today)
    let ready = engineSeconds(since: start)
    let readyCPU = restartProcessCPUSeconds()
    let answers = try restartAnswers(engine, samples)
    let rss = Double(engineResidentBytes())
    var saved: String?
    if save {
        switch engine.saveSnapshot() {
        case .written(let bytes, let seconds):
            saved = String(format: "%.2f s, %.1f MB (%.0f bytes/entity)", seconds, Double(bytes) / 1e6, Double(bytes) / Double(max(1, engine.indexStartup.entities)))
        case .skipped(let reason):
            saved = "skipped: \(reason)"
        }
    }
    let result = RestartChildResult(
        readySeconds: ready, indexSeconds: engine.indexStartup.seconds, source: engine.indexStartup.source.rawValue, reason: engine.indexStartup.reason,
        rssBytes: rss, readyCPUSeconds: readyCPU, answers: answers, saved: saved, startup: engine.startup.summary)
    FileHandle.standardOutput.write(try JSONEncoder().encode(result))
}
