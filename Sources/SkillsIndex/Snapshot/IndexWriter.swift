import SkillsCore
import SkillsVectors

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
    /// Turns profiles into entity vectors; `nil`: the index holds no vectors.
    public let entityVectors: EntityVectorBuilder?
    /// Entity vectors per kind (indexed like the partitions), appended as entities arrive.
    var vectors: [KindVectors] = []
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
    /// Row of each slot's vector in its kind's ``KindVectors`` (-1: none or a tombstone); empty
    /// when the writer holds no vectors.
    var vectorRows: [Int32] = []
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
        let ordinal = IndexSnapshot.ordinal(entity.kind)
        entities.append(entity)
        profiles.append(profile)
        self.attributes.append(attributes)
        columns.append(attributes)
        kinds.append(UInt8(ordinal))
        titleLengths.append(Int32(titleLength))
        bodyLengths.append(Int32(bodyLength))
        if let entityVector { vectorRows.append(vectors[ordinal].append(entityVector, document: slot)) }
        else if entityVectors != nil { vectorRows.append(-1) }
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
        if !vectorRows.isEmpty { vectorRows[s] = -1 }
    }

    /// The vector of the entity in `slot`; `nil` without vectors or for a tombstone.
    public func vector(of slot: Int32) -> [Float]? {
        guard slot >= 0, Int(slot) < vectorRows.count, vectorRows[Int(slot)] >= 0 else { return nil }
        return try? vectors[Int(kinds[Int(slot)])].matrix.row(vectorRows[Int(slot)])
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
