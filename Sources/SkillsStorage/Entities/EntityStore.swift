import Foundation

/// Entities (candidates, jobs, programs: storage treats the kind as an opaque string) keyed by
/// `(kind, id)`, with their JSON document, skill-profile and vector blobs.
///
/// Every method runs in its own transaction, or joins the caller's when called inside
/// ``SQLiteConnection/write(_:)`` (how a worker commits an entity and its queue item together).
public struct EntityStore {
    public let connection: SQLiteConnection

    public init(_ connection: SQLiteConnection) {
        self.connection = connection
    }

    private static let columns = """
        kind, id, source, external_id, content_hash, document, profile, vector,
        created_at, updated_at, deleted_at, expires_at
        """

    // MARK: Writing

    /// Inserts or replaces one entity. A live entity whose stored hash equals the input's is left
    /// untouched (`.unchanged`); a soft-deleted one comes back (`.inserted`).
    ///
    /// Throws `.constraint` when `(source, externalID)` already belongs to another entity.
    @discardableResult
    public func upsert(_ input: EntityInput, at now: Date = Date()) throws -> UpsertOutcome {
        try Self.validate(kind: input.kind, id: input.id)
        return try connection.write { try upsertRow(input, time: Timestamp.milliseconds(now)) }
    }

    /// Upserts many entities in one transaction, all or nothing; outcomes in input order.
    public func upsert(_ inputs: [EntityInput], at now: Date = Date()) throws -> [UpsertOutcome] {
        for input in inputs { try Self.validate(kind: input.kind, id: input.id) }
        let time = Timestamp.milliseconds(now)
        return try connection.write { try inputs.map { try upsertRow($0, time: time) } }
    }

    /// Soft-deletes a live entity: it leaves lists, counts and scans. `false` when there was no
    /// live entity with that key.
    @discardableResult
    public func delete(kind: String, id: String, at now: Date = Date()) throws -> Bool {
        try Self.validate(kind: kind, id: id)
        return try connection.write {
            try connection.withStatement(
                "UPDATE entities SET deleted_at = ?, updated_at = ? WHERE kind = ? AND id = ? AND deleted_at IS NULL"
            ) { statement in
                let time = Timestamp.milliseconds(now)
                try statement.bind(1, time)
                try statement.bind(2, time)
                try statement.bind(3, kind)
                try statement.bind(4, id)
                try statement.run()
            }
            return connection.changes > 0
        }
    }

    /// Removes rows soft-deleted before `date` for good; returns how many.
    @discardableResult
    public func purgeDeleted(before date: Date) throws -> Int {
        try connection.write {
            try connection.withStatement("DELETE FROM entities WHERE deleted_at IS NOT NULL AND deleted_at < ?") {
                try $0.bind(1, Timestamp.milliseconds(date))
                try $0.run()
            }
            return connection.changes
        }
    }

    // MARK: Reading

    /// The entity with this key, deleted or not; `nil` when it never existed (or was purged).
    public func get(kind: String, id: String) throws -> StoredEntity? {
        try Self.validate(kind: kind, id: id)
        return try connection.withStatement("SELECT \(Self.columns) FROM entities WHERE kind = ? AND id = ?") {
            try $0.bind(1, kind)
            try $0.bind(2, id)
            return try $0.step() ? Self.entity($0) : nil
        }
    }

    /// The key of the entity holding `(source, externalID)`, deleted or not.
    public func find(source: String, externalID: String) throws -> (kind: String, id: String)? {
        try connection.withStatement("SELECT kind, id FROM entities WHERE source = ? AND external_id = ?") {
            try $0.bind(1, source)
            try $0.bind(2, externalID)
            return try $0.step() ? ($0.text(0), $0.text(1)) : nil
        }
    }

    /// The stored content hash of a live entity: lets a worker skip extraction for unchanged input.
    public func contentHash(kind: String, id: String) throws -> String? {
        try connection.withStatement(
            "SELECT content_hash FROM entities WHERE kind = ? AND id = ? AND deleted_at IS NULL"
        ) {
            try $0.bind(1, kind)
            try $0.bind(2, id)
            return try $0.step() ? $0.text(0) : nil
        }
    }

    /// One page of a kind's entities in id order. Stable under concurrent inserts: every entity
    /// present for the whole walk is returned exactly once.
    public func list(kind: String, filter: EntityFilter = EntityFilter(), after cursor: String? = nil,
                     limit: Int = 100) throws -> EntityPage {
        guard (1...10_000).contains(limit) else {
            throw StorageError(.invalidArgument, "limit must be in 1...10000, got \(limit)")
        }
        let (clause, bind) = Self.whereClause(kind: kind, filter: filter, after: cursor)
        let sql = "SELECT \(Self.columns) FROM entities WHERE \(clause) ORDER BY id LIMIT ?"
        var entities = try connection.withStatement(sql) { statement in
            let next = try bind(statement)
            try statement.bind(next, limit + 1)
            var rows: [StoredEntity] = []
            while try statement.step() { rows.append(Self.entity(statement)) }
            return rows
        }
        var nextCursor: String?
        if entities.count > limit {
            entities.removeLast()
            nextCursor = entities.last?.id
        }
        return EntityPage(entities: entities, nextCursor: nextCursor)
    }

    /// How many entities of a kind match the filter.
    public func count(kind: String, filter: EntityFilter = EntityFilter()) throws -> Int {
        let (clause, bind) = Self.whereClause(kind: kind, filter: filter, after: nil)
        return try connection.withStatement("SELECT count(*) FROM entities WHERE \(clause)") { statement in
            _ = try bind(statement)
            return try statement.step() ? statement.int(0) : 0
        }
    }

    /// Ids of live entities whose `expiresAt` is at or before `date` (for dropping them from the index).
    public func expiredIDs(kind: String, at date: Date) throws -> [String] {
        try connection.withStatement("""
            SELECT id FROM entities
            WHERE kind = ? AND expires_at IS NOT NULL AND expires_at <= ? AND deleted_at IS NULL ORDER BY id
            """) { statement in
            try statement.bind(1, kind)
            try statement.bind(2, Timestamp.milliseconds(date))
            var ids: [String] = []
            while try statement.step() { ids.append(statement.text(0)) }
            return ids
        }
    }

    /// Streams every non-deleted entity of a kind (expired ones included: they carry `expiresAt`)
    /// from one consistent snapshot, in storage order. For rebuilding the index on restart.
    /// Returns how many rows were visited.
    @discardableResult
    public func scan(kind: String, fields: ScanFields = .all, _ body: (ScannedEntity) throws -> Void) throws -> Int {
        try scanBuffers(kind: kind, fields: fields) { row in
            let statement = row.statement
            try body(ScannedEntity(
                id: row.id, document: statement.optionalBlob(1), profile: statement.optionalBlob(2),
                vector: statement.optionalBlob(3), expiresAt: row.expiresAt, updatedAt: row.updatedAt))
        }
    }

    /// ``scan(kind:fields:_:)`` without copying blobs: `body` reads SQLite's buffers in place.
    @discardableResult
    public func scanBuffers(kind: String, fields: ScanFields = .all, _ body: (ScanRowView) throws -> Void) throws -> Int {
        // A table scan in row order reads the file sequentially; the (kind, id) index would not.
        let sql = """
            SELECT id, \(fields.contains(.document) ? "document" : "NULL"), \(fields.contains(.profile) ? "profile" : "NULL"),
                   \(fields.contains(.vector) ? "vector" : "NULL"), expires_at, updated_at
            FROM entities NOT INDEXED WHERE kind = ? AND deleted_at IS NULL
            """
        return try connection.read {
            try connection.withStatement(sql) { statement in
                try statement.bind(1, kind)
                var visited = 0
                let row = ScanRowView(statement: statement)
                while try statement.step() {
                    try body(row)
                    visited += 1
                }
                return visited
            }
        }
    }

    /// Replaces the vector blob of live entities (the vector space changed: new skill vectors), in one
    /// transaction, leaving documents, content hashes and timestamps alone. Returns the rows changed.
    @discardableResult
    public func setVectors(kind: String, _ vectors: [(id: String, vector: Data)]) throws -> Int {
        try connection.write {
            try connection.withStatement("UPDATE entities SET vector = ?1 WHERE kind = ?2 AND id = ?3 AND deleted_at IS NULL") { statement in
                var changed = 0
                for (id, vector) in vectors {
                    statement.reset()
                    try statement.bind(1, vector)
                    try statement.bind(2, kind)
                    try statement.bind(3, id)
                    _ = try statement.step()
                    changed += connection.changes
                }
                return changed
            }
        }
    }

    // MARK: Helpers

    /// One upsert inside the caller's transaction (no savepoint per row in batches).
    private func upsertRow(_ input: EntityInput, time: Int64) throws -> UpsertOutcome {
        let hash = input.contentHash ?? input.defaultContentHash
        let existing = try connection.withStatement(
            "SELECT content_hash, deleted_at FROM entities WHERE kind = ? AND id = ?"
        ) { statement -> (hash: String, deleted: Bool)? in
            try statement.bind(1, input.kind)
            try statement.bind(2, input.id)
            guard try statement.step() else { return nil }
            return (statement.text(0), !statement.isNull(1))
        }
        if let existing, existing.hash == hash, !existing.deleted { return .unchanged }
        guard let existing else {
            try connection.withStatement("""
                INSERT INTO entities (kind, id, source, external_id, content_hash, document, profile, vector,
                                      created_at, updated_at, deleted_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)
                """) { statement in
                try bindContent(statement, input, hash: hash)
                try statement.bind(9, time)
                try statement.bind(10, time)
                try statement.bind(11, input.expiresAt.map(Timestamp.milliseconds))
                try statement.run()
            }
            return .inserted
        }
        try connection.withStatement("""
            UPDATE entities SET source = ?3, external_id = ?4, content_hash = ?5, document = ?6, profile = ?7,
                vector = ?8, updated_at = ?9, deleted_at = NULL, expires_at = ?10
            WHERE kind = ?1 AND id = ?2
            """) { statement in
            try bindContent(statement, input, hash: hash)
            try statement.bind(9, time)
            try statement.bind(10, input.expiresAt.map(Timestamp.milliseconds))
            try statement.run()
        }
        return existing.deleted ? .inserted : .updated
    }

    private func bindContent(_ statement: SQLiteStatement, _ input: EntityInput, hash: String) throws {
        try statement.bind(1, input.kind)
        try statement.bind(2, input.id)
        try statement.bind(3, input.source)
        try statement.bind(4, input.externalID)
        try statement.bind(5, hash)
        try statement.bind(6, input.document)
        try statement.bind(7, input.profile)
        try statement.bind(8, input.vector)
    }

    private static func entity(_ statement: SQLiteStatement) -> StoredEntity {
        StoredEntity(
            kind: statement.text(0), id: statement.text(1), source: statement.optionalText(2),
            externalID: statement.optionalText(3), contentHash: statement.text(4), document: statement.blob(5),
            profile: statement.optionalBlob(6), vector: statement.optionalBlob(7),
            createdAt: Timestamp.date(statement.int64(8)), updatedAt: Timestamp.date(statement.int64(9)),
            deletedAt: Timestamp.date(statement.optionalInt64(10)), expiresAt: Timestamp.date(statement.optionalInt64(11)))
    }

    /// The WHERE clause for a filter, and a binder returning the next free parameter index.
    private static func whereClause(kind: String, filter: EntityFilter, after cursor: String?)
        -> (String, (SQLiteStatement) throws -> Int32) {
        var conditions = ["kind = ?"]
        var binders: [(SQLiteStatement, Int32) throws -> Void] = [{ try $0.bind($1, kind) }]
        if !filter.includeDeleted { conditions.append("deleted_at IS NULL") }
        if let source = filter.source {
            conditions.append("source = ?")
            binders.append { try $0.bind($1, source) }
        }
        if let since = filter.updatedSince {
            conditions.append("updated_at >= ?")
            binders.append { try $0.bind($1, Timestamp.milliseconds(since)) }
        }
        if let liveAt = filter.liveAt {
            conditions.append("(expires_at IS NULL OR expires_at > ?)")
            binders.append { try $0.bind($1, Timestamp.milliseconds(liveAt)) }
        }
        if let cursor {
            conditions.append("id > ?")
            binders.append { try $0.bind($1, cursor) }
        }
        let clause = conditions.joined(separator: " AND ")
        return (clause, { statement in
            for (offset, bind) in binders.enumerated() { try bind(statement, Int32(offset + 1)) }
            return Int32(binders.count + 1)
        })
    }

    static func validate(kind: String, id: String) throws {
        if kind.isEmpty { throw StorageError(.invalidArgument, "entity kind must not be empty") }
        if id.isEmpty { throw StorageError(.invalidArgument, "entity id must not be empty (kind \(kind))") }
    }
}
