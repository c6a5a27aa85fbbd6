import Foundation
import SkillsCore

/// Credentials attached to candidates. Storing the same document again replaces its verification
/// result (re-verification) instead of adding a row.
public struct CredentialStore {
    public let connection: SQLiteConnection

    public init(_ connection: SQLiteConnection) {
        self.connection = connection
    }

    /// Stores (or re-verifies) a credential; returns its id.
    @discardableResult
    public func store(candidateID: String, document: Data, verification: Data, at now: Date = Date()) throws -> Int64 {
        guard !candidateID.isEmpty else { throw StorageError(.invalidArgument, "a credential needs a candidate id") }
        guard !document.isEmpty else { throw StorageError(.invalidArgument, "credential document is empty") }
        let hash = SHA256.hexDigest(document)
        let time = Timestamp.milliseconds(now)
        return try connection.write {
            try connection.withStatement("""
                INSERT INTO credentials (candidate_id, content_hash, document, verification, created_at, updated_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?5)
                ON CONFLICT (candidate_id, content_hash) DO UPDATE SET verification = ?4, updated_at = ?5
                RETURNING id
                """) {
                try $0.bind(1, candidateID)
                try $0.bind(2, hash)
                try $0.bind(3, document)
                try $0.bind(4, verification)
                try $0.bind(5, time)
                try $0.step()
                return $0.int64(0)
            }
        }
    }

    /// One credential by id.
    public func get(id: Int64) throws -> StoredCredential? {
        try connection.withStatement("SELECT \(Self.columns) FROM credentials WHERE id = ?") {
            try $0.bind(1, id)
            return try $0.step() ? Self.credential($0) : nil
        }
    }

    /// A candidate's credentials, oldest first.
    public func list(candidateID: String) throws -> [StoredCredential] {
        try connection.withStatement("SELECT \(Self.columns) FROM credentials WHERE candidate_id = ? ORDER BY id") {
            try $0.bind(1, candidateID)
            var rows: [StoredCredential] = []
            while try $0.step() { rows.append(Self.credential($0)) }
            return rows
        }
    }

    /// Removes one credential; `false` when there was none.
    @discardableResult
    public func delete(id: Int64) throws -> Bool {
        try connection.write {
            try connection.withStatement("DELETE FROM credentials WHERE id = ?") {
                try $0.bind(1, id)
                try $0.run()
            }
            return connection.changes > 0
        }
    }

    private static let columns = "id, candidate_id, content_hash, document, verification, created_at, updated_at"

    private static func credential(_ statement: SQLiteStatement) -> StoredCredential {
        StoredCredential(id: statement.int64(0), candidateID: statement.text(1), contentHash: statement.text(2),
                         document: statement.blob(3), verification: statement.blob(4),
                         createdAt: Timestamp.date(statement.int64(5)), updatedAt: Timestamp.date(statement.int64(6)))
    }
}
