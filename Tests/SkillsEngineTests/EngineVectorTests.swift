// Properties of the vectors wired into the engine (shipped taxonomy, taxonomy-derived vectors):
// 1. A job asking for PostgreSQL partly matches a candidate holding only MySQL: dense generation
//    finds the candidate, related credit > 0 and the explanation lists "PostgreSQL ≈ MySQL" with its
//    similarity (SkillSimilarity: vectors + hierarchy).
// 2. Every entity written gets its vector stored in SQLite; a restart uses the stored vectors
//    (none recomputed) and they equal the live ones; a changed vector space recomputes them.
// 3. Without model files `auto` starts on taxonomy vectors with exactly one warning; `encoder`
//    without them is a configuration error.
import Foundation
import SkillsCore
import SkillsIndex
import SkillsRanking
import SkillsStorage
import SkillsTestSupport
import Testing

@testable import SkillsEngine

@Suite(.serialized) struct EngineVectorTests {
    static let asOf = Date(timeIntervalSince1970: 1_790_000_000)

    static func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("skillmatch-engine-vectors-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func configuration(_ directory: URL, source: SkillVectorSource = .taxonomy, model: URL? = nil) -> EngineConfiguration {
        var configuration = EngineIntegrationTests.configuration(directory)
        configuration.skillVectors = source
        configuration.modelDirectory = model?.path
        return configuration
    }

    /// `auto` with an empty model folder: the fallback is what every test here runs on.
    static let shared: (Engine, URL) = {
        let folder = try! directory()
        let emptyModel = folder.appendingPathComponent("no-model")
        try! FileManager.default.createDirectory(at: emptyModel, withIntermediateDirectories: true)
        let engine = try! Engine(configuration: configuration(folder, source: .auto, model: emptyModel), now: asOf)
        _ = try! engine.put(kind: .job, id: "pg-job", json: try! JSONParser().parse(
            #"{"title": "Database engineer", "requiredSkills": ["PostgreSQL"], "postedOn": "2026-09-01"}"#))
        _ = try! engine.put(kind: .candidate, id: "mysql-dev", json: try! JSONParser().parse(
            #"{"name": "Mia", "headline": "Developer", "skills": ["MySQL"], "consentToBeFound": true}"#))
        _ = try! engine.put(kind: .candidate, id: "nurse", json: try! JSONParser().parse(
            #"{"name": "Nia", "headline": "Nurse", "skills": ["nursing science"], "consentToBeFound": true}"#))
        return (engine, folder)
    }()

    @Test func postgresJobPartlyMatchesMySQLCandidate() throws {
        let engine = Self.shared.0
        let postgres = try #require(engine.skillIndex(named: "PostgreSQL"))
        let mysql = try #require(engine.skillIndex(named: "MySQL"))
        #expect(engine.skillVectors.origin == .taxonomy)
        #expect(engine.skillVectors.vectors.count == engine.taxonomy.skills.count)
        let similarity = engine.similarity.similarity(postgres, mysql)
        #expect(similarity > 0.35)
        #expect(engine.related.similarity(postgres, mysql) == similarity)

        // The engine's own pieces (snapshot with entity vectors, SkillSimilarity); dense generation on
        // for this direction (off in the shipped ranking.json for the large kinds, see ENGINE.md), so
        // the MySQL holder, who shares no skill with the job, is generated at all.
        var ranking = engine.ranking
        ranking.directions[.jobToCandidates]!.denseCandidates = 50
        let matcher = Matcher(snapshot: engine.snapshot, configuration: ranking, related: engine.related, asOf: Self.asOf)
        let page = try matcher.match(MatchRequest(source: EntityKey(.job, "pg-job"), direction: .jobToCandidates, limit: 10, explain: true))
        let pair = try matcher.explain(source: EntityKey(.job, "pg-job"), target: EntityKey(.candidate, "mysql-dev"), direction: .jobToCandidates)
        #expect(pair.relatedMatches.contains { $0.wanted == postgres && $0.held == mysql })
        let hit = try #require(page.matches.first { $0.target.id == "mysql-dev" })
        let explanation = try #require(hit.explanation)
        #expect(explanation.relatedMatches.contains { $0.wanted == postgres && $0.held == mysql && $0.similarity == similarity })
        #expect((explanation.contributions.first { $0.feature == .relatedCredit }?.value ?? 0) > 0)
        #expect((explanation.contributions.first { $0.feature == .vectorCosine }?.value ?? 0) > 0.3)
        #expect(abs(explanation.contributions.reduce(0) { $0 + $1.points } - hit.score) < 1e-6)
        // The MySQL holder outranks the nurse, who has nothing related.
        if let nurse = page.matches.first(where: { $0.target.id == "nurse" }) { #expect(hit.score > nurse.score) }
        let rendered = explanation.relatedMatches.map { "\(engine.label($0.wanted)) ≈ \(engine.label($0.held))" }
        #expect(rendered.contains("PostgreSQL ≈ MySQL"))
    }

    @Test func vectorsAreStoredAndRestoredWithoutRecomputation() throws {
        let (engine, directory) = Self.shared
        let doc = try engine.snapshot.document(for: EntityKey(.candidate, "mysql-dev"))
        let live = try #require(engine.snapshot.vector(of: doc))
        let stored = try #require(try engine.pool.with { try EntityStore($0).get(kind: "candidate", id: "mysql-dev") }?.vector)
        #expect(try VectorBlob.floats(stored) == live)

        let reopened = try Engine(configuration: Self.configuration(directory), now: Self.asOf)
        #expect(reopened.startup.recomputedVectors == 0)
        let again = try reopened.snapshot.document(for: EntityKey(.candidate, "mysql-dev"))
        #expect(reopened.snapshot.vector(of: again) == live)

        // Another vector space (taxonomy or model changed): every stored vector is recomputed once.
        try "another-space\n".write(to: directory.appendingPathComponent("entity-vector-space.txt"), atomically: true, encoding: .utf8)
        let migrated = try Engine(configuration: Self.configuration(directory), now: Self.asOf)
        #expect(migrated.startup.recomputedVectors == 3)
        let marker = try String(contentsOf: directory.appendingPathComponent("entity-vector-space.txt"), encoding: .utf8)
        #expect(marker.trimmingCharacters(in: .whitespacesAndNewlines) == migrated.skillVectors.identifier)
    }

    @Test func missingModelFallsBackWithOneWarning() throws {
        let (engine, directory) = Self.shared
        let emptyModel = directory.appendingPathComponent("no-model")
        #expect(engine.skillVectors.origin == .taxonomy)
        #expect(engine.skillVectors.encoder == nil)
        let warning = try #require(engine.startup.warning)
        #expect(warning.contains("sentence encoder not loaded") && warning.contains(emptyModel.path))
        // Lexical text search still works without the encoder.
        let found = try engine.search(skills: [], text: "nurse", kind: .candidate, filters: FilterSet(), limit: 5, cursor: nil, asOf: Self.asOf)
        #expect(found.result.hits.count == 1)
        // `encoder` without model files is a configuration error, not a silent fallback.
        #expect(throws: EngineError.self) {
            try SkillVectorSpace.load(
                source: .encoder, taxonomy: engine.taxonomy, graph: TaxonomySkillGraph(taxonomy: engine.taxonomy),
                taxonomyChecksum: "test", modelDirectory: emptyModel, cacheDirectory: directory.appendingPathComponent("vectors"))
        }
    }
}
