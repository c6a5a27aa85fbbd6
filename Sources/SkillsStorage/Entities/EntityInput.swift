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
            withUnsafeBytes(of: &length) { hasher.update($0) }
            part.withUnsafeBytes { hasher.update($0) }
        }
        return SHA256.hex(hasher.finalize())
    }
}
