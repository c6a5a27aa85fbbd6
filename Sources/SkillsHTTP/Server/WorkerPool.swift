import Foundation

/// A fixed set of real threads running submitted work, with a bounded queue.
///
/// Handlers may block (CPU-heavy search, SQLite), so they run here rather than on Swift's
/// cooperative pool or the event loop. ``trySubmit(_:)`` refuses work instead of queueing without
/// bound: the caller answers 503 at once, which is the server's admission control.
///
/// `@unchecked Sendable`: all mutable state is guarded by `condition`.
final class WorkerPool: @unchecked Sendable {
    typealias Job = @Sendable () -> Void

    private let condition = NSCondition()
    private var queue: [Job?]
    private var head = 0
    private var queued = 0
    private var idle = 0
    private var running = 0
    private var busy = 0
    private var stopping = false
    private let capacity: Int

    /// - Parameters:
    ///   - threads: worker thread count.
    ///   - capacity: jobs that may wait beyond those idle workers can take at once.
    init(threads: Int, capacity: Int, name: String) {
        self.capacity = capacity
        self.queue = Array(repeating: nil, count: capacity + threads)
        for index in 0..<threads {
            let thread = Thread { [self] in work() }
            thread.name = "\(name)-\(index)"
            running += 1
            thread.start()
        }
    }

    /// Queues `job` unless the queue is full; false means the caller must refuse the request.
    func trySubmit(_ job: @escaping Job) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !stopping, queued < capacity + idle, queued < queue.count else { return false }
        queue[(head + queued) % queue.count] = job
        queued += 1
        condition.signal()
        return true
    }

    /// Jobs waiting for a worker.
    var depth: Int {
        condition.lock()
        defer { condition.unlock() }
        return queued
    }

    /// Workers running a job.
    var busyWorkers: Int {
        condition.lock()
        defer { condition.unlock() }
        return busy
    }

    /// Runs what is queued, then stops every thread and returns when they have exited.
    func shutdown() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while running > 0 { condition.wait() }
        condition.unlock()
    }

    private func work() {
        condition.lock()
        while true {
            if queued > 0 {
                let job = queue[head]!
                queue[head] = nil
                head = (head + 1) % queue.count
                queued -= 1
                busy += 1
                condition.unlock()
                job()
                condition.lock()
                busy -= 1
            } else if stopping {
                break
            } else {
                idle += 1
                condition.wait()
                idle -= 1
            }
        }
        running -= 1
        condition.broadcast()
        condition.unlock()
    }
}
