import Foundation
import SkillsCore
import SkillsStorage

/// Turns an engine entity into the row the entity store keeps (document, profile, vector blobs).
public protocol EntityPersisting: Sendable {
    /// `contentHash` `nil`: the store hashes the document.
    func storageInput(for entity: Entity, source: String, contentHash: String?, expiresAt: Date?) throws -> EntityInput
    /// The entity back from its stored document (to merge credentials into a candidate).
    func entity(kind: EntityKind, storedDocument: Data) throws -> Entity
}

/// What a committed batch changed, for the index writer.
public struct CommittedChanges: Sendable {
    public var upserted: [Entity] = []
    public var deleted: [(kind: EntityKind, id: String)] = []

    public var isEmpty: Bool { upserted.isEmpty && deleted.isEmpty }
}

/// One ingestion worker: claims a batch from the queue, processes each item, and writes each
/// item's entities together with its completion in one transaction.
///
/// Because the entity write and the `done` mark commit together, a crash at any moment leaves an
/// item either finished (and its entity stored) or still leased, in which case its lease expires and
/// another worker processes it again; the upsert by `(kind, id)` and the content hash make that
/// replay harmless. Nothing acknowledged is lost and nothing is stored twice.
///
/// Not thread-safe: run one worker per thread, each with its own connection.
public final class IngestWorker {
    public struct Options: Sendable {
        public var batchSize: Int = 64
        public var leaseSeconds: Double = 30
        public init() {}
    }

    public let id: String
    private let connection: SQLiteConnection
    private let queue: IngestQueue
    private let store: EntityStore
    private let processor: IngestProcessor
    private let persisting: any EntityPersisting
    private let options: Options

    public init(
        id: String, database: SQLiteDatabase, processor: IngestProcessor, persisting: any EntityPersisting,
        options: Options = Options()
    ) throws {
        self.id = id
        self.connection = try database.connect()
        self.queue = try IngestQueue(connection)
        self.store = EntityStore(connection)
        self.processor = processor
        self.persisting = persisting
        self.options = options
    }

    deinit { connection.close() }

    /// Processes one batch; returns how many items it claimed (0 when the queue is idle) and what changed.
    public func runOnce(now: Date = Date()) throws -> (claimed: Int, changes: CommittedChanges) {
        let items = try queue.claim(worker: id, limit: options.batchSize, leaseSeconds: options.leaseSeconds, at: now)
        var changes = CommittedChanges()
        for item in items {
            let outcomes: [IngestOutcome]
            do {
                outcomes = try processor.process(
                    item.payload, declaredFormat: item.format, context: IngestContext(source: item.source))
            } catch {
                try queue.fail(item: item.id, error: "item \(item.seq): \(error)", transient: false, at: now)
                continue
            }
            let hash = Self.contentHash(item)
            do {
                let changed = try connection.write { () throws -> CommittedChanges in
                    var local = CommittedChanges()
                    var anyWritten = false
                    for outcome in outcomes {
                        switch outcome {
                        case .upsert(var entity, let expiresAt):
                            if case .candidate(let profile) = entity {
                                entity = .candidate(CandidateMerge.keepingCredentials(of: try storedCandidate(profile.id), in: profile))
                            }
                            let input = try persisting.storageInput(
                                for: entity, source: item.source, contentHash: hash, expiresAt: expiresAt)
                            if try store.upsert(input, at: now) != .unchanged {
                                anyWritten = true
                                local.upserted.append(entity)
                            }
                        case .merge(let candidate, let credentials):
                            if let merged = try merge(candidate, credentials: credentials, source: item.source, at: now) {
                                anyWritten = true
                                local.upserted.append(.candidate(merged))
                            }
                        case .delete(let kind, let id):
                            if try store.delete(kind: kind.rawValue, id: id, at: now) {
                                anyWritten = true
                                local.deleted.append((kind, id))
                            }
                        }
                    }
                    try queue.complete([item.id], outcome: anyWritten ? .done : .skippedUnchanged, at: now)
                    return local
                }
                changes.upserted += changed.upserted
                changes.deleted += changed.deleted
            } catch let error as StorageError where error.kind == .constraint {
                try queue.fail(item: item.id, error: "item \(item.seq): \(error)", transient: false, at: now)
            } catch let error as IngestError {
                try queue.fail(item: item.id, error: "item \(item.seq): \(error)", transient: false, at: now)
            } catch {
                try queue.fail(item: item.id, error: "item \(item.seq): \(error)", transient: true, at: now)
            }
        }
        return (items.count, changes)
    }

    /// Stores the credentials and merges their claims into the stored candidate, inside the
    /// caller's transaction; returns the candidate when it changed.
    private func merge(_ incoming: Candidate, credentials: [CredentialEvidence], source: String, at now: Date) throws -> Candidate? {
        let credentialStore = CredentialStore(connection)
        for evidence in credentials {
            guard let document = evidence.document else { continue }
            try credentialStore.store(candidateID: incoming.id, document: document, verification: evidence.record, at: now)
        }
        var existing: Candidate?
        var rowSource = source
        if let row = try store.get(kind: EntityKind.candidate.rawValue, id: incoming.id), row.deletedAt == nil,
            case .candidate(let candidate) = try persisting.entity(kind: .candidate, storedDocument: row.document)
        {
            existing = candidate
            // The upsert key is (source, external id): keep the candidate under its own source.
            rowSource = row.source ?? source
        }
        
        let merged = CandidateMerge.merge(incoming, into: existing)
        // Hash the merged document itself: the same credential again yields the same document.
        let input = try persisting.storageInput(for: .candidate(merged), source: rowSource, contentHash: nil, expiresAt: nil)
        return try store.upsert(input, at: now) == .unchanged ? nil : merged
    }

    /// The live stored candidate, if any.
    private func storedCandidate(_ id: String) throws -> Candidate? {
        guard let row = try store.get(kind: EntityKind.candidate.rawValue, id: id), row.deletedAt == nil,
            case .candidate(let candidate) = try persisting.entity(kind: .candidate, storedDocument: row.document)
        else { return nil }
        return candidate
    }

    /// Format, source and payload: the same item sent again hashes the same, so it is skipped.
    static func contentHash(_ item: ClaimedItem) -> String {
        var hasher = SHA256()
        hasher.update(Array("\(item.format)\u{0}\(item.source)\u{0}".utf8))
        hasher.update(item.payload)
        return SHA256.hex(hasher.finalize())
    }
}
