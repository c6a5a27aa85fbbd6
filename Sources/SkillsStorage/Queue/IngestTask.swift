import Foundation

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

/// Queue depth for metrics.
public struct QueueDepth: Sendable, Equatable {
    public var pending: Int
    public var processing: Int
    public var failed: Int
    public var dead: Int
}
