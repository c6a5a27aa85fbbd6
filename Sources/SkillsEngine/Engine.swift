import Foundation
import SkillsCore
import SkillsIndex
import SkillsIngestion
import SkillsRanking
import SkillsSemantic
import SkillsStorage
import SkillsTaxonomy
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
    }
    let state: Mutex<State>
    /// Serialises snapshot building so two publishers never race on the same work.
    let publishing = Mutex<Void>(())

    /// Loads the taxonomy and ranking configuration, opens the database and rebuilds the index
    /// from stored entities (no re-extraction).
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
        self.related = TaxonomyRelatedSkills(taxonomy: taxonomy)
        self.database = try SQLiteDatabase(path: configuration.databasePath)
        self.pool = ConnectionPool(database: database)

        var indexConfiguration = IndexConfiguration()
        indexConfiguration.skillCount = taxonomy.skills.count
        var writer = try IndexWriter(configuration: indexConfiguration, profileBuilder: SkillProfileBuilder(asOf: now))
        for occupation in Self.occupationEntities(taxonomy) {
            _ = try writer.upsert(.occupation(occupation))
        }
        let codec = self.codec
        try pool.with { connection in
            let store = EntityStore(connection)
            for kind in [EntityKind.candidate, .job, .program] {
                _ = try store.scan(kind: kind.rawValue, fields: .document) { row in
                    guard let document = row.document else { return }
                    // A stored row that no longer decodes (e.g. a skill removed from the taxonomy)
                    // is left out of the index rather than failing the start.
                    if let entity = try? codec.decodeStored(kind: kind, document) { _ = try? writer.upsert(entity) }
                }
            }
        }
        self.state = Mutex(State(writer: writer, snapshot: writer.snapshot()))
    }

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
            let fresh = writer.snapshot()
            state.withLock { state in
                if fresh.generation > state.snapshot.generation { state.snapshot = fresh }
            }
        }
    }

    /// Applies committed changes to the index writer (publishing is separate).
    func apply(upserted: [Entity], deleted: [(kind: EntityKind, id: String)]) throws {
        try state.withLock { state in
            for entity in upserted { _ = try state.writer.upsert(entity) }
            for (kind, id) in deleted { _ = state.writer.delete(EntityKey(kind, id)) }
            if !upserted.isEmpty || !deleted.isEmpty { state.dirty = true }
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
