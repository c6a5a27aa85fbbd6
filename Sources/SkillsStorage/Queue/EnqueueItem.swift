import Foundation

/// One item handed to ``IngestQueue/enqueue(taskFormat:source:items:at:)``.
public enum EnqueueItem: Sendable, Equatable {
    /// A payload for the workers.
    case payload(Data)
    /// An item the envelope check already rejected: recorded as `failed` with this reason, so the
    /// task reports it beside the items that land.
    case rejected(reason: String)
}
