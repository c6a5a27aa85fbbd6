import SkillsCore

/// The single writer of the index: adds, replaces and deletes entities, then freezes an
/// ``IndexSnapshot`` that readers search while the writer moves on.
///
/// Documents live in slots numbered by arrival; a replaced or deleted entity leaves a tombstone
/// (an empty slot) so slot numbers, and with them cursors, stay stable. ``snapshot()`` lays out
/// the postings, because BM25 statistics and skill IDFs depend on the whole corpus; after the
/// first snapshot it reuses the previous one and only redoes what the changes since touched
/// (see ``snapshot()``).
///
/// ```swift
/// var writer = try IndexWriter(profileBuilder: SkillProfileBuilder(asOf: now))
/// try writer.upsert(.job(job))
/// let snapshot = writer.snapshot()
/// ```
public struct IndexWriter: Sendable {
    public let configuration: IndexConfiguration
    public let profileBuilder: SkillProfileBuilder
    let analyzer = TextAnalyzer()

    // Per slot, indexed by document id. Flat arrays rather than one struct per slot: the snapshot
    // build walks them in tight loops without retaining anything.
    var entities: [Entity?] = []
    var profiles: [SkillProfile] = []
    var attributes: [DocumentAttributes?] = []
    var columns = AttributeColumns([])
    /// Kind ordinal (``IndexSnapshot/ordinal(_:)``) of a live slot, ``IndexWriter/tombstone`` otherwise.
    var kinds: [UInt8] = []
    var titleLengths: [Int32] = []
    var bodyLengths: [Int32] = []
    /// Slot `s`'s distinct terms are `termList[termStart[s]..<termStart[s + 1]]`, ascending, with
    /// their title and body frequencies alongside. Tombstoned slots keep theirs (they are skipped).
    var termStart: [Int] = [0]
    var termList: [Int32] = []
    var termTitleFrequency: [UInt16] = []
    var termBodyFrequency: [UInt16] = []

    var slotByKey: [EntityKey: Int32] = [:]
    /// Term ids for the snapshot's query side (kept in step with `terms`).
    var termIDs: [String: Int32] = [:]
    /// Term ids for indexing, by bytes.
    var terms = TermTable()
    /// Term strings by id (the inverse of `termIDs`), for persistence.
    var termStrings: [String] { terms.strings }
    /// Per-document term frequencies by term id, zero between upserts (dense: no hashing).
    var scratch = TermCounter()
    /// Bumped by every change; a snapshot carries the generation it was frozen at.
    public internal(set) var generation: UInt64 = 0
    /// Per kind ordinal, the generation of its last change: a kind unchanged since `base` was
    /// frozen keeps `base`'s postings.
    var kindGenerations = [UInt64](repeating: 0, count: EntityKind.allCases.count)
    /// The last published snapshot (see ``rebase(on:)``), whose unchanged partitions are reused.
    var base: IndexSnapshot? {
        get { baseBox?.snapshot }
        set { baseBox = newValue.map(SnapshotBox.init) }
    }
    /// Boxed so the writer stays a small value (the engine copies it at every publish).
    private var baseBox: SnapshotBox?

    static let tombstone: UInt8 = .max

    public init(configuration: IndexConfiguration = IndexConfiguration(), profileBuilder: SkillProfileBuilder) throws(IndexError) {
        try configuration.validate()
        self.configuration = configuration
        self.profileBuilder = profileBuilder
    }

    /// Number of live entities.
    public var count: Int { slotByKey.count }

    /// Number of slots, live or tombstoned.
    public var slotCount: Int { entities.count }

    /// The live entity with `key`, if any.
    public func entity(_ key: EntityKey) -> Entity? {
        slotByKey[key].flatMap { entities[Int($0)] }
    }

    /// Ids of the live entities of `kind`, in slot order.
    public func ids(of kind: EntityKind) -> [String] {
        let ordinal = UInt8(IndexSnapshot.ordinal(kind))
        return kinds.indices.compactMap { kinds[$0] == ordinal ? entities[$0]?.id : nil }
    }

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
        if let old = slotByKey[key] { tombstone(old) }
        let slot = Int32(entities.count)
        // The tables move into locals for the term loop, so its closures capture no `self`
        // (moved, not copied: each stays uniquely referenced).
        var counter = TermCounter(), table = TermTable(), ids: [String: Int32] = [:]
        swap(&counter, &scratch)
        swap(&table, &terms)
        swap(&ids, &termIDs)
        func count(_ text: String, title: Bool) -> Int {
            analyzer.forEachTerm(text) { word in
                let (id, isNew) = table.intern(word)
                if isNew { ids[table.strings[Int(id)]] = id }
                counter.count(id, title: title)
            }
        }
        let titleLength = count(entity.title, title: true)
        let bodyLength = count(entity.body, title: false)
        counter.drain(into: &termList, &termTitleFrequency, &termBodyFrequency)
        swap(&counter, &scratch)
        swap(&table, &terms)
        swap(&ids, &termIDs)
        termStart.append(termList.count)
        let attributes = DocumentAttributes(entity)
        entities.append(entity)
        profiles.append(profile)
        self.attributes.append(attributes)
        columns.append(attributes)
        kinds.append(UInt8(IndexSnapshot.ordinal(entity.kind)))
        titleLengths.append(Int32(titleLength))
        bodyLengths.append(Int32(bodyLength))
        slotByKey[key] = slot
        generation += 1
        kindGenerations[IndexSnapshot.ordinal(entity.kind)] = generation
        return slot
    }

    /// Deletes the entity with `key`, leaving a tombstone.
    ///
    /// - Returns: `false` if no such entity was live.
    @discardableResult
    public mutating func delete(_ key: EntityKey) -> Bool {
        guard let slot = slotByKey.removeValue(forKey: key) else { return false }
        generation += 1
        kindGenerations[IndexSnapshot.ordinal(key.kind)] = generation
        tombstone(slot)
        return true
    }

    private mutating func tombstone(_ slot: Int32) {
        let s = Int(slot)
        kinds[s] = Self.tombstone
        entities[s] = nil
        profiles[s] = .empty
        attributes[s] = nil
    }

    /// Freezes the current state into an immutable, searchable snapshot.
    ///
    /// Kinds that changed since the snapshot passed to ``rebase(on:)`` get their postings laid out
    /// again (a counting sort over their slots: BM25 statistics and IDFs depend on the whole kind);
    /// the others are shared with that snapshot as they are. Entities, profiles and filter columns
    /// are shared with the writer, not copied.
    ///
    /// - Complexity: O(slots + postings of the changed kinds).
    public func snapshot() -> IndexSnapshot {
        IndexSnapshot(writer: self)
    }

    /// Makes `snapshot` (frozen from this writer or an earlier copy of it) the base the next
    /// ``snapshot()`` reuses unchanged partitions from. Ignored if older than the current base.
    public mutating func rebase(on snapshot: IndexSnapshot) {
        guard snapshot.generation <= generation, snapshot.generation >= (base?.generation ?? 0) else { return }
        base = snapshot
    }
}

final class SnapshotBox: Sendable {
    let snapshot: IndexSnapshot
    init(_ snapshot: IndexSnapshot) { self.snapshot = snapshot }
}

/// Distinct terms of one document with their per-field frequencies: dense arrays by term id and
/// the list of ids touched, reset by ``drain(into:_:_:)``.
struct TermCounter: Sendable {
    private var title: [UInt16] = []
    private var body: [UInt16] = []
    private var touched: [Int32] = []

    mutating func count(_ term: Int32, title isTitle: Bool) {
        let t = Int(term)
        if t >= title.count {
            title.append(contentsOf: repeatElement(0, count: t + 1 - title.count))
            body.append(contentsOf: repeatElement(0, count: t + 1 - body.count))
        }
        if title[t] == 0 && body[t] == 0 { touched.append(term) }
        if isTitle { title[t] &+= 1 } else { body[t] &+= 1 }
    }

    /// Appends (term, title tf, body tf) in ascending term order and resets.
    mutating func drain(into terms: inout [Int32], _ titles: inout [UInt16], _ bodies: inout [UInt16]) {
        touched.sort()
        for term in touched {
            let t = Int(term)
            terms.append(term)
            titles.append(title[t])
            bodies.append(body[t])
            title[t] = 0
            body[t] = 0
        }
        touched.removeAll(keepingCapacity: true)
    }
}
