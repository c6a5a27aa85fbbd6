import Foundation
import SkillsCore

/// API keys, stored hashed: a stolen database file yields no usable key.
///
/// Secrets carry 256 random bits, so a plain SHA-256 (no salt, no slow hash) is enough and lets
/// ``lookup(secret:)`` be one indexed query.
public struct APIKeyStore {
    public let connection: SQLiteConnection
    static let secretPrefix = "sk_"

    public init(_ connection: SQLiteConnection) {
        self.connection = connection
    }

    /// Creates a key and returns its secret (once).
    public func create(role: String, boundCandidateID: String? = nil, label: String = "",
                       at now: Date = Date()) throws -> CreatedAPIKey {
        guard !role.isEmpty else { throw StorageError(.invalidArgument, "an API key needs a role") }
        if boundCandidateID?.isEmpty == true {
            throw StorageError(.invalidArgument, "bound candidate id must not be empty when given")
        }
        var generator = SystemRandomNumberGenerator()  // getrandom(2): cryptographically secure
        let secretBytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let idBytes = (0..<8).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let secret = Self.secretPrefix + Self.base64URL(secretBytes)
        let record = APIKeyRecord(id: "key_" + SHA256.hex(idBytes), role: role, boundCandidateID: boundCandidateID,
                                  label: label, createdAt: Timestamp.date(Timestamp.milliseconds(now)), revokedAt: nil)
        try connection.write {
            try connection.withStatement("""
                INSERT INTO api_keys (id, secret_hash, role, candidate_id, label, created_at) VALUES (?, ?, ?, ?, ?, ?)
                """) {
                try $0.bind(1, record.id)
                try $0.bind(2, Self.hash(secret))
                try $0.bind(3, role)
                try $0.bind(4, boundCandidateID)
                try $0.bind(5, label)
                try $0.bind(6, Timestamp.milliseconds(now))
                try $0.run()
            }
        }
        return CreatedAPIKey(record: record, secret: secret)
    }

    /// The key a secret belongs to (revoked ones included: the caller decides), or `nil`.
    public func lookup(secret: String) throws -> APIKeyRecord? {
        guard secret.hasPrefix(Self.secretPrefix), secret.utf8.count < 256 else { return nil }
        return try connection.withStatement("SELECT \(Self.columns) FROM api_keys WHERE secret_hash = ?") {
            try $0.bind(1, Self.hash(secret))
            return try $0.step() ? Self.record($0) : nil
        }
    }

    /// Revokes a key; `false` when no unrevoked key has that id.
    @discardableResult
    public func revoke(id: String, at now: Date = Date()) throws -> Bool {
        try connection.write {
            try connection.withStatement("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL") {
                try $0.bind(1, Timestamp.milliseconds(now))
                try $0.bind(2, id)
                try $0.run()
            }
            return connection.changes > 0
        }
    }

    /// Every key, oldest first, without secrets.
    public func list() throws -> [APIKeyRecord] {
        try connection.withStatement("SELECT \(Self.columns) FROM api_keys ORDER BY created_at, id") {
            var records: [APIKeyRecord] = []
            while try $0.step() { records.append(Self.record($0)) }
            return records
        }
    }

    private static let columns = "id, role, candidate_id, label, created_at, revoked_at"

    private static func record(_ statement: SQLiteStatement) -> APIKeyRecord {
        APIKeyRecord(id: statement.text(0), role: statement.text(1), boundCandidateID: statement.optionalText(2),
                     label: statement.text(3), createdAt: Timestamp.date(statement.int64(4)),
                     revokedAt: Timestamp.date(statement.optionalInt64(5)))
    }

    static func hash(_ secret: String) -> String { SHA256.hexDigest(Array(secret.utf8)) }

    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
