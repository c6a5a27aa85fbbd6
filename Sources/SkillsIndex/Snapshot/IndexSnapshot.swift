import SkillsCore
import SkillsVectors

/// An immutable, searchable view of the index at one generation. Safe to share between threads.
///
/// Documents are addressed by slot (`Int32`); tombstoned slots have no entity and no postings.
public struct IndexSnapshot: Sendable {
    public let configuration: IndexConfiguration
    public let generation: UInt64
    let analyzer = TextAnalyzer()
    let entities: [Entity?]
    let profiles: [SkillProfile]
    let attributes: [DocumentAttributes?]
    let columns: AttributeColumns
    let slotByKey: [EntityKey: Int32]
    let termIDs: [String: Int32]
    let partitions: [KindPartition]
    /// Entity vectors per kind (empty when the index holds none) and each slot's row (-1: none).
    let vectors: [KindVectorIndex]
    let vectorRows: [Int32]
    /// How profiles become vectors (for query profiles such as a goal); `nil` without vectors.
    public let entityVectors: EntityVectorBuilder?

    init(writer: IndexWriter) {
        configuration = writer.configuration
        generation = writer.generation
        entities = writer.entities
        profiles = writer.profiles
        attributes = writer.attributes
        columns = writer.columns
        slotByKey = writer.slotByKey
        termIDs = writer.termIDs
        vectors = writer.vectors.map(KindVectorIndex.init)
        vectorRows = writer.vectorRows
        entityVectors = writer.entityVectors
        let termCount = writer.termStrings.count
        partitions = EntityKind.allCases.indices.map { k in
            if let base = writer.base, writer.kindGenerations[k] <= base.generation {
                return base.partitions[k].covering(termCount: termCount)
            }
            return KindPartition.build(ordinal: k, writer: writer)
        }
    }

    static func ordinal(_ kind: EntityKind) -> Int {
        switch kind {
        case .candidate: 0
        case .job: 1
        case .program: 2
        case .occupation: 3
        }
    }

    /// `k1 · (1 − b + b · length / averageLength)`.
    static func lengthNorm(_ c: IndexConfiguration, _ length: Float, _ average: Float) -> Float {
        c.k1 * (1 - c.b + c.b * (average > 0 ? length / average : 0))
    }

    /// BM25's term-frequency factor `tf · (k1 + 1) / (tf + norm)`.
    static func saturate(_ c: IndexConfiguration, _ tf: Float, _ norm: Float) -> Float {
        tf > 0 ? tf * (c.k1 + 1) / (tf + norm) : 0
    }

    // MARK: Documents

    /// Number of slots, live or tombstoned (document ids are `0..<slotCount`).
    public var slotCount: Int { entities.count }

    /// Number of live documents of `kind`.
    public func count(of kind: EntityKind) -> Int { partitions[Self.ordinal(kind)].liveCount }

    /// The document id of a live entity.
    public func document(for key: EntityKey) throws(IndexError) -> Int32 {
        guard let doc = slotByKey[key] else { throw .unknownEntity(key.kind, key.id) }
        return doc
    }

    /// The entity in slot `doc`, `nil` for a tombstone.
    public func entity(_ doc: Int32) -> Entity? { entities[Int(doc)] }

    /// The skill profile of slot `doc` (empty for a tombstone).
    public func profile(_ doc: Int32) -> SkillProfile { profiles[Int(doc)] }

    /// The filterable attributes of slot `doc`.
    public func attributes(_ doc: Int32) -> DocumentAttributes? { attributes[Int(doc)] }

    /// IDF of `skill` among documents of `kind` (0 when no document has it).
    public func skillIDF(_ skill: Int32, in kind: EntityKind) -> Float {
        let part = partitions[Self.ordinal(kind)]
        return Int(skill) < part.skillIDF.count && skill >= 0 ? part.skillIDF[Int(skill)] : 0
    }
}
