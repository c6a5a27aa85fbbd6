import SkillsCore
import SkillsVectors

/// The single writer of the index: adds, replaces and deletes entities, then freezes an
/// ``IndexSnapshot`` that readers search while the writer moves on.
///
/// Documents live in slots numbered by arrival; a replaced or deleted entity leaves a tombstone
/// (an empty slot) so slot numbers, and with them cursors, stay stable. ``snapshot()`` builds the
/// postings from the live slots, because BM25 statistics and skill IDFs depend on the whole corpus.
///
/// ```swift
/// var writer = try IndexWriter(profileBuilder: SkillProfileBuilder(asOf: now))
/// try writer.upsert(.job(job))
/// let snapshot = writer.snapshot()
/// ```
public struct IndexWriter: Sendable {
    struct Slot: Sendable {
        var entity: Entity
        var profile: SkillProfile
        var attributes: DocumentAttributes
        /// (term, title tf, body tf), one per distinct term.
        var terms: [(term: Int32, title: UInt16, body: UInt16)]
        var titleLength: Int32
        var bodyLength: Int32
        /// Row of the entity's vector in its kind's ``KindVectors`` (-1: no vector).
        var vectorRow: Int32 = -1
    }

    public let configuration: IndexConfiguration
    public let profileBuilder: SkillProfileBuilder
    /// Turns profiles into entity vectors; `nil`: the index holds no vectors.
    public let entityVectors: EntityVectorBuilder?
    /// Entity vectors per kind (indexed like the partitions), appended as entities arrive.
    var vectors: [KindVectors] = []
    let analyzer = TextAnalyzer()
    var slots: [Slot?] = []
    var slotByKey: [EntityKey: Int32] = [:]
    var termIDs: [String: Int32] = [:]
    /// Bumped by every change; a snapshot carries the generation it was frozen at.
    public private(set) var generation: UInt64 = 0

    /// - Parameter entityVectors: when given, every entity gets a vector (its profile's skill
    ///   vectors summed and normalised, see ``EntityVectorBuilder``); its skill vectors MUST number
    ///   `configuration.skillCount`.
    public init(
        configuration: IndexConfiguration = IndexConfiguration(), profileBuilder: SkillProfileBuilder,
        entityVectors: EntityVectorBuilder? = nil
    ) throws(IndexError) {
        try configuration.validate()
        if let entityVectors, entityVectors.skills.count != configuration.skillCount {
            throw .invalidConfiguration(
                "entityVectors", "has \(entityVectors.skills.count) skill vectors for \(configuration.skillCount) skills")
        }
        self.configuration = configuration
        self.profileBuilder = profileBuilder
        self.entityVectors = entityVectors
        if let entityVectors {
            vectors = EntityKind.allCases.map { _ in KindVectors(dimension: entityVectors.skills.dimension) }
        }
    }

    /// Number of live entities.
    public var count: Int { slotByKey.count }

    /// Adds `entity`, or replaces the entity with the same kind and id (tombstoning the old slot).
    ///
    /// - Parameter vector: the entity's stored vector (restart: no recomputation); `nil` computes it
    ///   from the profile. Ignored when the writer holds no vectors.
    /// - Returns: the new slot (document id).
    @discardableResult
    public mutating func upsert(_ entity: Entity, vector: [Float]? = nil) throws(IndexError) -> Int32 {
        do { try entity.validate() } catch { throw .invalidEntity(error) }
        let profile = profileBuilder.profile(for: entity)
        for entry in profile.entries where entry.skill >= configuration.skillCount {
            throw .unknownSkill(entry.skill, skillCount: configuration.skillCount)
        }
        let entityVector = try self.vector(of: profile, given: vector)
        let key = EntityKey(entity.kind, entity.id)
        if let old = slotByKey[key] { slots[Int(old)] = nil }
        let title = analyzer.terms(entity.title)
        let body = analyzer.terms(entity.body)
        var counts: [Int32: (title: UInt16, body: UInt16)] = [:]
        for term in title { counts[intern(term), default: (0, 0)].title &+= 1 }
        for term in body { counts[intern(term), default: (0, 0)].body &+= 1 }
        let terms = counts.map { (term: $0.key, title: $0.value.title, body: $0.value.body) }.sorted { $0.term < $1.term }
        let slot = Int32(slots.count)
        var vectorRow: Int32 = -1
        if let entityVector { vectorRow = vectors[IndexSnapshot.ordinal(entity.kind)].append(entityVector, document: slot) }
        slots.append(Slot(
            entity: entity, profile: profile, attributes: DocumentAttributes(entity), terms: terms,
            titleLength: Int32(title.count), bodyLength: Int32(body.count), vectorRow: vectorRow))
        slotByKey[key] = slot
        generation += 1
        return slot
    }

    /// Deletes the entity with `key`, leaving a tombstone.
    ///
    /// - Returns: `false` if no such entity was live.
    @discardableResult
    public mutating func delete(_ key: EntityKey) -> Bool {
        guard let slot = slotByKey.removeValue(forKey: key) else { return false }
        slots[Int(slot)] = nil
        generation += 1
        return true
    }

    /// The vector of the entity in `slot`; `nil` without vectors or for a tombstone.
    public func vector(of slot: Int32) -> [Float]? {
        guard slot >= 0, Int(slot) < slots.count, let s = slots[Int(slot)], s.vectorRow >= 0 else { return nil }
        return try? vectors[IndexSnapshot.ordinal(s.entity.kind)].matrix.row(s.vectorRow)
    }

    /// The entity vector to store: `given` when its length fits, else computed from `profile`.
    private func vector(of profile: SkillProfile, given: [Float]?) throws(IndexError) -> [Float]? {
        guard let entityVectors else { return nil }
        if let given {
            guard given.count == entityVectors.skills.dimension, given.allSatisfy(\.isFinite) else {
                throw IndexError(code: .invalidEntity,
                                 message: "entity vector has \(given.count) components, expected \(entityVectors.skills.dimension) finite values")
            }
            return given
        }
        return entityVectors.vector(of: profile)
    }

    private mutating func intern(_ term: String) -> Int32 {
        if let id = termIDs[term] { return id }
        let id = Int32(termIDs.count)
        termIDs[term] = id
        return id
    }

    /// Freezes the current state into an immutable, searchable snapshot.
    ///
    /// - Complexity: O(total postings): one pass for statistics, one to lay out postings.
    public func snapshot() -> IndexSnapshot {
        IndexSnapshot(writer: self)
    }
}
