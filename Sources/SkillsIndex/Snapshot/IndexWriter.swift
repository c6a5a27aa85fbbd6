import SkillsCore

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
    }

    public let configuration: IndexConfiguration
    public let profileBuilder: SkillProfileBuilder
    let analyzer = TextAnalyzer()
    var slots: [Slot?] = []
    var slotByKey: [EntityKey: Int32] = [:]
    var termIDs: [String: Int32] = [:]
    /// Bumped by every change; a snapshot carries the generation it was frozen at.
    public private(set) var generation: UInt64 = 0

    public init(configuration: IndexConfiguration = IndexConfiguration(), profileBuilder: SkillProfileBuilder) throws(IndexError) {
        try configuration.validate()
        self.configuration = configuration
        self.profileBuilder = profileBuilder
    }

    /// Number of live entities.
    public var count: Int { slotByKey.count }

    /// Adds `entity`, or replaces the entity with the same kind and id (tombstoning the old slot).
    ///
    /// - Returns: the new slot (document id).
    @discardableResult
    public mutating func upsert(_ entity: Entity) throws(IndexError) -> Int32 {
        do { try entity.validate() } catch { throw .invalidEntity(error) }
        let profile = profileBuilder.profile(for: entity)
        for entry in profile.entries where entry.skill >= configuration.skillCount {
            throw .unknownSkill(entry.skill, skillCount: configuration.skillCount)
        }
        let key = EntityKey(entity.kind, entity.id)
        if let old = slotByKey[key] { slots[Int(old)] = nil }
        let title = analyzer.terms(entity.title)
        let body = analyzer.terms(entity.body)
        var counts: [Int32: (title: UInt16, body: UInt16)] = [:]
        for term in title { counts[intern(term), default: (0, 0)].title &+= 1 }
        for term in body { counts[intern(term), default: (0, 0)].body &+= 1 }
        let terms = counts.map { (term: $0.key, title: $0.value.title, body: $0.value.body) }.sorted { $0.term < $1.term }
        let slot = Int32(slots.count)
        slots.append(Slot(
            entity: entity, profile: profile, attributes: DocumentAttributes(entity), terms: terms,
            titleLength: Int32(title.count), bodyLength: Int32(body.count)))
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
