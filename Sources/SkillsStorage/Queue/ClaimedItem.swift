import Foundation

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
