import CSystem
import Foundation
import Synchronization

/// Process-wide catcher that turns signals (SIGTERM, SIGINT) into calls of registered handlers,
/// with no window in which a signal is lost.
///
/// Why not `DispatchSource.makeSignalSource`: the signal has to be set to `SIG_IGN` first and the
/// source registers asynchronously after `resume()`, so a signal arriving in between is discarded.
/// A supervisor sending SIGTERM right after the server announced its port hit that window: the
/// server kept running (found by `Benchmarks/ingest-crash.sh`). Here `sigaction` is in place when
/// ``register(_:handler:)`` returns; the handler only `write`s a byte to a pipe (async-signal-safe)
/// and one reader thread runs the registered handlers.
enum TerminationSignals {
    private struct State {
        var handlers: [UInt64: @Sendable () -> Void] = [:]
        var nextID: UInt64 = 0
        var caught: Set<Int32> = []
        var readFD: Int32 = -1
    }

    private static let state = Mutex(State())
    /// The pipe's write end, read by the C signal handler (an atomic load, no lock).
    private static let writeFD = Atomic<Int32>(-1)

    /// Calls `handler` on a background thread whenever one of `signals` arrives, from now on.
    /// - Returns: an id for ``unregister(_:)``.
    static func register(_ signals: [Int32], handler: @escaping @Sendable () -> Void) -> UInt64 {
        state.withLock { state in
            if state.readFD < 0 {
                var fds: [Int32] = [-1, -1]
                guard pipe(&fds) == 0 else { preconditionFailure("pipe() failed: errno \(errno)") }
                for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
                _ = fcntl(fds[1], F_SETFL, O_NONBLOCK)  // a flood of signals must never block the handler
                let readFD = fds[0]
                state.readFD = readFD
                writeFD.store(fds[1], ordering: .sequentiallyConsistent)
                let reader = Thread { deliver(from: readFD) }
                reader.name = "termination-signals"
                reader.start()
            }
            for signal in signals where !state.caught.contains(signal) {
                var action = sigaction()
                action.__sigaction_handler.sa_handler = { _ in
                    var byte: UInt8 = 1
                    _ = write(TerminationSignals.writeFD.load(ordering: .relaxed), &byte, 1)
                }
                sigemptyset(&action.sa_mask)
                action.sa_flags = Int32(SA_RESTART)
                sigaction(signal, &action, nil)
                state.caught.insert(signal)
            }
            state.nextID += 1
            state.handlers[state.nextID] = handler
            return state.nextID
        }
    }

    /// Stops calling the handler registered under `id` (signals stay caught; with no handler left
    /// they are ignored).
    static func unregister(_ id: UInt64) {
        _ = state.withLock { $0.handlers.removeValue(forKey: id) }
    }

    private static func deliver(from fd: Int32) {
        var buffer = [UInt8](repeating: 0, count: 64)
        while true {
            let count = read(fd, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return }
            // Under the lock, so a handler never runs after its unregister returned.
            state.withLock { state in
                for handler in state.handlers.values { handler() }
            }
        }
    }
}
