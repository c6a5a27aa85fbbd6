import Foundation

/// An API key as stored: never the secret itself, only its SHA-256.
public struct APIKeyRecord: Sendable, Equatable {
    /// Public identifier, safe to log and to show (`key_` + 16 hex characters).
    public var id: String
    /// The role string; the API layer validates and enforces roles.
    public var role: String
    /// The candidate a learner key is bound to.
    public var boundCandidateID: String?
    public var label: String
    public var createdAt: Date
    public var revokedAt: Date?

    public var isRevoked: Bool { revokedAt != nil }
}

/// A key just created: the only moment its secret exists outside the caller's hands.
public struct CreatedAPIKey: Sendable {
    public var record: APIKeyRecord
    /// `sk_` followed by 32 random bytes in base64url. Show it once; it cannot be recovered.
    public var secret: String
}
