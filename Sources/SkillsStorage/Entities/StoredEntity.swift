import Foundation
import SkillsCore

/// What a caller writes: one entity with its opaque blobs.
///
/// Storage knows nothing of skills: `document` is the entity's JSON, `profile` its encoded skill
/// profile, `vector` its float32 vector bytes (see ``VectorBlob``).
public struct EntityInput: Sendable, Equatable {
    public var kind: String
    public var id: String
    /// Where the entity came from (feed, registrar, API client) and its id there; the pair is unique.
    public var source: String?
    public var externalID: String?
    public var document: Data
    public var profile: Data?
    public var vector: Data?
    /// When the entity leaves results (a job's `validThrough`).
    public var expiresAt: Date?
    /// Hash of the input the entity was derived from; an upsert with the hash already stored is
    /// `unchanged`. `nil` hashes the document, profile and vector (``defaultContentHash``).
    public var contentHash: String?

    public init(kind: String, id: String, source: String? = nil, externalID: String? = nil, document: Data,
                profile: Data? = nil, vector: Data? = nil, expiresAt: Date? = nil, contentHash: String? = nil) {
        self.kind = kind
        self.id = id
        self.source = source
        self.externalID = externalID
        self.document = document
        self.profile = profile
        self.vector = vector
        self.expiresAt = expiresAt
        self.contentHash = contentHash
    }

    /// SHA-256 over the document, profile and vector, each prefixed by its length.
    public var defaultContentHash: String {
        var hasher = SHA256()
        for part in [document, profile ?? Data(), vector ?? Data()] {
            var length = UInt64(part.count).littleEndian
            withUnsafeBytes(of: &length) { hasher.update(Array($0)) }
            hasher.update(part)
        }
        return SHA256.hex(hasher.finalize())
    }
}

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

/// Which live-entity blobs a scan reads (skip what the caller does not need: it is faster).
public struct ScanFields: OptionSet, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    public static let document = ScanFields(rawValue: 1)
    public static let profile = ScanFields(rawValue: 2)
    public static let vector = ScanFields(rawValue: 4)
    public static let all: ScanFields = [.document, .profile, .vector]
}

/// One row of ``EntityStore/scan(kind:fields:_:)``; unrequested blobs are `nil`.
public struct ScannedEntity: Sendable {
    public var id: String
    public var document: Data?
    public var profile: Data?
    public var vector: Data?
    public var expiresAt: Date?
    public var updatedAt: Date
}

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

/// Float32 vectors as blobs: little-endian, 4 bytes per component, no header.
public enum VectorBlob {
    public static func data(_ vector: [Float]) -> Data {
        vector.withUnsafeBufferPointer { Data(buffer: $0) }
    }

    /// The floats in `data`; throws `.invalidArgument` when its length is not a multiple of 4.
    public static func floats(_ data: Data) throws -> [Float] {
        guard data.count % 4 == 0 else {
            throw StorageError(.invalidArgument, "vector blob of \(data.count) bytes is not a whole number of float32")
        }
        return data.withUnsafeBytes { raw in
            (0..<raw.count / 4).map { raw.loadUnaligned(fromByteOffset: $0 * 4, as: Float.self) }
        }
    }
}
