// API load fixture: fills a data directory with N synthetic jobs and M candidates through the engine
// (SyntheticCorpus, seed 42; skills are indices into the shipped taxonomy), so `Benchmarks/api-load.sh`
// can run wrk against `skillmatch serve` on it. Not a measurement itself: prints the load time and
// writes candidate ids, one per line, to `--ids FILE` for the match requests. Job dates are moved
// to the real calendar (the server filters on jobs open today).
// Run: .build/release/skillmatch-bench api-populate --data-dir DIR [--jobs 100000] [--candidates 2000] [--ids FILE]
import Foundation
import SkillsCore
import SkillsEngine
import SkillsTestSupport

func runAPIPopulateBenchmark(_ arguments: [String]) throws {
    func value(_ name: String) -> String? {
        guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
        return arguments[i + 1]
    }
    guard let dataDirectory = value("--data-dir") else { benchUsage() }
    let jobs = value("--jobs").flatMap(Int.init) ?? 100_000
    let candidates = value("--candidates").flatMap(Int.init) ?? 2_000
    try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
    let root = FixturePaths.packageRoot
    var configuration = EngineConfiguration(
        dataDirectory: dataDirectory, taxonomyDirectory: root.appendingPathComponent("Taxonomies").path,
        configDirectory: root.appendingPathComponent("Config").path)
    configuration.skillVectors = .taxonomy
    configuration.vectorCacheDirectory = FixturePaths.vectorCache.path
    let engine = try Engine(configuration: configuration)
    let start = DispatchTime.now()
    // The corpus is dated around `SyntheticCorpus.today`, but the server keeps only jobs open on the
    // real date: move every job by the same whole number of days so the usual share (about 2/3) is
    // open now and matches return results instead of scanning for nothing.
    let shift = (Date().timeIntervalSince(SyntheticCorpus.today) / 86_400).rounded(.down) * 86_400
    let entities = engineGenerate(jobs: jobs, candidates: candidates, corpus: SyntheticCorpus()).map { entity -> Entity in
        guard case .job(var job) = entity else { return entity }
        job.postedOn += shift
        job.expiresOn = job.expiresOn.map { $0 + shift }
        return .job(job)
    }
    for batch in stride(from: 0, to: entities.count, by: 10_000) {
        try engine.importEntities(Array(entities[batch..<min(entities.count, batch + 10_000)]), source: "bench")
    }
    print(String(format: "api-populate: %d jobs, %d candidates stored in %.1f s", jobs, candidates, engineSeconds(since: start)))
    if let ids = value("--ids") {
        let lines = entities.compactMap { if case .candidate(let c) = $0 { c.id } else { nil } }.joined(separator: "\n")
        try Data((lines + "\n").utf8).write(to: URL(fileURLWithPath: ids))
    }
}
