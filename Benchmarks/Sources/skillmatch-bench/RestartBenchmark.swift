// Restart benchmark: how long a process with N jobs (+ candidates) in its SQLite data folder takes
// until its index answers, from the snapshot file and by rebuilding from SQLite.
//
// What's measured:
//   - writing the entities through the engine (`Engine.importEntities`, batches of 10,000: JSON
//     documents into SQLite, then the index and a publish per batch) with the publish (snapshot
//     build) times: count, median, maximum, and the last one at full size;
//   - `Engine.saveSnapshot()` (what `serve` does on shutdown): seconds and file size;
//   - restart in a fresh child process (this executable, `restart --open DIR`): seconds until
//     `Engine(configuration:)` returns and a match query answers (taxonomy load included), the
//     index part alone, and the RSS per entity of the ready process (taxonomy and extractor
//     included, so it is an upper bound of the index's share);
//   - the same restart without the snapshot file (`snapshotMaxAgeDays` 0: rebuild from SQLite,
//     decoding every JSON document), unless `--no-rebuild`;
//   - both restarted processes must return the same top-10 for sample queries as before.
// Corpus: SyntheticCorpus (SkillsTestSupport), as the engine benchmark: jobs, candidates = jobs / 5,
//   skill indices within the shipped taxonomy.
// Run: swift build -c release --product skillmatch-bench
//      .build/release/skillmatch-bench restart [--jobs 100000|1000000] [--candidates N] [--no-rebuild] [--dir DIR]
import Dispatch
import Foundation
import SkillsCore
import SkillsEngine
import SkillsIndex
import SkillsRanking
import SkillsTestSupport

func runRestartBenchmark(_ arguments: [String]) throws {
    func option(_ name: String) -> String? {
        guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
        return arguments[i + 1]
    }
    if let directory = option("--open") {
        try restartChild(directory: directory, snapshots: !arguments.contains("--no-snapshot"))
        return
    }
    let jobs = option("--jobs").flatMap(Int.init) ?? 100_000
    let candidates = option("--candidates").flatMap(Int.init) ?? max(1_000, jobs / 5)
    let directory = option("--dir").map { URL(fileURLWithPath: $0) }
        ?? FileManager.default.temporaryDirectory.appendingPathComponent("skillmatch-bench-restart-\(getpid())")
    let keep = option("--dir") != nil
    try? FileManager.default.removeItem(at: directory)
    defer { if !keep { try? FileManager.default.removeItem(at: directory) } }
    print("restart: \(jobs) jobs, \(candidates) candidates into \(directory.path)")

    // Write through the engine.
    let corpus = SyntheticCorpus()
    var engine: Engine? = try Engine(configuration: restartConfiguration(directory.path), now: SyntheticCorpus.today)
    let writeStart = DispatchTime.now()
    let total = jobs + candidates
    var publishSeconds: [Double] = []
    for start in stride(from: 0, to: total, by: 10_000) {
        let batch = (start..<min(total, start + 10_000)).map { i -> Entity in i < jobs ? .job(corpus.job(i)) : .candidate(corpus.candidate(i - jobs)) }
        try engine!.importEntities(batch, source: "bench")
        publishSeconds.append(engine!.publishStatistics.lastSeconds)
    }
    let writeSeconds = engineSeconds(since: writeStart)
    let sorted = publishSeconds.sorted()
    print(String(format: "restart.write: %.1f s for %d entities (%.0f entities/s, JSON + SQLite + index)", writeSeconds, total, Double(total) / writeSeconds))
    print(String(format: "restart.publish(after each 10k batch): %d publishes, median %.3f s, max %.3f s, last (full size) %.3f s",
                 sorted.count, enginePercentile(sorted, 0.5), sorted.last ?? 0, publishSeconds.last ?? 0))

    let samples = restartSampleRequests(jobs: jobs, candidates: candidates)
    let before = try restartAnswers(engine!, samples)
    switch engine!.saveSnapshot() {
    case .written(let bytes, let seconds):
        print(String(format: "restart.save_snapshot: %.2f s, %.1f MB (%.0f bytes/entity)", seconds, Double(bytes) / 1e6, Double(bytes) / Double(total)))
    case .skipped(let reason):
        print("restart.save_snapshot: skipped: \(reason)")
    }
    engine = nil

    for snapshots in arguments.contains("--no-rebuild") ? [true] : [true, false] {
        let result = try restartRunChild(directory: directory.path, snapshots: snapshots)
        let label = snapshots ? "from_snapshot" : "rebuild_from_sqlite"
        print(String(format: "restart.%@: ready in %.2f s (index %.2f s, %@), %.0f bytes RSS per entity (%.0f MB); same top-10 as before restart: %@",
                     label, result.readySeconds, result.indexSeconds, result.source, result.rssBytes / Double(total), result.rssBytes / 1e6,
                     result.answers == before ? "yes" : "NO"))
        if let reason = result.reason, snapshots { print("restart.\(label): snapshot not used: \(reason)") }
        if let i = result.answers.indices.first(where: { result.answers[$0] != before[$0] }) {
            print("restart.\(label): first difference, request \(i): before \(before[i].prefix(160)) after \(result.answers[i].prefix(160))")
        }
    }
    if jobs >= 1_000_000 { print("restart.target(1M jobs): ready <= 10 s") }
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

/// Top-10 target ids and scores per request, as one comparable string list.
func restartAnswers(_ engine: Engine, _ requests: [MatchRequest]) throws -> [String] {
    try requests.map { request in
        try engine.match(request, asOf: SyntheticCorpus.today).matches.map { "\($0.target.id)=\($0.score)" }.joined(separator: ",")
    }
}

struct RestartChildResult: Codable {
    var readySeconds: Double
    var indexSeconds: Double
    var source: String
    var reason: String?
    var rssBytes: Double
    var answers: [String]
}

/// Runs this executable as a fresh process that opens the data folder and answers the samples.
func restartRunChild(directory: String, snapshots: Bool) throws -> RestartChildResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
    process.arguments = ["restart", "--open", directory] + (snapshots ? [] : ["--no-snapshot"])
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw CLIStyleError("restart child exited with \(process.terminationStatus)") }
    return try JSONDecoder().decode(RestartChildResult.self, from: output)
}

struct CLIStyleError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// The child: open, answer, report (JSON on stdout).
func restartChild(directory: String, snapshots: Bool) throws {
    let start = DispatchTime.now()
    var configuration = restartConfiguration(directory)
    if !snapshots { configuration.snapshotMaxAgeDays = 0 }
    let engine = try Engine(configuration: configuration, now: SyntheticCorpus.today)
    let counts = engine.counts()
    let samples = restartSampleRequests(jobs: counts[.job] ?? 1, candidates: counts[.candidate] ?? 1)
    _ = try engine.match(samples[0], asOf: SyntheticCorpus.today)
    let ready = engineSeconds(since: start)
    let answers = try restartAnswers(engine, samples)
    let result = RestartChildResult(
        readySeconds: ready, indexSeconds: engine.startup.seconds, source: engine.startup.source.rawValue, reason: engine.startup.reason,
        rssBytes: Double(engineResidentBytes()), answers: answers)
    FileHandle.standardOutput.write(try JSONEncoder().encode(result))
}
