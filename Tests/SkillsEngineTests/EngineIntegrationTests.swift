// Properties of the engine facade over the shipped taxonomy (one engine per suite):
// 1. The demo dataset is reproducible (same seed and day → same entities) and clearly synthetic.
// 2. Every match direction answers on the demo data, and explanation points add up to the score.
// 3. A restart restores the index from SQLite without re-extraction: same counts, same top results.
// 4. Entity writes resolve skills by id or label, reject unknown skill ids, and re-writing the same
//    entity is "unchanged".
// 5. The index snapshot file is used only when it matches the database: a saved file restores the
//    same rankings; a damaged file, a write after saving (stale) or another writer (the engine
//    cannot vouch for its index, so it does not save and removes the old file) mean a rebuild.
import Foundation
import SkillsCore
import SkillsIndex
import SkillsRanking
import SkillsStorage
import SkillsTestSupport
import Testing

@testable import SkillsEngine

@Suite(.serialized) struct EngineIntegrationTests {
    static let asOf = Date(timeIntervalSince1970: 1_790_000_000)

    static func configuration(_ directory: URL) -> EngineConfiguration {
        var configuration = EngineConfiguration(
            dataDirectory: directory.path, taxonomyDirectory: FixturePaths.taxonomies.path,
            configDirectory: FixturePaths.packageRoot.appendingPathComponent("Config").path)
        configuration.skillVectors = .taxonomy
        configuration.vectorCacheDirectory = FixturePaths.vectorCache.path
        return configuration
    }

    static let shared: (Engine, URL) = {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("skillmatch-engine-\(UUID().uuidString)")
        let engine = try! Engine(configuration: configuration(directory), now: asOf)
        try! engine.loadDemoDataIfEmpty(asOf: asOf)
        return (engine, directory)
    }()

    @Test func demoDatasetIsReproducibleAndSynthetic() throws {
        let engine = Self.shared.0
        let a = DemoDataset(taxonomy: engine.taxonomy, asOf: Self.asOf).generate(size: .init(), seed: 7)
        let b = DemoDataset(taxonomy: engine.taxonomy, asOf: Self.asOf).generate(size: .init(), seed: 7)
        #expect(a == b)
        #expect(a.count == 4_400)
        #expect(a.allSatisfy { $0.id.hasPrefix("demo-") && $0.body.contains("synthetic demo data") })
        let counts = engine.counts()
        #expect(counts[.job] == 3_000 && counts[.candidate] == 1_000 && counts[.program] == 400)
        #expect((counts[.occupation] ?? 0) >= 800)
    }

    @Test(arguments: MatchDirection.allCases)
    func everyDirectionAnswersWithConsistentExplanations(direction: MatchDirection) throws {
        let engine = Self.shared.0
        let sourceID: String =
            switch direction.sourceKind {
            case .candidate: "demo-candidate-00003"
            case .job: "demo-job-00003"
            case .program: "demo-program-00003"
            case .occupation: ""
            }
        let page = try engine.match(
            MatchRequest(source: EntityKey(direction.sourceKind, sourceID), direction: direction, limit: 5, explain: true),
            asOf: Self.asOf)
        #expect(!page.matches.isEmpty)
        for match in page.matches {
            let explanation = try #require(match.explanation)
            let total = explanation.contributions.reduce(0) { $0 + $1.points }
            #expect(abs(total - match.score) < 1e-6)
            #expect((0...100).contains(match.score))
        }
        #expect(zip(page.matches, page.matches.dropFirst()).allSatisfy { $0.score >= $1.score })
    }

    @Test func restartRestoresTheIndexWithoutReextraction() throws {
        let (engine, directory) = Self.shared
        let request = MatchRequest(source: EntityKey(.candidate, "demo-candidate-00010"), direction: .candidateToJobs, limit: 10)
        let before = try engine.match(request, asOf: Self.asOf).matches.map(\.target.id)
        let started = Date()
        let reopened = try Engine(configuration: Self.configuration(directory), now: Self.asOf)
        let seconds = Date().timeIntervalSince(started)
        #expect(reopened.counts() == engine.counts())
        #expect(try reopened.match(request, asOf: Self.asOf).matches.map(\.target.id) == before)
        #expect(seconds < 120)  // generous: debug build on a shared machine; the benchmark reports the real figure
    }

    @Test func entityWritesResolveSkillsAndRejectUnknownIds() throws {
        let engine = Self.shared.0
        let job = try JSONParser().parse(
            #"{"title": "Database administrator", "description": "Administer PostgreSQL and MySQL databases.", "requiredSkills": ["SQL"], "postedOn": "2026-09-01"}"#)
        let (written, outcome) = try engine.put(kind: .job, id: "it-job-1", json: job)
        #expect(outcome == .created)
        guard case .job(let stored) = written else { Issue.record("not a job"); return }
        #expect(!stored.requiredSkills.isEmpty)
        #expect(try engine.put(kind: .job, id: "it-job-1", json: job).1 == .unchanged)
        #expect(try engine.entity(kind: .job, id: "it-job-1") != nil)

        let bad = try JSONParser().parse(#"{"title": "x", "requiredSkills": [{"skill": "http://data.europa.eu/esco/skill/does-not-exist"}]}"#)
        #expect(throws: EngineError.self) { try engine.put(kind: .job, id: "it-job-2", json: bad) }
        #expect(try engine.delete(kind: .job, id: "it-job-1"))
        #expect(try engine.entity(kind: .job, id: "it-job-1") == nil)
    }

    @Test func snapshotFileIsUsedOnlyWhenItMatchesTheDatabase() throws {
        let engine = Self.shared.0
        // Opening the index the way `Engine.init` does, without reloading the taxonomy.
        func reopen() throws -> (writer: IndexWriter, report: IndexStartup) {
            let opened = try Engine.openIndex(
                configuration: engine.configuration, indexConfiguration: engine.snapshot.configuration, taxonomy: engine.taxonomy,
                codec: engine.codec, pool: engine.pool, space: engine.skillVectors, entityVectors: engine.entityVectors, now: Self.asOf)
            return (opened.writer, opened.report)
        }
        func written(_ save: Engine.SnapshotSave) -> Bool { if case .written = save { true } else { false } }
        let requests = [
            MatchRequest(source: EntityKey(.candidate, "demo-candidate-00020"), direction: .candidateToJobs, limit: 10),
            MatchRequest(source: EntityKey(.job, "demo-job-00020"), direction: .jobToCandidates, limit: 10),
            MatchRequest(source: EntityKey(.candidate, "demo-candidate-00021"), direction: .candidateToPrograms, limit: 10),
        ]
        func answers(_ snapshot: IndexSnapshot) throws -> [[String]] {
            let matcher = Matcher(snapshot: snapshot, configuration: engine.ranking, related: engine.related, asOf: Self.asOf)
            return try requests.map { request in
                var request = request
                if request.direction.targetKind == .job { request.filters.openOn = Self.asOf }
                return try matcher.match(request).matches.map { "\($0.target.id) \($0.score)" }
            }
        }

        #expect(written(engine.saveSnapshot()))
        let restored = try reopen()
        #expect(restored.report.source == .snapshotFile)
        #expect(restored.writer.count == engine.counts().values.reduce(0, +))
        #expect(try answers(restored.writer.snapshot()) == answers(engine.snapshot))

        // Damaged: one flipped byte in the middle.
        var bytes = try Data(contentsOf: engine.snapshotURL)
        bytes[bytes.count / 2] ^= 0x5A
        try bytes.write(to: engine.snapshotURL)
        let damaged = try reopen()
        #expect(damaged.report.source == .rebuilt)
        #expect(damaged.report.reason?.contains("checksum") == true, "\(damaged.report.reason ?? "")")
        #expect(damaged.writer.count == restored.writer.count)

        // Stale: a write through the engine after saving. Saving again vouches for it.
        #expect(written(engine.saveSnapshot()))
        let job = try JSONParser().parse(#"{"title": "Snapshot welder", "description": "Welding.", "requiredSkills": ["welding"], "postedOn": "2026-09-01"}"#)
        _ = try engine.put(kind: .job, id: "it-snapshot-job", json: job)
        let stale = try reopen()
        #expect(stale.report.source == .rebuilt)
        #expect(stale.report.reason?.contains("stale") == true, "\(stale.report.reason ?? "")")
        #expect(written(engine.saveSnapshot()))
        #expect(try reopen().report.source == .snapshotFile)

        // Another writer: the row is deleted and revived behind the engine's back (same content).
        // The engine can no longer prove its index equals the database: no file.
        try engine.pool.with { connection in
            let store = EntityStore(connection)
            let row = try #require(try store.get(kind: "job", id: "it-snapshot-job"))
            #expect(try store.delete(kind: "job", id: "it-snapshot-job"))
            try store.upsert(EntityInput(
                kind: row.kind, id: row.id, source: row.source, externalID: row.externalID, document: row.document, profile: row.profile,
                vector: row.vector, expiresAt: row.expiresAt, contentHash: row.contentHash))
        }
        #expect(!written(engine.saveSnapshot()))
        #expect(!FileManager.default.fileExists(atPath: engine.snapshotURL.path))
        #expect(try reopen().report.reason == "no snapshot file")
        #expect(try engine.delete(kind: .job, id: "it-snapshot-job"))
    }
}
