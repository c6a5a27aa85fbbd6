import Foundation

/// The durable ingestion queue: tasks of items in the SQLite file, leased to workers.
///
/// - ``enqueue(taskFormat:source:items:at:)`` commits every item (with `synchronous=FULL` by
///   default) before it returns: what the API acknowledges with `202` is on disk.
/// - ``claim(worker:limit:leaseSeconds:at:)`` leases a batch in one `BEGIN IMMEDIATE` transaction,
///   so two workers (threads or processes) never hold the same item. Expired leases go back to
///   pending: a crashed worker's items are processed again (at least once; idempotent upserts
///   make that exactly-once in effect).
/// - ``complete(_:outcome:at:)`` joins the caller's transaction when called inside
///   ``SQLiteConnection/write(_:)``: the entity and its item commit together or not at all.
public struct IngestQueue {
    public let connection: SQLiteConnection
    public let retryPolicy: RetryPolicy

    public init(_ connection: SQLiteConnection, retryPolicy: RetryPolicy = RetryPolicy()) throws {
        try retryPolicy.validate()
        self.connection = connection
        self.retryPolicy = retryPolicy
    }

    // MARK: Producing

    /// Stores a task and all its items durably in one transaction and returns the task id.
    ///
    /// Call it outside any transaction: inside one, the outer commit (and its `synchronous` level)
    /// decides durability. Items are numbered (`seq`) in input order, rejected ones included.
    @discardableResult
    public func enqueue(taskFormat: String, source: String, items: [EnqueueItem], at now: Date = Date()) throws -> Int64 {
        guard !taskFormat.isEmpty, !source.isEmpty else {
            throw StorageError(.invalidArgument, "a task needs a format and a source (got '\(taskFormat)', '\(source)')")
        }
        guard !items.isEmpty else { throw StorageError(.invalidArgument, "a task needs at least one item") }
        let time = Timestamp.milliseconds(now)
        return try connection.withSynchronous(connection.configuration.enqueueSynchronous) {
            try connection.write {
                try connection.withStatement(
                    "INSERT INTO ingest_tasks (created_at, format, source, received) VALUES (?, ?, ?, ?)"
                ) {
                    try $0.bind(1, time)
                    try $0.bind(2, taskFormat)
                    try $0.bind(3, source)
                    try $0.bind(4, items.count)
                    try $0.run()
                }
                let taskID = connection.lastInsertRowID
                try connection.withStatement("""
                    INSERT INTO ingest_items (task_id, seq, state, next_attempt_at, error, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """) { statement in
                    try connection.withStatement("INSERT INTO ingest_payloads (item_id, payload) VALUES (?, ?)") { payload in
                        for (seq, item) in items.enumerated() {
                            try statement.bind(1, taskID)
                            try statement.bind(2, seq)
                            switch item {
                            case .payload:
                                try statement.bind(3, ItemState.pending.rawValue)
                                try statement.bind(5, nil as String?)
                            case .rejected(let reason):
                                try statement.bind(3, ItemState.failed.rawValue)
                                try statement.bind(5, reason)
                            }
                            try statement.bind(4, time)
                            try statement.bind(6, time)
                            try statement.run()
                            statement.reset()
                            if case .payload(let data) = item {
                                try payload.bind(1, connection.lastInsertRowID)
                                try payload.bind(2, data)
                                try payload.run()
                                payload.reset()
                            }
                        }
                    }
                }
                return taskID
            }
        }
    }

    /// Convenience: a task whose items are all payloads.
    @discardableResult
    public func enqueue(taskFormat: String, source: String, payloads: [Data], at now: Date = Date()) throws -> Int64 {
        try enqueue(taskFormat: taskFormat, source: source, items: payloads.map { .payload($0) }, at: now)
    }

    // MARK: Consuming

    /// Leases up to `limit` ready items to `worker` for `leaseSeconds`, oldest first.
    ///
    /// Items whose lease expired first go back to pending, or to `dead` once they have used
    /// `maxAttempts` claims (an item that crashes every worker must not loop forever).
    public func claim(worker: String, limit: Int, leaseSeconds: Double, at now: Date = Date()) throws -> [ClaimedItem] {
        guard !worker.isEmpty else { throw StorageError(.invalidArgument, "worker name must not be empty") }
        guard (1...100_000).contains(limit) else {
            throw StorageError(.invalidArgument, "claim limit must be in 1...100000, got \(limit)")
        }
        guard leaseSeconds > 0, leaseSeconds.isFinite else {
            throw StorageError(.invalidArgument, "leaseSeconds must be positive, got \(leaseSeconds)")
        }
        let time = Timestamp.milliseconds(now)
        let leaseEnd = time + Int64((leaseSeconds * 1000).rounded(.up))
        return try connection.write {
            try releaseExpiredLeases(at: time)
            var claimed = try connection.withStatement("""
                UPDATE ingest_items
                SET state = 'processing', lease_owner = ?1, lease_expires_at = ?2, attempts = attempts + 1, updated_at = ?3
                WHERE id IN (SELECT id FROM ingest_items INDEXED BY ingest_items_ready
                             WHERE state = 'pending' AND next_attempt_at <= ?3
                             ORDER BY next_attempt_at, id LIMIT ?4)
                RETURNING id, task_id, seq, attempts
                """) { statement in
                try statement.bind(1, worker)
                try statement.bind(2, leaseEnd)
                try statement.bind(3, time)
                try statement.bind(4, limit)
                var rows: [ClaimedItem] = []
                while try statement.step() {
                    rows.append(ClaimedItem(
                        id: statement.int64(0), taskID: statement.int64(1), seq: statement.int(2),
                        payload: Data(), attempts: statement.int(3), format: "", source: ""))
                }
                return rows
            }
            claimed.sort { $0.id < $1.id }
            var tasks: [Int64: (format: String, source: String)] = [:]
            for index in claimed.indices {
                claimed[index].payload = try payload(itemID: claimed[index].id)
                let taskID = claimed[index].taskID
                if tasks[taskID] == nil { tasks[taskID] = try taskOrigin(taskID) }
                claimed[index].format = tasks[taskID]!.format
                claimed[index].source = tasks[taskID]!.source
            }
            return claimed
        }
    }

    /// Extends the lease of items `worker` still holds (a heartbeat for long batches); returns how
    /// many it still held.
    @discardableResult
    public func renewLease(_ itemIDs: [Int64], worker: String, leaseSeconds: Double, at now: Date = Date()) throws -> Int {
        let leaseEnd = Timestamp.milliseconds(now) + Int64((leaseSeconds * 1000).rounded(.up))
        return try connection.write {
            var renewed = 0
            try connection.withStatement("""
                UPDATE ingest_items SET lease_expires_at = ? WHERE id = ? AND state = 'processing' AND lease_owner = ?
                """) { statement in
                for id in itemIDs {
                    try statement.bind(1, leaseEnd)
                    try statement.bind(2, id)
                    try statement.bind(3, worker)
                    try statement.run()
                    renewed += connection.changes
                    statement.reset()
                }
            }
            return renewed
        }
    }

    /// Marks processing items finished. Call it inside the transaction that writes their entities.
    /// Items no longer processing (finished by a worker that took over an expired lease) are left
    /// alone; returns how many changed.
    @discardableResult
    public func complete(_ itemIDs: [Int64], outcome: CompletionOutcome, at now: Date = Date()) throws -> Int {
        let state: ItemState = outcome == .done ? .done : .skipped
        let time = Timestamp.milliseconds(now)
        return try connection.write {
            var completed = 0
            try connection.withStatement("""
                UPDATE ingest_items SET state = ?, lease_owner = NULL, lease_expires_at = NULL, error = NULL, updated_at = ?
                WHERE id = ? AND state = 'processing'
                """) { statement in
                for id in itemIDs {
                    try statement.bind(1, state.rawValue)
                    try statement.bind(2, time)
                    try statement.bind(3, id)
                    try statement.run()
                    completed += connection.changes
                    statement.reset()
                }
            }
            return completed
        }
    }

    /// Records a failure of a processing item and returns its new state: `pending` again after a
    /// backoff when `transient` and attempts remain, `dead` when they are used up, `failed` when
    /// not transient (bad input).
    @discardableResult
    public func fail(item itemID: Int64, error message: String, transient: Bool, at now: Date = Date()) throws -> ItemState {
        let time = Timestamp.milliseconds(now)
        return try connection.write {
            let current = try connection.withStatement("SELECT state, attempts FROM ingest_items WHERE id = ?") {
                try $0.bind(1, itemID)
                return try $0.step() ? ($0.text(0), $0.int(1)) : nil
            }
            guard let (state, attempts) = current else {
                throw StorageError(.invalidArgument, "no ingest item with id \(itemID)")
            }
            guard state == ItemState.processing.rawValue else {
                throw StorageError(.invalidArgument, "ingest item \(itemID) is \(state), not processing")
            }
            let next: ItemState = !transient ? .failed : attempts >= retryPolicy.maxAttempts ? .dead : .pending
            let retryAt = time + Int64((retryPolicy.delay(afterAttempts: attempts) * 1000).rounded())
            try connection.withStatement("""
                UPDATE ingest_items SET state = ?, error = ?, next_attempt_at = ?, lease_owner = NULL,
                    lease_expires_at = NULL, updated_at = ?
                WHERE id = ?
                """) {
                try $0.bind(1, next.rawValue)
                try $0.bind(2, message)
                try $0.bind(3, next == .pending ? retryAt : time)
                try $0.bind(4, time)
                try $0.bind(5, itemID)
                try $0.run()
            }
            return next
        }
    }

    /// Puts failed and dead items back in the queue with fresh attempts; returns how many moved
    /// (ids in other states are ignored).
    @discardableResult
    public func retry(itemIDs: [Int64], at now: Date = Date()) throws -> Int {
        let time = Timestamp.milliseconds(now)
        return try connection.write {
            var moved = 0
            try connection.withStatement("""
                UPDATE ingest_items SET state = 'pending', attempts = 0, next_attempt_at = ?, error = NULL, updated_at = ?
                WHERE id = ? AND state IN ('failed', 'dead') AND EXISTS (SELECT 1 FROM ingest_payloads WHERE item_id = ingest_items.id)
                """) { statement in
                for id in itemIDs {
                    try statement.bind(1, time)
                    try statement.bind(2, time)
                    try statement.bind(3, id)
                    try statement.run()
                    moved += connection.changes
                    statement.reset()
                }
            }
            return moved
        }
    }

    /// Deletes tasks created before `date` whose items all finished as done or skipped (with
    /// their items); tasks with failed, dead or unfinished items stay. Returns how many went.
    @discardableResult
    public func purgeFinishedTasks(createdBefore date: Date) throws -> Int {
        try connection.write {
            try connection.withStatement("""
                DELETE FROM ingest_tasks WHERE created_at < ? AND NOT EXISTS (
                    SELECT 1 FROM ingest_items
                    WHERE task_id = ingest_tasks.id AND state IN ('pending', 'processing', 'failed', 'dead'))
                """) {
                try $0.bind(1, Timestamp.milliseconds(date))
                try $0.run()
            }
            return connection.changes
        }
    }

    // MARK: Reporting

    /// A task with its counts and up to `errorLimit` item errors; `nil` when unknown.
    public func task(id: Int64, errorLimit: Int = 100) throws -> IngestTask? {
        try connection.read {
            let header = try connection.withStatement(
                "SELECT id, created_at, format, source, received FROM ingest_tasks WHERE id = ?"
            ) { statement -> IngestTask? in
                try statement.bind(1, id)
                guard try statement.step() else { return nil }
                var counts = TaskCounts()
                counts.received = statement.int(4)
                return IngestTask(id: statement.int64(0), createdAt: Timestamp.date(statement.int64(1)),
                                  format: statement.text(2), source: statement.text(3), counts: counts, errors: [])
            }
            guard var task = header else { return nil }
            task.counts = try counts(taskID: id, received: task.counts.received)
            if errorLimit > 0 { task.errors = try errors(taskID: id, limit: errorLimit) }
            return task
        }
    }

    /// The newest tasks first, with counts (and up to `errorLimit` errors each).
    public func recentTasks(limit: Int = 20, errorLimit: Int = 0) throws -> [IngestTask] {
        guard (1...1_000).contains(limit) else {
            throw StorageError(.invalidArgument, "recent tasks limit must be in 1...1000, got \(limit)")
        }
        return try connection.read {
            let ids = try connection.withStatement("SELECT id FROM ingest_tasks ORDER BY id DESC LIMIT ?") {
                try $0.bind(1, limit)
                var ids: [Int64] = []
                while try $0.step() { ids.append($0.int64(0)) }
                return ids
            }
            return try ids.compactMap { try task(id: $0, errorLimit: errorLimit) }
        }
    }

    /// Items by state across all tasks.
    public func depth() throws -> QueueDepth {
        try connection.withStatement("""
            SELECT
              (SELECT count(*) FROM ingest_items WHERE state = 'pending'),
              (SELECT count(*) FROM ingest_items WHERE state = 'processing'),
              (SELECT count(*) FROM ingest_items WHERE state = 'failed'),
              (SELECT count(*) FROM ingest_items WHERE state = 'dead')
            """) { statement in
            try statement.step()
            return QueueDepth(pending: statement.int(0), processing: statement.int(1),
                              failed: statement.int(2), dead: statement.int(3))
        }
    }

    // MARK: Helpers

    // INDEXED BY: without ANALYZE statistics the planner prefers the state index and sorts; the
    // partial indexes give the oldest ready (or expired) items directly.
    private func releaseExpiredLeases(at time: Int64) throws {
        try connection.withStatement("""
            UPDATE ingest_items INDEXED BY ingest_items_leased
            SET state = CASE WHEN attempts >= ?2 THEN 'dead' ELSE 'pending' END,
                error = CASE WHEN attempts >= ?2
                             THEN 'lease of ' || lease_owner || ' expired after ' || attempts || ' attempts'
                             ELSE error END,
                lease_owner = NULL, lease_expires_at = NULL, updated_at = ?1
            WHERE state = 'processing' AND lease_expires_at <= ?1
            """) {
            try $0.bind(1, time)
            try $0.bind(2, retryPolicy.maxAttempts)
            try $0.run()
        }
    }

    private func payload(itemID: Int64) throws -> Data {
        try connection.withStatement("SELECT payload FROM ingest_payloads WHERE item_id = ?") {
            try $0.bind(1, itemID)
            return try $0.step() ? $0.blob(0) : Data()
        }
    }

    private func taskOrigin(_ taskID: Int64) throws -> (format: String, source: String) {
        try connection.withStatement("SELECT format, source FROM ingest_tasks WHERE id = ?") {
            try $0.bind(1, taskID)
            return try $0.step() ? ($0.text(0), $0.text(1)) : ("", "")
        }
    }

    private func counts(taskID: Int64, received: Int) throws -> TaskCounts {
        var counts = TaskCounts()
        counts.received = received
        try connection.withStatement("SELECT state, count(*) FROM ingest_items WHERE task_id = ? GROUP BY state") {
            try $0.bind(1, taskID)
            while try $0.step() {
                let n = $0.int(1)
                switch ItemState(rawValue: $0.text(0)) {
                case .pending, .processing: counts.pending += n
                case .done: counts.processed += n
                case .skipped: counts.skippedUnchanged += n
                case .failed: counts.failed += n
                case .dead: counts.dead += n
                case nil: break
                }
            }
        }
        return counts
    }

    private func errors(taskID: Int64, limit: Int) throws -> [ItemError] {
        try connection.withStatement("""
            SELECT id, seq, state, attempts, coalesce(error, '') FROM ingest_items
            WHERE task_id = ? AND state IN ('failed', 'dead') ORDER BY seq LIMIT ?
            """) {
            try $0.bind(1, taskID)
            try $0.bind(2, limit)
            var errors: [ItemError] = []
            while try $0.step() {
                errors.append(ItemError(itemID: $0.int64(0), seq: $0.int(1), state: ItemState(rawValue: $0.text(2)) ?? .failed,
                                        attempts: $0.int(3), error: $0.text(4)))
            }
            return errors
        }
    }
}
