import Foundation
import SkillsCore
import SkillsIndex
import SkillsIngestion
import SkillsStorage

/// What a write did.
public enum WriteOutcome: String, Sendable {
    case created
    case updated
    case unchanged
}

extension Engine {
    /// Creates or replaces an entity from its JSON: the profile format for candidates, the entity's
    /// own format for jobs and programs. Skills are resolved and extracted, the row is stored, and
    /// the index serves it before this returns.
    public func put(kind: EntityKind, id: String, json document: JSONValue, source: String = "api") throws -> (Entity, WriteOutcome) {
        guard kind != .occupation else { throw EngineError(.invalidEntity, "occupations come from the taxonomy and cannot be written") }
        guard !id.isEmpty, id.count <= 256, !id.contains("/") else {
            throw EngineError(.invalidEntity, "id must be 1…256 characters without '/'")
        }
        var draft: EntityDraft
        do {
            switch kind {
            case .candidate:
                var object = document.objectValue ?? JSONObject()
                if let bodyID = object["id"]?.stringValue, bodyID != id {
                    throw EngineError(.invalidEntity, "$.id '\(bodyID)' does not match the path id '\(id)'")
                }
                object = JSONObject(members: object.members.filter { $0.key != "id" } + [.init(key: "id", value: .string(id))])
                guard let first = try ProfileAdapter().drafts(from: .object(object), context: IngestContext(source: source)).first else {
                    throw EngineError(.invalidEntity, "empty profile")
                }
                draft = first
            default:
                draft = try NativeEntityAdapter(kind: kind, codec: codec).draft(id: id, document)
            }
        } catch let error as IngestError {
            throw EngineError(.invalidEntity, error.description)
        }
        // A skill named by id must exist: a typo in an id is an error, not a silently dropped skill.
        let unknown = draft.skills.compactMap { reference -> String? in
            guard let id = reference.id, resolver.resolve(reference) == nil else { return nil }
            return id
        }
        if !unknown.isEmpty {
            throw EngineError(.unknownSkill, "unknown skill id\(unknown.count > 1 ? "s" : "") \(unknown.prefix(5).joined(separator: ", "))")
        }
        let entity: Entity
        do {
            entity = try DraftResolver(resolver: resolver).entity(for: draft)
        } catch {
            throw EngineError(.invalidEntity, error.description)
        }
        let input = try persisting.storageInput(for: entity, source: source, contentHash: nil, expiresAt: nil)
        let outcome = try pool.with { try EntityStore($0).upsert(input) }
        if outcome != .unchanged {
            try apply(upserted: [entity], deleted: [])
            publish()
        }
        return (entity, outcome == .inserted ? .created : outcome == .updated ? .updated : .unchanged)
    }

    /// The stored entity, or `nil`.
    public func entity(kind: EntityKind, id: String) throws -> Entity? {
        if kind == .occupation {
            return snapshot.entityIfPresent(EntityKey(.occupation, id))
        }
        guard let stored = try pool.with({ try EntityStore($0).get(kind: kind.rawValue, id: id) }), stored.deletedAt == nil else {
            return nil
        }
        return try codec.decodeStored(kind: kind, stored.document)
    }

    /// Deletes an entity; `false` when there was none.
    public func delete(kind: EntityKind, id: String) throws -> Bool {
        guard kind != .occupation else { throw EngineError(.invalidEntity, "occupations cannot be deleted") }
        let removed = try pool.with { try EntityStore($0).delete(kind: kind.rawValue, id: id) }
        if removed {
            try apply(upserted: [], deleted: [(kind, id)])
            publish()
        }
        return removed
    }

    /// A page of stored entities of a kind, in id order.
    public func list(kind: EntityKind, limit: Int, after cursor: String?) throws -> (entities: [Entity], nextCursor: String?) {
        guard (1...1000).contains(limit) else { throw EngineError(.invalidQuery, "limit must be 1…1000, got \(limit)") }
        let page = try pool.with { try EntityStore($0).list(kind: kind.rawValue, after: cursor, limit: limit) }
        let entities = try page.entities.map { try codec.decodeStored(kind: kind, $0.document) }
        return (entities, page.nextCursor)
    }

    /// Live entities by kind in the current snapshot.
    public func counts() -> [EntityKind: Int] {
        let snapshot = self.snapshot
        return Dictionary(uniqueKeysWithValues: EntityKind.allCases.map { ($0, snapshot.count(of: $0)) })
    }

    var persisting: EnginePersisting { EnginePersisting(codec: codec, vector: storedVector) }
}

/// Stores entities as their codec JSON (skills by taxonomy id) with their entity vector.
struct EnginePersisting: EntityPersisting {
    let codec: EntityCodec
    let vector: @Sendable (Entity) -> Data

    func storageInput(for entity: Entity, source: String, contentHash: String?, expiresAt: Date?) throws -> EntityInput {
        var expires = expiresAt
        if case .job(let job) = entity { expires = expires ?? job.expiresOn }
        return EntityInput(
            kind: entity.kind.rawValue, id: entity.id, source: source, externalID: entity.id,
            document: try codec.encodeForStorage(entity), vector: vector(entity), expiresAt: expires, contentHash: contentHash)
    }

    func storageInput(for entity: Entity, source: String, contentHash: String, expiresAt: Date?) throws -> EntityInput {
        try storageInput(for: entity, source: source, contentHash: Optional(contentHash), expiresAt: expiresAt)
    }
}

extension IndexSnapshot {
    func entityIfPresent(_ key: EntityKey) -> Entity? {
        guard let document = try? document(for: key) else { return nil }
        return entity(document)
    }
}

extension Engine {
    /// Stores and indexes entities whose skills are already resolved (the demo dataset, imports),
    /// in one transaction; returns how many were new or changed.
    @discardableResult
    public func importEntities(_ entities: [Entity], source: String) throws -> Int {
        let persisting = self.persisting
        var changed: [Entity] = []
        try pool.with { connection in
            let store = EntityStore(connection)
            try connection.write {
                for entity in entities {
                    do { try entity.validate() } catch { throw EngineError(.invalidEntity, "\(entity.kind.rawValue) \(entity.id): \(error)") }
                    let input = try persisting.storageInput(for: entity, source: source, contentHash: nil, expiresAt: nil)
                    if try store.upsert(input) != .unchanged { changed.append(entity) }
                }
            }
        }
        try apply(upserted: changed, deleted: [])
        publish()
        return changed.count
    }

    /// Loads the demo dataset when the database holds no jobs, candidates or programs yet.
    @discardableResult
    public func loadDemoDataIfEmpty(asOf: Date = Date()) throws -> Int {
        let stored = try pool.with { connection in
            try [EntityKind.candidate, .job, .program].reduce(0) { $0 + (try EntityStore(connection).count(kind: $1.rawValue)) }
        }
        guard stored == 0 else { return 0 }
        return try importEntities(DemoDataset(taxonomy: taxonomy, asOf: asOf).generate(), source: "demo")
    }
}
