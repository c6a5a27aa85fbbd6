// Ingestion benchmark: job postings ingested end to end (enqueue → queue → adapter → extraction →
// profile → SQLite commit → index → published snapshot) with 2 worker threads and the publisher.
//
// What's measured:
//   - throughput: N postings enqueued as fast as the producer can (NDJSON requests of --chunk items,
//     as `POST /v1/ingest` would store them) while 2 workers drain the queue; items/s from the first
//     enqueue until the last item is searchable, against the 1,000 items/s target;
//   - delay from acknowledgement (enqueue returned) to searchable (first snapshot that holds the
//     item), median and p99, in a second phase streaming at --rate items/s (default half the
//     measured throughput) for --seconds;
//   - where a worker's time goes (parse+adapt, extraction+resolution, SQLite write, index apply),
//     from a single-threaded pass over a sample, so hot spots are visible;
//   - the process CPU time of the throughput phase per item (the cost, independent of how busy the
//     shared machine is) and the load average before and after.
//   - with the sentence encoder (`engine.semanticExtraction`, phase 3): items/s end to end for
//     --semantic-items postings (default 10; semantic extraction encodes every candidate phrase, so
//     it is orders of magnitude slower; 0 skips it; skipped with a message without the model).
// Corpus: seeded (SplitMix64, --seed 6) schema.org JobPostings from the shipped taxonomy: an
//   occupation's title and alternate titles, 6–14 of its profile skills woven into 1–3 KB of
//   description text with filler sentences, cities, pay, dates. No peer: the target is absolute.
// Run: swift build -c release --product skillmatch-bench
//      .build/release/skillmatch-bench ingest [--items 100000] [--chunk 500] [--rate N] [--seconds 10] [--seed 6] [--semantic-items 10]
// Also `skillmatch-bench ingest verify --data-dir DIR --ids FILE`: the crash test's index check
// (Benchmarks/ingest-crash.sh): opens the engine on DIR as a restart would and checks that every id
// is in the rebuilt snapshot and that a text search for a sample of ids' tokens finds them.
import Foundation
import SkillsCore
import SkillsEngine
import SkillsIndex
import SkillsIngestion
import SkillsSemantic
import SkillsEncoder
import SkillsTestSupport
import Synchronization

func runIngestBenchmark(_ arguments: [String]) throws {
    if arguments.first == "verify" { return try runIngestVerify(Array(arguments.dropFirst())) }
    func option(_ name: String, _ fallback: Int) -> Int {
        guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count, let v = Int(arguments[i + 1]) else { return fallback }
        return v
    }
    let items = option("--items", 100_000)
    let chunk = option("--chunk", 500)
    let seconds = option("--seconds", 10)
    let seed = UInt64(option("--seed", 6))
    let engine = try makeIngestBenchEngine()
    defer { try? FileManager.default.removeItem(atPath: engine.configuration.dataDirectory) }  // ~780 MB at 100,000 items
    let generator = JobPostingGenerator(engine: engine, seed: seed)
    print("ingest benchmark: \(items) job postings, 2 workers, chunks of \(chunk), publish delay \(engine.configuration.publishDelaySeconds)s")

    let sample = (0..<2_000).map { generator.posting($0, prefix: "profile") }
    let sizes = sample.map(\.count).sorted()
    print(String(format: "  posting size: median %d B, p10 %d B, p90 %d B", sizes[sizes.count / 2], sizes[sizes.count / 10], sizes[sizes.count * 9 / 10]))
    try profileIngestStages(engine: engine, sample: Array(sample.prefix(1_000)))

    // Phase 1: throughput.
    let generated = (0..<items).map { generator.posting($0, prefix: "t") }
    let run = IngestBenchRun(engine: engine)
    run.startWorkers(2)
    let loadBefore = loadAverage()
    let cpuStart = processCPUSeconds()
    let start = Date()
    var acknowledged: [(ids: [String], at: Date)] = []
    for first in stride(from: 0, to: items, by: chunk) {
        let lines = generated[first..<min(items, first + chunk)]
        let body = Data(lines.joined(separator: "\n").utf8)
        _ = try engine.enqueue(body, format: "jobposting", source: "bench")
        acknowledged.append(((first..<min(items, first + chunk)).map { "t-\($0)" }, Date()))
    }
    let enqueueSeconds = Date().timeIntervalSince(start)
    let throughputDelays = try run.waitSearchable(acknowledged)
    let total = Date().timeIntervalSince(start)
    let cpu = processCPUSeconds() - cpuStart
    run.stop()
    let published = run.publishes.withLock { $0 }
    let rate = Double(items) / total
    print(String(format: "  enqueue (ack): %.0f items/s (%.1f s for %d items)", Double(items) / enqueueSeconds, enqueueSeconds, items))
    print(String(format: "  lexical path end to end: %.0f items/s (%.1f s), target 1000/s → %.2fx", rate, total, rate / 1000)
          + "; load average \(loadBefore) → \(loadAverage())")
    // On a shared machine wall time mostly measures the queue for the cores; CPU time is the cost.
    print(String(format: "  CPU: %.1f s for the process (workers, producer, publisher) = %.0f µs per item → %.0f items per CPU-second",
                 cpu, cpu / Double(items) * 1e6, Double(items) / cpu))
    // Each snapshot is rebuilt from every slot (IndexSnapshot.init), so its cost grows with the index.
    print(String(format: "  publisher: %d snapshots, %.1f s building them (%.0f%% of the run), the last (at %d items) %.2f s",
                 published.count, published.seconds, published.seconds / total * 100, items, published.last))
    print(String(format: "  ack→searchable under a full backlog: median %.2f s, p99 %.2f s", median(throughputDelays), percentile(throughputDelays, 99)))

    // Phase 2: ack→searchable delay at a steady rate below capacity.
    let streamRate = Double(option("--rate", max(50, Int(rate / 2))))
    let streamed = Int(streamRate * Double(seconds))
    let batch = max(1, Int(streamRate / 20))  // 20 requests/s
    let steady = IngestBenchRun(engine: engine)
    steady.startWorkers(2)
    var steadyAcks: [(ids: [String], at: Date)] = []
    let streamStart = Date()
    for first in stride(from: 0, to: streamed, by: batch) {
        let due = streamStart.addingTimeInterval(Double(first) / streamRate)
        if due > Date() { Thread.sleep(until: due) }
        let range = first..<min(streamed, first + batch)
        let body = Data(range.map { generator.posting($0, prefix: "s") }.joined(separator: "\n").utf8)
        _ = try engine.enqueue(body, format: "jobposting", source: "bench-stream")
        steadyAcks.append((range.map { "s-\($0)" }, Date()))
    }
    let delays = try steady.waitSearchable(steadyAcks)
    steady.stop()
    print(String(format: "  ack→searchable at %.0f items/s for %d s: median %.3f s, p99 %.3f s (publish delay %.2f s)",
                 streamRate, seconds, median(delays), percentile(delays, 99), engine.configuration.publishDelaySeconds))

    try semanticIngestPhase(generator: generator, items: option("--semantic-items", 10))
}

/// Phase 3: the same postings ingested with `engine.semanticExtraction` on (lexical + encoder hits).
private func semanticIngestPhase(generator: JobPostingGenerator, items: Int) throws {
    guard items > 0 else { return }
    // The model and the label-vector cache of the user's data directory (the engine's own is a
    // temporary folder; encoding every label again takes many minutes).
    if ProcessInfo.processInfo.environment["SKILLMATCH_EMBEDDINGS_DIR"] == nil {
        setenv("SKILLMATCH_EMBEDDINGS_DIR", EmbeddingCache.defaultDirectory().path, 1)
    }
    let engine = try makeIngestBenchEngine(semanticExtraction: true)
    defer { try? FileManager.default.removeItem(atPath: engine.configuration.dataDirectory) }
    guard engine.semanticExtractor != nil else {
        print("  with the sentence encoder: skipped (\(engine.warnings.first ?? "semantic extraction unavailable"))")
        return
    }
    let run = IngestBenchRun(engine: engine)
    run.startWorkers(2)
    let cpuStart = processCPUSeconds()
    let start = Date()
    let body = Data((0..<items).map { generator.posting($0, prefix: "e") }.joined(separator: "\n").utf8)
    _ = try engine.enqueue(body, format: "jobposting", source: "bench-semantic")
    _ = try run.waitSearchable([((0..<items).map { "e-\($0)" }, Date())])
    let total = Date().timeIntervalSince(start)
    let cpu = processCPUSeconds() - cpuStart
    run.stop()
    print(String(format: "  with the sentence encoder (semantic + lexical extraction), %d items: %.2f items/s end to end (%.1f s); %.1f CPU-s per item (no target)",
                 items, Double(items) / total, total, cpu / Double(items)))
}

/// The crash test's check of a data directory after a restart.
func runIngestVerify(_ arguments: [String]) throws {
    func value(_ name: String) throws -> String {
        guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { throw BenchmarkError("verify needs \(name)") }
        return arguments[i + 1]
    }
    let ids = try String(contentsOfFile: try value("--ids"), encoding: .utf8).split(separator: "\n").map(String.init)
    let engine = try makeIngestBenchEngine(folder: URL(fileURLWithPath: try value("--data-dir")))
    let snapshot = engine.snapshot
    let missing = ids.filter { (try? snapshot.document(for: EntityKey(.job, $0))) == nil }
    var rng = SeededGenerator(seed: 6)
    let sample = ids.isEmpty ? [] : (0..<min(200, ids.count)).map { _ in ids[Int.random(in: 0..<ids.count, using: &rng)] }
    var unanswered: [String] = []
    for id in sample {
        // The crash corpus titles each posting "Operator <token>" with a token unique to it.
        guard case .job(let job) = snapshot.entity(try snapshot.document(for: EntityKey(.job, id))),
            let token = job.title.split(separator: " ").last
        else { unanswered.append(id); continue }
        let found = try engine.search(skills: [], text: String(token), kind: .job, filters: FilterSet(), limit: 5, cursor: nil)
        if !found.result.hits.contains(where: { snapshot.entity($0.id)?.id == id }) { unanswered.append(id) }
    }
    print("index after restart: \(snapshot.count(of: .job)) jobs; \(ids.count - missing.count)/\(ids.count) acknowledged ids present; text search found \(sample.count - unanswered.count)/\(sample.count) sampled ids")
    if !missing.isEmpty || !unanswered.isEmpty {
        throw BenchmarkError("missing from the index: \(missing.prefix(5)); not found by search: \(unanswered.prefix(5))")
    }
}

/// CPU time of the whole process (all threads), in seconds.
private func processCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

func makeIngestBenchEngine(folder: URL? = nil, semanticExtraction: Bool = false) throws -> Engine {
    let folder = folder ?? FileManager.default.temporaryDirectory.appendingPathComponent("skillmatch-ingest-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    var configuration = EngineConfiguration(
        dataDirectory: folder.path, taxonomyDirectory: FixturePaths.taxonomies.path,
        configDirectory: FixturePaths.packageRoot.appendingPathComponent("Config").path)
    configuration.skillVectors = .taxonomy
    configuration.vectorCacheDirectory = FixturePaths.vectorCache.path
    configuration.semanticExtraction = semanticExtraction
    if semanticExtraction { configuration.modelDirectory = SentenceEncoder.defaultModelDirectory().path }
    return try Engine(configuration: configuration)
}

/// Single-threaded pass over a sample, timing each stage of a worker's item.
private func profileIngestStages(engine: Engine, sample: [String]) throws {
    let processor = IngestProcessor(resolver: DraftResolver(resolver: engine.resolver))
    var parse = 0.0, resolve = 0.0, extract = 0.0
    var drafts: [EntityDraft] = []
    for line in sample {
        let document = try JSONParser().parse(Array(line.utf8))
        var found: [EntityDraft] = []
        parse += try secondsElapsed { found = try JobPostingAdapter().drafts(from: document, context: IngestContext(source: "p")) }
        drafts += found
    }
    for draft in drafts {
        extract += secondsElapsed { for text in draft.texts { _ = engine.extractor.extract(text) } }
        resolve += try secondsElapsed { _ = try processor.resolver.entity(for: draft) }
    }
    let n = Double(sample.count)
    print(String(format: "  per item, one thread: parse+adapt %.0f µs, extractor alone %.0f µs, resolve (extract+map) %.0f µs",
                 parse / n * 1e6, extract / n * 1e6, resolve / n * 1e6))
}

/// Worker threads and a publisher over one engine, plus a watcher that records when items become searchable.
final class IngestBenchRun: @unchecked Sendable {
    let engine: Engine
    private let running = Atomic<Bool>(true)
    private let live = Atomic<Int>(0)

    init(engine: Engine) { self.engine = engine }

    func startWorkers(_ count: Int) {
        for number in 0..<count {
            let worker = try! engine.makeWorker(id: "bench-\(UUID().uuidString)-\(number)")
            let box = UncheckedBox(worker)
            spawn { [self] in
                while running.load(ordering: .acquiring) {
                    if (try? engine.runWorkerOnce(box.value)) ?? 0 == 0 { Thread.sleep(forTimeInterval: 0.005) }
                }
            }
        }
        let delay = max(0.01, engine.configuration.publishDelaySeconds)
        spawn { [self] in
            while running.load(ordering: .acquiring) {
                Thread.sleep(forTimeInterval: delay)
                let started = DispatchTime.now().uptimeNanoseconds
                let generation = engine.snapshot.generation
                engine.publish()
                if engine.snapshot.generation != generation {
                    let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
                    publishes.withLock { $0.count += 1; $0.seconds += seconds; $0.last = seconds }
                }
            }
        }
    }

    /// Snapshots published so far, the wall time spent building them, and the last one's.
    let publishes = Mutex<(count: Int, seconds: Double, last: Double)>((0, 0, 0))

    /// Polls the published snapshot until every acknowledged id is in it; returns each item's delay.
    func waitSearchable(_ acknowledged: [(ids: [String], at: Date)], timeout: Double = 3_600) throws -> [Double] {
        var pending = acknowledged.flatMap { batch in batch.ids.map { ($0, batch.at) } }
        var delays: [Double] = []
        let deadline = Date().addingTimeInterval(timeout)
        var generation: UInt64?
        while !pending.isEmpty {
            guard Date() < deadline else { throw BenchmarkError("\(pending.count) items never became searchable") }
            let snapshot = engine.snapshot
            if snapshot.generation != generation {
                generation = snapshot.generation
                let now = Date()
                pending.removeAll { id, at in
                    guard (try? snapshot.document(for: EntityKey(.job, id))) != nil else { return false }
                    delays.append(now.timeIntervalSince(at))
                    return true
                }
            }
            Thread.sleep(forTimeInterval: 0.002)
        }
        return delays
    }

    func stop() {
        running.store(false, ordering: .releasing)
        while live.load(ordering: .acquiring) > 0 { Thread.sleep(forTimeInterval: 0.01) }
    }

    private func spawn(_ body: @escaping @Sendable () -> Void) {
        live.add(1, ordering: .acquiringAndReleasing)
        let thread = Thread { [self] in
            body()
            live.subtract(1, ordering: .acquiringAndReleasing)
        }
        thread.stackSize = 4 << 20
        thread.start()
    }
}

private struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// Seeded, realistic schema.org JobPostings over the shipped taxonomy (same seed and index → same posting).
struct JobPostingGenerator: Sendable {
    let seed: UInt64
    let occupations: [(title: String, soc: String, skills: [String])]

    init(engine: Engine, seed: UInt64) {
        self.seed = seed
        let taxonomy = engine.taxonomy
        occupations = taxonomy.occupations.compactMap { occupation in
            let skills = taxonomy.profile(ofOccupation: occupation.id).prefix(40).map { taxonomy.skills[Int($0.skill)].label }
            return skills.count >= 6 ? (occupation.title, occupation.socCode, Array(skills)) : nil
        }
    }

    static let cities = ["Newark, NJ", "Trenton, NJ", "Jersey City, NJ", "Philadelphia, PA", "New York, NY", "Chicago, IL", "Austin, TX", "Denver, CO"]
    static let filler = [
        "Our team values safety, quality and reliability in everything we do.",
        "You will work closely with colleagues across departments and report to the operations manager.",
        "We offer competitive pay, health insurance, paid time off and a retirement plan with matching contributions.",
        "Candidates should be able to work independently and manage their time in a fast-paced environment.",
        "This position requires occasional travel to client sites and some weekend availability.",
        "We are an equal opportunity employer and welcome applicants from all backgrounds.",
        "Training is provided on our internal systems and procedures during the first weeks.",
        "Strong written and verbal communication is important, as is attention to detail.",
        "The role offers a clear path to advancement for people who show initiative.",
        "Applicants must be authorized to work in the United States.",
    ]

    func posting(_ index: Int, prefix: String) -> String {
        var rng = SeededGenerator(seed: seed &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(index))
        let occupation = occupations[Int.random(in: 0..<occupations.count, using: &rng)]
        let skills = occupation.skills.shuffled(using: &rng).prefix(Int.random(in: 6...14, using: &rng))
        var sentences = ["We are hiring a \(occupation.title) to join a growing team in \(Self.cities.randomElement(using: &rng)!)."]
        var skillIterator = skills.makeIterator()
        let target = Int.random(in: 1_000...3_000, using: &rng)
        var length = sentences[0].count
        while length < target {
            let sentence: String
            if let skill = skillIterator.next() {
                sentence = ["Day to day you will \(skill).", "Experience with \(skill) is expected.", "You should be able to \(skill) with little supervision."].randomElement(using: &rng)!
            } else {
                sentence = Self.filler.randomElement(using: &rng)!
            }
            sentences.append(sentence)
            length += sentence.count + 1
        }
        let description = sentences.joined(separator: " ")
        let pay = Int.random(in: 30...120, using: &rng) * 1_000
        let object = JSONValue.object(JSONObject(members: [
            .init(key: "@context", value: .string("https://schema.org")),
            .init(key: "@type", value: .string("JobPosting")),
            .init(key: "identifier", value: .string("\(prefix)-\(index)")),
            .init(key: "title", value: .string(occupation.title)),
            .init(key: "description", value: .string(description)),
            .init(key: "occupationalCategory", value: .string(occupation.soc)),
            .init(key: "datePosted", value: .string("2026-01-0\(Int.random(in: 1...9, using: &rng))")),
            .init(key: "validThrough", value: .string("2099-12-31")),
            .init(key: "employmentType", value: .string("FULL_TIME")),
            .init(key: "baseSalary", value: .object(JSONObject(members: [
                .init(key: "@type", value: .string("MonetaryAmount")), .init(key: "currency", value: .string("USD")),
                .init(key: "value", value: .object(JSONObject(members: [
                    .init(key: "minValue", value: .number(JSONNumber(Double(pay)))),
                    .init(key: "maxValue", value: .number(JSONNumber(Double(pay + 15_000)))),
                    .init(key: "unitText", value: .string("YEAR")),
                ]))),
            ]))),
        ]))
        return String(decoding: object.serializedBytes(), as: UTF8.self)
    }
}
