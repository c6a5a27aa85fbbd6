/// The versioned schema: migration `n` brings `PRAGMA user_version` from `n - 1` to `n`.
///
/// Migrations only ever append: never edit a shipped step, add a new one. ``migrate(_:)`` runs in
/// one write transaction, so concurrent processes starting together apply each step exactly once.
public enum Schema {
    /// The schema version this build writes.
    public static var version: Int { migrations.count }

    static let migrations: [String] = [
        // 1: entities, ingest queue, API keys, credentials.
        """
        CREATE TABLE entities (
            row_id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            id TEXT NOT NULL,
            source TEXT,
            external_id TEXT,
            content_hash TEXT NOT NULL,
            document BLOB NOT NULL,
            profile BLOB,
            vector BLOB,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            deleted_at INTEGER,
            expires_at INTEGER,
            UNIQUE (kind, id)
        );
        CREATE UNIQUE INDEX entities_source ON entities(source, external_id)
            WHERE source IS NOT NULL AND external_id IS NOT NULL;
        CREATE INDEX entities_expiry ON entities(kind, expires_at)
            WHERE expires_at IS NOT NULL AND deleted_at IS NULL;

        CREATE TABLE ingest_tasks (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            created_at INTEGER NOT NULL,
            format TEXT NOT NULL,
            source TEXT NOT NULL,
            received INTEGER NOT NULL
        );
        CREATE TABLE ingest_items (
            id INTEGER PRIMARY KEY,
            task_id INTEGER NOT NULL REFERENCES ingest_tasks(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            state TEXT NOT NULL
                CHECK (state IN ('pending', 'processing', 'done', 'skipped', 'failed', 'dead')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at INTEGER NOT NULL,
            lease_owner TEXT,
            lease_expires_at INTEGER,
            error TEXT,
            updated_at INTEGER NOT NULL,
            UNIQUE (task_id, seq)
        );
        -- Payloads live apart so that claim and completion rewrite small rows, not pages of payload.
        CREATE TABLE ingest_payloads (
            item_id INTEGER PRIMARY KEY REFERENCES ingest_items(id) ON DELETE CASCADE,
            payload BLOB NOT NULL
        );
        CREATE INDEX ingest_items_ready ON ingest_items(next_attempt_at, id) WHERE state = 'pending';
        CREATE INDEX ingest_items_leased ON ingest_items(lease_expires_at) WHERE state = 'processing';
        CREATE INDEX ingest_items_task_state ON ingest_items(task_id, state);
        CREATE INDEX ingest_items_state ON ingest_items(state);

        CREATE TABLE api_keys (
            id TEXT PRIMARY KEY,
            secret_hash TEXT NOT NULL UNIQUE,
            role TEXT NOT NULL,
            candidate_id TEXT,
            label TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            revoked_at INTEGER
        );

        CREATE TABLE credentials (
            id INTEGER PRIMARY KEY,
            candidate_id TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            document BLOB NOT NULL,
            verification BLOB NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            UNIQUE (candidate_id, content_hash)
        );
        CREATE INDEX credentials_candidate ON credentials(candidate_id, id);
        """,
        // 2: a change counter over entities, so an index snapshot file can prove it is current.
        // Triggers, not store code: every row change from any process or path counts.
        """
        CREATE TABLE entity_changes (
            singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
            database_id TEXT NOT NULL,
            sequence INTEGER NOT NULL
        );
        INSERT INTO entity_changes VALUES (1, lower(hex(randomblob(16))), 0);
        CREATE TRIGGER entities_counted_insert AFTER INSERT ON entities
            BEGIN UPDATE entity_changes SET sequence = sequence + 1; END;
        CREATE TRIGGER entities_counted_update AFTER UPDATE ON entities
            BEGIN UPDATE entity_changes SET sequence = sequence + 1; END;
        CREATE TRIGGER entities_counted_delete AFTER DELETE ON entities
            BEGIN UPDATE entity_changes SET sequence = sequence + 1; END;
        """,
    ]

    /// The file's current `user_version`.
    public static func currentVersion(_ connection: SQLiteConnection) throws -> Int {
        try connection.withStatement("PRAGMA user_version") { statement in
            try statement.step() ? statement.int(0) : 0
        }
    }

    /// Applies every migration the file has not seen yet. Running it again changes nothing.
    public static func migrate(_ connection: SQLiteConnection) throws {
        try connection.write {
            let current = try currentVersion(connection)
            if current > version {
                throw StorageError(.schemaTooNew,
                                   "\(connection.path) has schema version \(current); this build knows up to \(version)")
            }
            for step in current..<version {
                try connection.execute(migrations[step])
            }
            if current != version { try connection.execute("PRAGMA user_version = \(version)") }
        }
    }
}
