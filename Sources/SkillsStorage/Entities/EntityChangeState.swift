/// Which database this is and how many entity row changes it has seen: an index snapshot that
/// recorded the same pair reflects exactly the stored entities.
///
/// `sequence` grows by one for every inserted, updated (a soft delete is an update) or purged
/// entity row, whoever wrote it (SQLite triggers); an upsert that leaves a row unchanged does not
/// count. `databaseID` is random per file, so a snapshot never matches a replaced database.
public struct EntityChangeState: Sendable, Hashable {
    public var databaseID: String
    public var sequence: Int64

    public init(databaseID: String, sequence: Int64) {
        self.databaseID = databaseID
        self.sequence = sequence
    }
}

extension EntityStore {
    /// The current change state. Inside ``SQLiteConnection/read(_:)`` it belongs to the same
    /// snapshot as the scans around it (how a rebuild records what it has read).
    public func changeState() throws -> EntityChangeState {
        try connection.withStatement("SELECT database_id, sequence FROM entity_changes WHERE singleton = 1") { statement in
            guard try statement.step() else { throw StorageError(.corrupt, "entity_changes has no row") }
            return EntityChangeState(databaseID: statement.text(0), sequence: statement.int64(1))
        }
    }
}
