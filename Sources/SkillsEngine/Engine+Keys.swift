import Foundation
import SkillsStorage

extension Engine {
    /// Creates an API key and returns its record and secret; the secret is never stored, only its hash.
    public func createAPIKey(role: String, boundCandidateID: String? = nil, label: String = "") throws -> CreatedAPIKey {
        try pool.with { try APIKeyStore($0).create(role: role, boundCandidateID: boundCandidateID, label: label) }
    }

    /// Revokes a key by id; `false` when no unrevoked key has that id.
    @discardableResult
    public func revokeAPIKey(id: String) throws -> Bool {
        try pool.with { try APIKeyStore($0).revoke(id: id) }
    }

    /// Every key, oldest first, without secrets.
    public func apiKeys() throws -> [APIKeyRecord] {
        try pool.with { try APIKeyStore($0).list() }
    }

    /// The key a presented secret belongs to (revoked keys included: the caller decides), or `nil`.
    public func apiKey(secret: String) throws -> APIKeyRecord? {
        try pool.with { try APIKeyStore($0).lookup(secret: secret) }
    }
}
