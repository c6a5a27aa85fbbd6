import Foundation
import Synchronization
import Testing
import SkillsTestSupport
@testable import SkillsStorage

@Suite struct IngestQueueTests {
    let test: TestDatabase
    let connection: SQLiteConnection
    let queue: IngestQueue
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    init() throws {
        test = try TestDatabase()
        connection = try test.connect()
        queue = try IngestQueue(connection, retryPolicy: RetryPolicy(maxAttempts: 3, baseDelaySeconds: 10, maxDelaySeconds: 25))
    }

    func payloads(_ count: Int, prefix: String = "p") -> [Data] {
        (0..<count).map { Data("\(prefix)\($0)".utf8) }
    }

    @Test func enqueueStoresTaskAndCountsFollowProgress() throws {
        let id = try queue.enqueue(taskFormat: "jobposting", source: "board", items: [
            .payload(Data("a".utf8)), .rejected(reason: "line 2: malformed JSON"), .payload(Data("c".utf8)),
        ], at: t0)
        var task = try #require(try queue.task(id: id))
        #expect(task.format == "jobposting" && task.source == "board" && task.createdAt == t0)
        #expect(task.counts.received == 3 && task.counts.pending == 2 && task.counts.failed == 1)
        #expect(task.state == .queued)
        #expect(task.errors == [ItemError(itemID: task.errors.first?.itemID ?? -1, seq: 1, state: .failed, attempts: 0,
                                          error: "line 2: malformed JSON")])

        let claimed = try queue.claim(worker: "w1", limit: 10, leaseSeconds: 30, at: t0)
        #expect(claimed.map(\.seq) == [0, 2])
        #expect(claimed.map(\.payload) == [Data("a".utf8), Data("c".utf8)])
        #expect(claimed.allSatisfy { $0.format == "jobposting" && $0.source == "board" && $0.attempts == 1 })
        #expect(try queue.complete([claimed[0].id], outcome: .done, at: t0) == 1)
        task = try #require(try queue.task(id: id))
        #expect(task.state == .running)
        try queue.complete([claimed[1].id], outcome: .skippedUnchanged, at: t0)
        task = try #require(try queue.task(id: id))
        #expect(task.counts.processed == 1 && task.counts.skippedUnchanged == 1 && task.counts.pending == 0)
        #expect(task.state == .completedWithErrors)
        #expect(try queue.task(id: id + 100) == nil)
    }

    @Test func recentTasksAndDepth() throws {
        let first = try queue.enqueue(taskFormat: "ctdl", source: "s", payloads: payloads(3), at: t0)
        let second = try queue.enqueue(taskFormat: "ob3", source: "s", payloads: payloads(2), at: t0 + 1)
        #expect(try queue.recentTasks(limit: 10).map(\.id) == [second, first])
        #expect(try queue.recentTasks(limit: 1).map(\.id) == [second])
        _ = try queue.claim(worker: "w", limit: 2, leaseSeconds: 5, at: t0 + 2)
        #expect(try queue.depth() == QueueDepth(pending: 3, processing: 2, failed: 0, dead: 0))
    }

    @Test func purgeRemovesOnlyCleanFinishedTasks() throws {
        let clean = try queue.enqueue(taskFormat: "f", source: "s", payloads: payloads(2), at: t0)
        let withError = try queue.enqueue(taskFormat: "f", source: "s", items: [.rejected(reason: "bad")], at: t0)
        let unfinished = try queue.enqueue(taskFormat: "f", source: "s", payloads: payloads(30), at: t0)
        let items = try queue.claim(worker: "w", limit: 2, leaseSeconds: 60, at: t0)
        #expect(Set(items.map(\.taskID)) == [clean])
        try queue.complete(items.map(\.id), outcome: .done, at: t0)
        #expect(try queue.purgeFinishedTasks(createdBefore: t0) == 0)
        #expect(try queue.purgeFinishedTasks(createdBefore: t0 + 1) == 1)
        #expect(try queue.task(id: clean) == nil)
        #expect(try queue.task(id: withError) != nil && queue.task(id: unfinished) != nil)
        let orphans = try connection.withStatement("SELECT count(*) FROM ingest_items WHERE task_id = ?") {
            try $0.bind(1, clean)
            return try $0.step() ? $0.int(0) : -1
        }
        #expect(orphans == 0)
    }

    @Test func badArgumentsAreRejected() {
        #expect(storageError { _ = try queue.enqueue(taskFormat: "", source: "s", payloads: [Data()]) }?.kind == .invalidArgument)
        #expect(storageError { _ = try queue.enqueue(taskFormat: "f", source: "s", payloads: []) }?.kind == .invalidArgument)
        #expect(storageError { _ = try queue.claim(worker: "", limit: 1, leaseSeconds: 1) }?.kind == .invalidArgument)
        #expect(storageError { _ = try queue.claim(worker: "w", limit: 0, leaseSeconds: 1) }?.kind == .invalidArgument)
        #expect(storageError { _ = try queue.claim(worker: "w", limit: 1, leaseSeconds: 0) }?.kind == .invalidArgument)
        #expect(storageError { _ = try queue.fail(item: 12345, error: "x", transient: true) }?.kind == .invalidArgument)
        #expect(storageError { _ = try IngestQueue(connection, retryPolicy: RetryPolicy(maxAttempts: 0)) }?.kind == .invalidArgument)
    }

    @Test func claimHonoursLimitAndOrderAndNeverRepeats() throws {
        try queue.enqueue(taskFormat: "f", source: "s", payloads: payloads(25), at: t0)
        var all: [Int64] = []
        while true {
            let batch = try queue.claim(worker: "w", limit: 7, leaseSeconds: 60, at: t0)
            if batch.isEmpty { break }
            #expect(batch.count <= 7)
            all += batch.map(\.id)
        }
        #expect(all.count == 25 && all == all.sorted() && Set(all).count == 25)
    }

    @Test func expiredLeasesAreReclaimedAndRepeatedCrashesGoDead() throws {
        let id = try queue.enqueue(taskFormat: "f", source: "s", payloads: payloads(1), at: t0)
        let first = try queue.claim(worker: "crashed", limit: 5, leaseSeconds: 10, at: t0)
        #expect(first.count == 1)
        #expect(try queue.claim(worker: "other", limit: 5, leaseSeconds: 10, at: t0 + 9).isEmpty)
        let second = try queue.claim(worker: "other", limit: 5, leaseSeconds: 10, at: t0 + 10)
        #expect(second.map(\.id) == first.map(\.id))
        #expect(second.first?.attempts == 2)
        // The first worker comes back late: its completion still counts once, the item is not done twice.
        #expect(try queue.renewLease(first.map(\.id), worker: "crashed", leaseSeconds: 10, at: t0 + 11) == 0)
        #expect(try queue.renewLease(first.map(\.id), worker: "other", leaseSeconds: 10, at: t0 + 11) == 1)
        // Third claim after expiry, then its lease expires too: maxAttempts (3) used up → dead.
        #expect(try queue.claim(worker: "x", limit: 5, leaseSeconds: 10, at: t0 + 21).count == 1)
        #expect(try queue.claim(worker: "x", limit: 5, leaseSeconds: 10, at: t0 + 40).isEmpty)
        let task = try #require(try queue.task(id: id))
        #expect(task.counts.dead == 1)
        #expect(task.errors.first?.error.contains("expired after 3 attempts") == true)
    }

    @Test func transientFailuresBackOffThenDie() throws {
        try queue.enqueue(taskFormat: "f", source: "s", payloads: payloads(1), at: t0)
        var now = t0
        var expectedDelays: [Double] = []
        for attempt in 1...3 {
            let item = try #require(try queue.claim(worker: "w", limit: 1, leaseSeconds: 60, at: now).first)
            #expect(item.attempts == attempt)
            let state = try queue.fail(item: item.id, error: "timeout \(attempt)", transient: true, at: now)
            if attempt < 3 {
                #expect(state == .pending)
                let delay = queue.retryPolicy.delay(afterAttempts: attempt)
                expectedDelays.append(delay)
                #expect(try queue.claim(worker: "w", limit: 1, leaseSeconds: 60, at: now + delay - 0.01).isEmpty)
                now += delay
            } else {
                #expect(state == .dead)
            }
        }
        #expect(expectedDelays == [10, 20])
        #expect(queue.retryPolicy.delay(afterAttempts: 3) == 25)  // capped
        #expect(try queue.claim(worker: "w", limit: 1, leaseSeconds: 60, at: now + 1_000).isEmpty)
        let dead = try #require(try queue.recentTasks(limit: 1, errorLimit: 10).first?.errors.first)
        #expect(dead.state == .dead && dead.error == "timeout 3" && dead.attempts == 3)

        #expect(try queue.retry(itemIDs: [dead.itemID, 999], at: now) == 1)
        let again = try #require(try queue.claim(worker: "w", limit: 1, leaseSeconds: 60, at: now).first)
        #expect(again.id == dead.itemID && again.attempts == 1)
    }

    @Test func permanentFailureIsFailedAndRetryable() throws {
        try queue.enqueue(taskFormat: "f", source: "s", payloads: payloads(1), at: t0)
        let item = try #require(try queue.claim(worker: "w", limit: 1, leaseSeconds: 60, at: t0).first)
        #expect(try queue.fail(item: item.id, error: "missing id", transient: false, at: t0) == .failed)
        #expect(storageError { _ = try queue.fail(item: item.id, error: "again", transient: false) }?.kind == .invalidArgument)
        #expect(try queue.depth().failed == 1)
        #expect(try queue.retry(itemIDs: [item.id], at: t0) == 1)
        #expect(try queue.claim(worker: "w", limit: 1, leaseSeconds: 60, at: t0).map(\.id) == [item.id])
    }

    @Test func rejectedItemsHaveNothingToRetry() throws {
        let id = try queue.enqueue(taskFormat: "f", source: "s", items: [.rejected(reason: "bad")], at: t0)
        let itemID = try #require(try queue.task(id: id)?.errors.first?.itemID)
        #expect(try queue.retry(itemIDs: [itemID]) == 0)
        #expect(try queue.task(id: id)?.state == .completedWithErrors)
    }

    @Test func completionCommitsWithTheEntityOrNotAtAll() throws {
        try queue.enqueue(taskFormat: "f", source: "s", payloads: payloads(2), at: t0)
        let items = try queue.claim(worker: "w", limit: 2, leaseSeconds: 60, at: t0)
        let entities = EntityStore(connection)
        #expect(throws: ExpectedFailure.self) {
            try connection.write {
                try entities.upsert(EntityInput(kind: "job", id: "j0", document: items[0].payload))
                try queue.complete([items[0].id], outcome: .done, at: t0)
                throw ExpectedFailure()  // the worker dies before commit
            }
        }
        #expect(try entities.get(kind: "job", id: "j0") == nil)
        #expect(try queue.depth().processing == 2)
        try connection.write {
            try entities.upsert(EntityInput(kind: "job", id: "j0", document: items[0].payload))
            try queue.complete([items[0].id], outcome: .done, at: t0)
        }
        #expect(try entities.get(kind: "job", id: "j0") != nil)
        #expect(try queue.depth().processing == 1)
        #expect(try queue.complete([items[0].id], outcome: .done, at: t0) == 0)  // already done
    }

    @Test func queueSurvivesReopen() throws {
        let id = try queue.enqueue(taskFormat: "f", source: "s", payloads: payloads(10), at: t0)
        _ = try queue.claim(worker: "w", limit: 4, leaseSeconds: 5, at: t0)
        connection.close()
        let reopened = try SQLiteDatabase(path: test.path)
        let queue2 = try IngestQueue(try reopened.connect(), retryPolicy: queue.retryPolicy)
        #expect(try queue2.task(id: id)?.counts.pending == 10)
        let after = try queue2.claim(worker: "w2", limit: 100, leaseSeconds: 5, at: t0 + 5)
        #expect(after.count == 10)
        #expect(Set(after.map(\.payload)) == Set(payloads(10)))
    }

    /// Several threads, each with its own connection, claim and complete until the queue is empty:
    /// every item is held by exactly one worker at a time and completed exactly once.
    @Test(arguments: [UInt64(1), 2, 3])
    func concurrentClaimersNeverDoubleClaim(seed: UInt64) throws {
        let itemCount = 600
        var rng = SeededGenerator(seed: seed)
        var remaining = itemCount
        while remaining > 0 {
            let size = min(remaining, Int.random(in: 1...80, using: &rng))
            try queue.enqueue(taskFormat: "f", source: "s", payloads: payloads(size, prefix: "\(remaining)-"))
            remaining -= size
        }
        let database = test.database
        let completions = Mutex<[Int64: Int]>([:])
        let failures = Mutex<[String]>([])
        let workers = 4
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            do {
                let queue = try IngestQueue(try database.connect())
                var local = SeededGenerator(seed: seed &* 1000 &+ UInt64(worker))
                while true {
                    let batch = try queue.claim(worker: "w\(worker)", limit: Int.random(in: 1...25, using: &local),
                                                leaseSeconds: 300)
                    if batch.isEmpty { break }
                    let done = try queue.complete(batch.map(\.id), outcome: .done)
                    if done != batch.count { failures.withLock { $0.append("w\(worker) completed \(done) of \(batch.count)") } }
                    completions.withLock { counts in for item in batch { counts[item.id, default: 0] += 1 } }
                }
            } catch {
                failures.withLock { $0.append("w\(worker): \(error)") }
            }
        }
        #expect(failures.withLock { $0 } == [])
        let counts = completions.withLock { $0 }
        #expect(counts.count == itemCount)
        #expect(counts.values.allSatisfy { $0 == 1 })
        #expect(try queue.depth() == QueueDepth(pending: 0, processing: 0, failed: 0, dead: 0))
    }
}
