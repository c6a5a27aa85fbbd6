import Foundation
import SkillsIngestion
import Synchronization

/// Background ingestion under `serve`: worker threads draining the queue and one publisher thread
/// that freezes a new index snapshot at most ``EngineConfiguration/publishDelaySeconds`` after a
/// write, so acknowledged items become searchable within a bounded delay.
///
/// Threads, not tasks: the work is blocking SQLite and CPU-bound extraction, which must not occupy
/// Swift's cooperative pool.
public final class IngestionService: Sendable {
    private let engine: Engine
    private let running = Atomic<Bool>(false)
    private let live = Atomic<Int>(0)
    /// The last error a worker hit (kept for `/readyz` and logs); workers retry after a pause.
    public let lastError = Mutex<String?>(nil)

    public init(engine: Engine) {
        self.engine = engine
    }

    /// Starts `workers` worker threads and the publisher.
    public func start(workers: Int) throws {
        guard running.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged else { return }
        for number in 0..<workers {
            let worker = try engine.makeWorker(id: "serve-\(ProcessInfo.processInfo.processIdentifier)-\(number)")
            let box = WorkerBox(worker: worker)
            spawn { [self] in
                while running.load(ordering: .acquiring) {
                    do {
                        if try engine.runWorkerOnce(box.worker) == 0 { Thread.sleep(forTimeInterval: 0.05) }
                    } catch {
                        lastError.withLock { $0 = "\(error)" }
                        Thread.sleep(forTimeInterval: 0.5)
                    }
                }
            }
        }
        let delay = max(0.01, engine.configuration.publishDelaySeconds)
        spawn { [self] in
            while running.load(ordering: .acquiring) {
                Thread.sleep(forTimeInterval: delay)
                engine.publish()
            }
            engine.publish()
        }
    }

    /// Asks every thread to finish its current batch, then waits for them.
    public func stop() {
        running.store(false, ordering: .releasing)
        while live.load(ordering: .acquiring) > 0 { Thread.sleep(forTimeInterval: 0.01) }
    }

    private func spawn(_ body: @escaping @Sendable () -> Void) {
        live.add(1, ordering: .acquiringAndReleasing)
        let thread = Thread { [self] in
            body()
            live.subtract(1, ordering: .acquiringAndReleasing)
        }
        thread.stackSize = 4 << 20
        thread.start()
    }
}

/// A worker owned by exactly one thread for its whole life.
private struct WorkerBox: @unchecked Sendable {
    let worker: IngestWorker
}
