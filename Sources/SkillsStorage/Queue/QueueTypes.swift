import Foundation

/// Where an ingest item is in its life.
public enum ItemState: String, Sendable, CaseIterable {
    /// Waiting for a worker (new, released by an expired lease, or backing off after a transient failure).
    case pending
    /// Leased by a worker until its lease expires.
    case processing
    /// Written to the entity store.
    case done
    /// Content hash unchanged: nothing to write.
    case skipped
    /// Rejected for good (bad input); retry by id after fixing the cause.
    case failed
    /// Kept failing transiently (or kept crashing its worker) until `maxAttempts`: dead letter.
    case dead
}

/// One item handed to ``IngestQueue/enqueue(taskFormat:source:items:at:)``.
public enum EnqueueItem: Sendable, Equatable {
    /// A payload for the workers.
    case payload(Data)
    /// An item the envelope check already rejected: recorded as `failed` with this reason, so the
    /// task reports it beside the items that land.
    case rejected(reason: String)
}

/// An item leased to a worker by ``IngestQueue/claim(worker:limit:leaseSeconds:at:)``.
public struct ClaimedItem: Sendable, Equatable {
    public var id: Int64
    public var taskID: Int64
    /// Position in the task's input, from 0.
    public var seq: Int
    public var payload: Data
    /// Claims so far, this one included.
    public var attempts: Int
    /// The task's declared format and source.
    public var format: String
    public var source: String
}

/// How a processed item ends.
public enum CompletionOutcome: String, Sendable {
    case done
    case skippedUnchanged
}

/// Counts for one task, by item state.
public struct TaskCounts: Sendable, Equatable {
    /// Items in the request, rejected ones included.
    public var received = 0
    /// Written (`done`).
    public var processed = 0
    /// Unchanged content (`skipped`).
    public var skippedUnchanged = 0
    public var failed = 0
    public var dead = 0
    /// Not finished yet (`pending` or `processing`).
    public var pending = 0

    public init() {}
}

/// The overall state of a task, from its counts.
public enum TaskState: String, Sendable {
    /// Items are waiting and none has been written, skipped or dead-lettered yet.
    case queued
    /// Some items finished, some have not.
    case running
    /// Every item is done or skipped.
    case completed
    /// Every item finished and at least one failed or is dead.
    case completedWithErrors = "completed_with_errors"
}

/// A failed or dead item with its reason.
public struct ItemError: Sendable, Equatable {
    public var itemID: Int64
    public var seq: Int
    public var state: ItemState
    public var attempts: Int
    public var error: String
}

/// An ingest task: one request's worth of items.
public struct IngestTask: Sendable, Equatable {
    public var id: Int64
    public var createdAt: Date
    public var format: String
    public var source: String
    public var counts: TaskCounts
    /// Failed and dead items, in input order (up to the limit the caller asked for).
    public var errors: [ItemError]

    public var state: TaskState {
        if counts.pending == 0 { return counts.failed + counts.dead > 0 ? .completedWithErrors : .completed }
        return counts.processed + counts.skippedUnchanged + counts.dead == 0 ? .queued : .running
    }
}

/// Queue depth for metrics.
public struct QueueDepth: Sendable, Equatable {
    public var pending: Int
    public var processing: Int
    public var failed: Int
    public var dead: Int
}

/// Exponential backoff for transient failures, and when to give up.
public struct RetryPolicy: Sendable, Equatable, Codable {
    /// Claims before an item that keeps failing transiently (or whose lease keeps expiring) is dead.
    public var maxAttempts: Int = 5
    /// Delay after the first failure; doubles with each further attempt.
    public var baseDelaySeconds: Double = 1
    /// Upper bound of the delay.
    public var maxDelaySeconds: Double = 300

    public init(maxAttempts: Int = 5, baseDelaySeconds: Double = 1, maxDelaySeconds: Double = 300) {
        self.maxAttempts = maxAttempts
        self.baseDelaySeconds = baseDelaySeconds
        self.maxDelaySeconds = maxDelaySeconds
    }

    /// The wait before the next attempt after `attempts` failed ones: base · 2^(attempts−1), capped.
    public func delay(afterAttempts attempts: Int) -> Double {
        let exponent = Double(max(0, min(attempts - 1, 60)))
        return min(maxDelaySeconds, baseDelaySeconds * pow(2, exponent))
    }

    public func validate() throws(StorageError) {
        if maxAttempts < 1 { throw StorageError(.invalidArgument, "retry.maxAttempts must be >= 1, got \(maxAttempts)") }
        if !(baseDelaySeconds >= 0) || !(maxDelaySeconds >= baseDelaySeconds) {
            throw StorageError(.invalidArgument,
                               "retry delays need 0 <= baseDelaySeconds <= maxDelaySeconds, got \(baseDelaySeconds) and \(maxDelaySeconds)")
        }
    }
}
