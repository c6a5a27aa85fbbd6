import Foundation
import SkillsCore
import SkillsCredentials
import SkillsIngestion
import SkillsStorage

/// What ``Engine/enqueue(_:format:source:options:)`` accepted.
public struct EnqueueReceipt: Sendable {
    public var taskID: Int64
    public var received: Int
    public var rejected: Int
}

/// How an ingest request's body is to be cut into items.
public struct EnqueueOptions: Sendable {
    /// The ETPL outcomes file to join to `etpl-csv` rows.
    public var outcomes: Data?
    /// `field=Column` pairs for generic `csv`, and the JSON format the rows then follow.
    public var mapping: [String: String] = [:]
    public var mappedFormat: IngestFormat = .jobPosting

    public init() {}
}

extension Engine {
    /// Validates the body, cuts it into items and stores them durably; returns before any processing.
    ///
    /// Items that are not well-formed are stored as failed with their reason, so the rest still land.
    public func enqueue(_ body: Data, format: String, source: String, options: EnqueueOptions = EnqueueOptions()) throws -> EnqueueReceipt {
        let declared = format.isEmpty ? "auto" : format
        if declared != "auto" && IngestFormat(rawValue: declared) == nil {
            throw EngineError(.invalidQuery, "unknown format '\(declared)'; use auto or one of \(IngestFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard !source.isEmpty, source.count <= 128 else { throw EngineError(.invalidQuery, "source must be 1…128 characters") }
        var itemFormat = declared
        let items: [EnqueueItem]
        do {
            switch IngestFormat(rawValue: declared) {
            case .etplCSV:
                items = try CSVItemSplitter().split(body, outcomes: options.outcomes)
            case .csv:
                guard !options.mapping.isEmpty else { throw EngineError(.invalidQuery, "csv needs a column mapping (field=Column,…)") }
                let type = options.mappedFormat == .profile ? nil : "JobPosting"
                items = try CSVItemSplitter(mapping: options.mapping, type: options.mappedFormat == .ctdl ? "ceterms:Certificate" : type).split(body)
                itemFormat = options.mappedFormat.rawValue
            default:
                items = IngestItemSplitter().split(body)
            }
        } catch let error as IngestError {
            throw EngineError(.invalidQuery, error.description)
        }
        let rejected = items.filter { if case .rejected = $0 { return true } else { return false } }.count
        let task = try pool.with { try IngestQueue($0).enqueue(taskFormat: itemFormat, source: source, items: items) }
        return EnqueueReceipt(taskID: task, received: items.count, rejected: rejected)
    }

    /// A task's state and counts, with per-item errors.
    public func task(id: Int64) throws -> IngestTask? {
        try pool.with { try IngestQueue($0).task(id: id) }
    }

    /// The latest tasks, newest first.
    public func recentTasks(limit: Int) throws -> [IngestTask] {
        guard (1...1000).contains(limit) else { throw EngineError(.invalidLimit, "limit must be 1…1000, got \(limit)") }
        return try pool.with { try IngestQueue($0).recentTasks(limit: limit) }
    }

    /// Puts failed or dead items back in the queue.
    public func retry(itemIDs: [Int64]) throws -> Int {
        try pool.with { try IngestQueue($0).retry(itemIDs: itemIDs) }
    }

    /// Items waiting or in progress, for metrics.
    public func queueDepth() throws -> QueueDepth {
        try pool.with { try IngestQueue($0).depth() }
    }

    /// A worker that writes through this engine's codec and resolver, verifying credentials with
    /// `verifier` (offline by default: keys from did:key or the configured registry).
    public func makeWorker(id: String, verifier: VerifierConfiguration = VerifierConfiguration()) throws -> IngestWorker {
        var options = IngestWorker.Options()
        options.batchSize = configuration.ingestBatchSize
        options.leaseSeconds = configuration.ingestLeaseSeconds
        return try IngestWorker(id: id, database: database, processor: try ingestProcessor(verifier: verifier), persisting: persisting, options: options)
    }

    /// Runs one worker batch and hands its changes to the index; returns how many items it claimed.
    @discardableResult
    public func runWorkerOnce(_ worker: IngestWorker) throws -> Int {
        let (claimed, changes) = try worker.runOnce()
        try apply(upserted: changes.upserted, deleted: changes.deleted)
        return claimed
    }

    /// Drains the queue on the calling thread (the CLI's `ingest` and `worker`), publishing as it goes.
    public func drainQueue(worker: IngestWorker, progress: (Int) -> Void = { _ in }) throws {
        var total = 0
        while true {
            let claimed = try runWorkerOnce(worker)
            if claimed == 0 { break }
            total += claimed
            progress(total)
        }
        publish()
    }
}
