import Foundation

/// Simple list filters.
public struct EntityFilter: Sendable, Equatable {
    /// Only entities from this source.
    public var source: String?
    /// Only entities written at or after this time.
    public var updatedSince: Date?
    /// Include soft-deleted entities.
    public var includeDeleted: Bool
    /// Leave out entities whose `expiresAt` is at or before this time.
    public var liveAt: Date?

    public init(source: String? = nil, updatedSince: Date? = nil, includeDeleted: Bool = false, liveAt: Date? = nil) {
        self.source = source
        self.updatedSince = updatedSince
        self.includeDeleted = includeDeleted
        self.liveAt = liveAt
    }
}

/// A page of entities ordered by id; pass ``nextCursor`` to get the next one.
public struct EntityPage: Sendable {
    public var entities: [StoredEntity]
    /// `nil` on the last page. Opaque to callers (today the last id of the page).
    public var nextCursor: String?
}
