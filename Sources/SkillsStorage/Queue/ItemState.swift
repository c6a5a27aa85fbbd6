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
