import Foundation

/// An entity as stored, including soft-deleted ones.
public struct StoredEntity: Sendable, Equatable {
    public var kind: String
    public var id: String
    public var source: String?
    public var externalID: String?
    public var contentHash: String
    public var document: Data
    public var profile: Data?
    public var vector: Data?
    public var createdAt: Date
    public var updatedAt: Date
    /// Set by ``EntityStore/delete(kind:id:at:)``; cleared when the entity is written again.
    public var deletedAt: Date?
    public var expiresAt: Date?

    /// Not deleted and not expired at `date`.
    public func isLive(at date: Date) -> Bool {
        deletedAt == nil && (expiresAt.map { $0 > date } ?? true)
    }
}

/// What an upsert did.
public enum UpsertOutcome: String, Sendable, Equatable {
    /// A new entity, or one that had been deleted and is back.
    case inserted
    /// The content hash changed: blobs replaced.
    case updated
    /// Same content hash as the live stored entity: nothing written.
    case unchanged
}
