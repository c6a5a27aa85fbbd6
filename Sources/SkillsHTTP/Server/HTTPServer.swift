import CSystem
import Dispatch
import Foundation
import Synchronization

/// An HTTP/1.1 server: one epoll event-loop thread for all connections and a bounded pool of worker
/// threads running the responder.
///
/// ```swift
/// let server = try HTTPServer.start(configuration: config, responder: router, accessLog: .standardError)
/// server.shutdownOnSignals()    // before announcing the port: a signal right after it is not lost
/// print("listening on \(server.port)")
/// server.runUntilTerminated()   // returns after SIGTERM/SIGINT and a graceful drain
/// ```
public final class HTTPServer: Sendable {
    public let configuration: ServerConfiguration
    /// The bound port (the one the kernel picked when configured with port 0).
    public let port: Int
    private let loop: EventLoop
    private let pool: WorkerPool
    private let stopped = DispatchGroup()
    /// The ``TerminationSignals`` registration, if any; `.max` once the loop has stopped.
    private let signalRegistration = Mutex<UInt64?>(nil)

    private init(configuration: ServerConfiguration, port: Int, loop: EventLoop, pool: WorkerPool) {
        self.configuration = configuration
        self.port = port
        self.loop = loop
        self.pool = pool
    }

    /// Validates the configuration, binds, and starts serving on background threads.
    public static func start(
        configuration: ServerConfiguration, responder: any HTTPResponder, accessLog: AccessLog? = nil, metrics: MetricsRegistry? = nil
    ) throws(HTTPServerError) -> HTTPServer {
        try configuration.validate()
        signal(SIGPIPE, SIG_IGN)  // belt and braces: every send already uses MSG_NOSIGNAL
        let listener = try ListeningSocket(host: configuration.host, port: configuration.port, backlog: configuration.backlog)
        let pool = WorkerPool(threads: configuration.workerThreads, capacity: configuration.queueCapacity, name: "http-worker")
        let pipeline = RequestPipeline(responder: responder, accessLog: accessLog, metrics: metrics)
        let loop: EventLoop
        do {
            loop = try EventLoop(configuration: configuration, listener: listener, pipeline: pipeline, pool: pool)
        } catch {
            Glibc.close(listener.fd)
            pool.shutdown()
            throw error
        }
        let server = HTTPServer(configuration: configuration, port: listener.port, loop: loop, pool: pool)
        if let metrics {
            try metrics.registerGauge("http_worker_queue_depth", help: "Requests waiting for a worker thread.") { Double(pool.depth) }
            try metrics.registerGauge("http_workers_busy", help: "Worker threads running a request.") { Double(pool.busyWorkers) }
            try metrics.registerGauge("http_open_connections", help: "Open client connections.") {
                Double(loop.openConnections.load(ordering: .relaxed))
            }
        }
        server.stopped.enter()
        let thread = Thread {
            loop.run()
            server.signalRegistration.withLock { id in
                if let id, id != .max { TerminationSignals.unregister(id) }
                id = .max
            }
            pool.shutdown()
            server.stopped.leave()
        }
        thread.name = "http-event-loop"
        thread.start()
        return server
    }

    /// Begins a graceful shutdown and returns at once: the listener closes, requests already received
    /// (including pipelined ones) are answered, then connections close and the threads exit.
    public func shutdown() {
        loop.requestShutdown()
    }

    /// Blocks until the server has stopped.
    public func waitUntilStopped() {
        stopped.wait()
    }

    /// Blocks until the server has stopped or `seconds` passed; true if it stopped.
    public func waitUntilStopped(timeout seconds: Double) -> Bool {
        stopped.wait(timeout: .now() + seconds) == .success
    }

    /// Shuts down gracefully when one of `signals` arrives, from the moment this returns (the
    /// handler is installed synchronously). Call it before announcing the server, so a supervisor's
    /// signal sent right after the announcement is never lost. Idempotent.
    public func shutdownOnSignals(_ signals: [Int32] = [SIGTERM, SIGINT]) {
        signalRegistration.withLock { id in
            guard id == nil else { return }  // registered already, or stopped
            id = TerminationSignals.register(signals) { [self] in shutdown() }
        }
    }

    /// Serves until one of `signals` arrives, then shuts down gracefully and returns.
    public func runUntilTerminated(signals: [Int32] = [SIGTERM, SIGINT]) {
        shutdownOnSignals(signals)
        waitUntilStopped()
    }
}
