import Dispatch
import Foundation
import SkillsCore
import SkillsIndex
import SkillsIngestion
import SkillsRanking
import SkillsSemantic
import SkillsStorage
import SkillsTaxonomy
import SkillsVectors
import Synchronization

/// The facade the server and the CLI call: entities, matching, search, taxonomy and ingestion.
///
/// Holds the immutable parts (taxonomy, extractor, ranking configuration) and one mutable index
/// writer. Readers take the current ``IndexSnapshot`` and never wait for writers: a write updates
/// SQLite (the system of record) and the writer, and a new snapshot is published atomically, at
/// once for API writes and at most ``EngineConfiguration/publishDelaySeconds`` later for ingestion.
public final class Engine: Sendable {
    public let configuration: EngineConfiguration
    public let taxonomy: Taxonomy
    public let extractor: SkillExtractor
    public let codec: EntityCodec
    public let resolver: TaxonomySkillResolver
    public let ranking: RankingConfig
    public let related: any RelatedSkills
    /// Skill vectors (taxonomy-derived or encoder) and the related-skill similarity built on them.
    public let skillVectors: SkillVectorSpace
    public let similarity: SkillSimilarity
    /// Entity vector = normalised weighted sum of its profile's skill vectors.
    public let entityVectors: EntityVectorBuilder
    /// How long each part of the start took, and what it used (for the start-up log).
    public let startup: StartupReport
    let profileBuilder: SkillProfileBuilder
    /// Semantic extraction for ingestion, when ``EngineConfiguration/semanticExtraction`` is on and
    /// the model files are present.
    public let semanticExtractor: SemanticSkillExtractor?
    /// What the engine fell back on at start (e.g. semantic extraction without the model), one line each.
    public let warnings: [String]
    let database: SQLiteDatabase
    let pool: ConnectionPool

    struct State {
        var writer: IndexWriter
        var snapshot: IndexSnapshot
        /// The writer changed since `snapshot` was frozen.
        var dirty = false
        /// The database state the writer was loaded at (restored or rebuilt).
        var indexedChanges: EntityChangeState
        /// Entity rows this engine changed since; with no other writer, the database sequence is
        /// `indexedChanges.sequence + appliedRowChanges`.
        var appliedRowChanges: Int64 = 0
    }
    let state: Mutex<State>
    /// Serialises snapshot building so two publishers never race on the same work.
    let publishing = Mutex<Void>(())
    /// How long freezing snapshots has taken (what `publishDelaySeconds` adds to).
    let publishes = Mutex(PublishStatistics())
    /// Serialises snapshot file writes (they share a temporary file name).
    let saving = Mutex<Void>(())
    /// How the index was opened at start (snapshot file or rebuild).
    public let indexStartup: IndexStartup

    /// Loads the taxonomy and ranking configuration, opens the database and opens the index: from
    /// the snapshot file when it matches the database, else rebuilt from stored entities (no
    /// re-extraction either way; see ``openIndex``).
    public init(configuration: EngineConfiguration, now: Date = Date()) throws {
        let issues = configuration.validate()
        if !issues.isEmpty { throw EngineError(.invalidConfiguration, issues.joined(separator: "; ")) }
        self.configuration = configuration
        let extensions = FileManager.default.fileExists(atPath: configuration.extensionsFile.path) ? configuration.extensionsFile : nil
        let taxonomy = try TaxonomyLoader.load(directory: URL(fileURLWithPath: configuration.taxonomyDirectory), extensions: extensions)
        self.taxonomy = taxonomy
        self.extractor = try SkillExtractor(taxonomy: taxonomy)
        self.codec = EntityCodec(taxonomy: taxonomy)
        (self.semanticExtractor, self.warnings) = try Self.semanticExtractor(configuration, taxonomy)
        self.resolver = TaxonomySkillResolver(taxonomy: taxonomy, extractor: extractor, semantic: semanticExtractor)
        do {
            self.ranking = try RankingConfig(json: Data(contentsOf: configuration.rankingFile))
        } catch let error as RankingError {
            throw EngineError(.invalidConfiguration, "\(configuration.rankingFile.path): \(error)")
        }
        var report = StartupReport()
        let graph = TaxonomySkillGraph(taxonomy: taxonomy)
        let space = try report.time("skill vectors") {
            try SkillVectorSpace.load(
                source: configuration.skillVectors, taxonomy: taxonomy, graph: graph,
                taxonomyChecksum: Self.taxonomyChecksum(configuration, extensions: extensions),
                modelDirectory: configuration.resolvedModelDirectory, cacheDirectory: configuration.resolvedVectorCacheDirectory)
        }
        report.skillVectors = "\(space.origin.rawValue), \(space.vectors.count) × \(space.vectors.dimension)\(space.fromCache ? " (cached)" : "")"
        report.warning = space.warning
        self.skillVectors = space
        let similarity = try report.time("related skills") {
            try Self.similarity(space: space, graph: graph, cacheDirectory: configuration.resolvedVectorCacheDirectory)
        }
        self.similarity = similarity
        self.related = SimilarityRelatedSkills(similarity)
        self.entityVectors = EntityVectorBuilder(skills: space.vectors)
        self.profileBuilder = SkillProfileBuilder(asOf: now)
        self.database = try SQLiteDatabase(path: configuration.databasePath)
        self.pool = ConnectionPool(database: database)

        var indexConfiguration = IndexConfiguration()
        indexConfiguration.skillCount = taxonomy.skills.count
        let pool = self.pool, codec = self.codec, entityVectors = self.entityVectors
        let opened = try report.time("index open") {
            try Self.openIndex(
                configuration: configuration, indexConfiguration: indexConfiguration, taxonomy: taxonomy, codec: codec, pool: pool,
                space: space, entityVectors: entityVectors, now: now)
        }
        report.recomputedVectors = opened.recomputedVectors
        var writer = opened.writer
        let snapshot = report.time("first publish") { writer.snapshot() }
        writer.rebase(on: snapshot)
        self.startup = report
        self.indexStartup = opened.report
        self.state = Mutex(State(
            writer: writer, snapshot: snapshot, indexedChanges: opened.changes, appliedRowChanges: Int64(opened.recomputedVectors)))
    }

    /// Snapshot build times so far.
    public var publishStatistics: PublishStatistics { publishes.withLock { $0 } }

    /// The snapshot readers search now.
    public var snapshot: IndexSnapshot { state.withLock { $0.snapshot } }

    /// Freezes the writer into a new snapshot if it changed since the last one.
    public func publish() {
        publishing.withLock { _ in
            guard let writer = state.withLock({ state -> IndexWriter? in
                guard state.dirty else { return nil }
                state.dirty = false
                return state.writer
            }) else { return }
            let started = DispatchTime.now().uptimeNanoseconds
            let fresh = writer.snapshot()
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
            publishes.withLock { $0.record(seconds) }
            state.withLock { state in
                if fresh.generation > state.snapshot.generation { state.snapshot = fresh }
                // The next publish rebuilds only the kinds changed after `fresh`.
                state.writer.rebase(on: fresh)
            }
        }
    }

    /// Applies committed changes to the index writer (publishing is separate).
    func apply(upserted: [Entity], deleted: [(kind: EntityKind, id: String)]) throws {
        try state.withLock { state in
            for entity in upserted { _ = try state.writer.upsert(entity) }
            for (kind, id) in deleted { _ = state.writer.delete(EntityKey(kind, id)) }
            if !upserted.isEmpty || !deleted.isEmpty { state.dirty = true }
            // Each entity handed here is one changed row (callers pass only what their writes
            // changed): the expected database sequence of the writer's content.
            state.appliedRowChanges += Int64(upserted.count + deleted.count)
        }
    }
    /// Occupations with their shipped skill profiles, as rankable entities.
    static func occupationEntities(_ taxonomy: Taxonomy) -> [SkillsCore.Occupation] {
        taxonomy.occupations.compactMap { occupation in
            let profile = taxonomy.profile(ofOccupation: occupation.id)
            guard !profile.isEmpty else { return nil }
            let top = profile.map(\.weight).max() ?? 1
            let skills = profile.prefix(50).map {
                SkillRequirement(skill: $0.skill, importance: max(0.05, min(1, $0.weight / max(top, 1e-6))))
            }
            var entity = SkillsCore.Occupation(code: occupation.id, title: occupation.title, description: occupation.description, skills: skills)
            entity.demand = Self.demand(taxonomy, occupation.socCode)
            return entity
        }
    }

    static func demand(_ taxonomy: Taxonomy, _ socCode: String) -> SkillsCore.Occupation.Demand {
        guard let national = taxonomy.wages.wage(socCode: socCode) else { return .init() }
        return .init(employment: national.employment.map(Double.init), medianWage: national.annualMedian.map(Double.init))
    }
}

/// Durations of ``Engine/publish()``'s snapshot builds, in seconds.
public struct PublishStatistics: Sendable {
    public private(set) var count = 0
    public private(set) var totalSeconds = 0.0
    public private(set) var maximumSeconds = 0.0
    public private(set) var lastSeconds = 0.0

    mutating func record(_ seconds: Double) {
        count += 1
        totalSeconds += seconds
        maximumSeconds = max(maximumSeconds, seconds)
        lastSeconds = seconds
    }
}
