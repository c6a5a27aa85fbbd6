import Foundation

/// A credential document (Open Badges 3.0, CLR 2.0) kept for a candidate, with its verification result.
public struct StoredCredential: Sendable, Equatable {
    public var id: Int64
    public var candidateID: String
    /// SHA-256 of the document bytes: the same document stored twice for a candidate is one row.
    public var contentHash: String
    public var document: Data
    /// The verifier's result as JSON (opaque here).
    public var verification: Data
    public var createdAt: Date
    public var updatedAt: Date
}
