import CSystem
import Glibc
import Synchronization

/// The epoll loop: accepts connections, reads and parses requests, hands them to the worker pool,
/// writes responses, enforces timeouts and drains on shutdown. One thread runs ``run()``.
///
/// Each connection has at most one request with the workers; pipelined requests wait in its buffer
/// and are parsed when the previous response is queued, so responses go out in request order.
/// Workers hand results back through `completions` and wake the loop with an eventfd.
///
/// `@unchecked Sendable`: connection state is touched only by the loop thread; the members other
/// threads call (``complete(_:)``, ``requestShutdown()``) use a mutex, atomics and the eventfd.
final class EventLoop: @unchecked Sendable {
    struct Completion: Sendable {
        var connectionID: UInt64
        var bytes: [UInt8]
        var keepAlive: Bool
    }

    private static let listenerToken: UInt64 = 0
    private static let wakeToken: UInt64 = 1
    private static let readable = EPOLLIN.rawValue
    private static let writable = EPOLLOUT.rawValue

    private let configuration: ServerConfiguration
    private let parser: HTTPRequestParser
    private let pipeline: RequestPipeline
    private let pool: WorkerPool
    private let epollFD: Int32
    private let wakeFD: Int32
    private let wakeOpen = Mutex(true)

    // Shared with other threads.
    private let completions = Mutex<[Completion]>([])
    private let wakePending = Atomic<Bool>(false)
    private let shutdownRequested = Atomic<Bool>(false)
    let openConnections = Atomic<Int>(0)

    // Loop thread only.
    private var listener: ListeningSocket?
    private var connections: [UInt64: Connection] = [:]
    private var nextID: UInt64 = 2
    private var draining = false
    private var listenerPaused = false
    private var drainDeadline: UInt64 = 0
    private var scratch = [UInt8](repeating: 0, count: 64 * 1024)
    private let readTimeout: UInt64
    private let idleTimeout: UInt64
    private let lingerTime: UInt64
    private let tickMilliseconds: Int32
    /// Most unparsed bytes kept per connection; beyond it reading pauses (or the request is too large).
    private let inboundCap: Int

    init(configuration: ServerConfiguration, listener: ListeningSocket, pipeline: RequestPipeline, pool: WorkerPool) throws(HTTPServerError) {
        self.configuration = configuration
        self.parser = HTTPRequestParser(limits: configuration.limits)
        self.pipeline = pipeline
        self.pool = pool
        self.listener = listener
        let limits = configuration.limits
        inboundCap = limits.maxURILength + limits.maxHeaderBytes + 2 * limits.maxBodyBytes + 64 * 1024
        readTimeout = UInt64(configuration.timeouts.readSeconds * 1e9)
        idleTimeout = UInt64(configuration.timeouts.idleSeconds * 1e9)
        lingerTime = min(readTimeout, 2_000_000_000)
        let tick = min(configuration.timeouts.readSeconds, configuration.timeouts.idleSeconds) / 4
        tickMilliseconds = Int32(max(5, min(250, tick * 1000)))
        epollFD = epoll_create1(Int32(EPOLL_CLOEXEC))
        wakeFD = eventfd(0, Int32(EFD_NONBLOCK) | Int32(EFD_CLOEXEC))
        guard epollFD >= 0, wakeFD >= 0 else {
            throw HTTPServerError(.systemCallFailed, "epoll/eventfd set-up failed: \(ListeningSocket.errnoText())")
        }
        register(listener.fd, token: Self.listenerToken, events: Self.readable)
        register(wakeFD, token: Self.wakeToken, events: Self.readable)
    }

    // MARK: Called from other threads

    /// Hands a finished response back to the loop.
    func complete(_ completion: Completion) {
        completions.withLock { $0.append(completion) }
        wake()
    }

    /// Starts a graceful shutdown: stop accepting, answer what was received, close, return from `run`.
    func requestShutdown() {
        shutdownRequested.store(true, ordering: .sequentiallyConsistent)
        // A late request (a second signal) may come after `run` closed the eventfd, whose number
        // could by then belong to another file: write only while it is open.
        wakeOpen.withLock { open in if open { wake() } }
    }

    private func wake() {
        if !wakePending.exchange(true, ordering: .acquiringAndReleasing) {
            var one: UInt64 = 1
            _ = write(wakeFD, &one, 8)
        }
    }

    // MARK: The loop

    /// Runs until a requested shutdown has drained every connection (or its grace period ran out).
    func run() {
        var events = [epoll_event](repeating: epoll_event(), count: 256)
        var nextSweep = MonotonicClock.nanoseconds() + UInt64(tickMilliseconds) * 1_000_000
        while true {
            let count = events.withUnsafeMutableBufferPointer { epoll_wait(epollFD, $0.baseAddress, Int32($0.count), tickMilliseconds) }
            let now = MonotonicClock.nanoseconds()
            for index in 0..<max(0, Int(count)) {
                let token = events[index].data.u64
                let mask = events[index].events
                switch token {
                case Self.listenerToken: acceptAll(now)
                case Self.wakeToken: handleWake(now)
                default:
                    guard let connection = connections[token] else { continue }
                    if mask & (EPOLLERR.rawValue | EPOLLHUP.rawValue) != 0 {
                        close(connection)
                        continue
                    }
                    if mask & Self.writable != 0 { flush(connection, now) }
                    if mask & Self.readable != 0, !connection.closed { handleReadable(connection, now) }
                    if !connection.closed { settle(connection, now) }
                }
            }
            if now >= nextSweep {
                sweep(now)
                nextSweep = now + UInt64(tickMilliseconds) * 1_000_000
            }
            if draining && (connections.isEmpty || now >= drainDeadline) { break }
        }
        for connection in Array(connections.values) { close(connection) }
        if let listener { Glibc.close(listener.fd) }
        wakeOpen.withLock { open in
            open = false
            Glibc.close(wakeFD)
        }
        Glibc.close(epollFD)
    }

    // MARK: Accepting and draining

    private func acceptAll(_ now: UInt64) {
        guard let listener else { return }
        while true {
            var storage = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let fd = withUnsafeMutablePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    accept4(listener.fd, $0, &length, Int32(SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue))
                }
            }
            if fd < 0 {
                if errno == EINTR || errno == ECONNABORTED { continue }
                if errno == EMFILE || errno == ENFILE {
                    // Out of descriptors: stop watching the listener until the next sweep, or a
                    // level-triggered listener would spin the loop.
                    modify(listener.fd, token: Self.listenerToken, events: 0)
                    listenerPaused = true
                }
                return
            }
            var one: Int32 = 1
            setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            let connection = Connection(
                id: nextID, fd: fd, remoteAddress: SocketAddress.describe(storage).text, now: now, interest: Self.readable
            )
            nextID += 1
            register(fd, token: connection.id, events: Self.readable)
            connections[connection.id] = connection
            openConnections.add(1, ordering: .relaxed)
            if draining {
                // Accepted during shutdown: answer whatever the client already sent.
                handleReadable(connection, now)
                if !connection.closed { settle(connection, now) }
            }
        }
    }

    private func beginDrain(_ now: UInt64) {
        draining = true
        drainDeadline = now + UInt64(configuration.timeouts.shutdownGraceSeconds * 1e9)
        acceptAll(now)
        if let listener {
            epoll_ctl(epollFD, EPOLL_CTL_DEL, listener.fd, nil)
            Glibc.close(listener.fd)
            self.listener = nil
        }
        for connection in Array(connections.values) where !connection.closed { settle(connection, now) }
    }

    // MARK: Reading and parsing

    private func handleReadable(_ connection: Connection, _ now: UInt64) {
        while connection.lingering || connection.unconsumedCount < inboundCap {
            let received = scratch.withUnsafeMutableBytes { recv(connection.fd, $0.baseAddress, $0.count, 0) }
            if received > 0 {
                if connection.lingering { continue }  // discarding input before closing
                if connection.unconsumedCount == 0 { connection.requestStartedAt = now }
                connection.inbound.append(contentsOf: scratch[0..<received])
                connection.lastActivity = now
                if received < scratch.count { break }
            } else if received == 0 {
                connection.peerClosed = true
                break
            } else if errno == EINTR {
                continue
            } else if errno == EAGAIN || errno == EWOULDBLOCK {
                break
            } else {
                close(connection)
                return
            }
        }
        if connection.lingering {
            if connection.peerClosed { close(connection) }
            return
        }
        processInbound(connection, now)
    }

    private func processInbound(_ connection: Connection, _ now: UInt64) {
        while !connection.inFlight && !connection.closeAfterWrite && !connection.closed && connection.unconsumedCount > 0 {
            let outcome = connection.inbound.withUnsafeBufferPointer {
                parser.parse(UnsafeBufferPointer(rebasing: $0[connection.inboundStart...]))
            }
            switch outcome {
            case .incomplete(let headersComplete, let expectsContinue):
                if connection.unconsumedCount >= inboundCap {
                    refuse(connection, .bodyTooLarge(limit: configuration.limits.maxBodyBytes), now)
                } else if headersComplete && expectsContinue && !connection.continueSent {
                    connection.continueSent = true
                    send(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8), on: connection, now)
                }
                return
            case .failure(let error):
                refuse(connection, error, now)
                return
            case .complete(let request, let consumed):
                connection.consume(consumed)
                connection.continueSent = false
                if connection.unconsumedCount > 0 { connection.requestStartedAt = now }
                // When shutting down or half-closed, the last buffered request ends the connection.
                let lastOne = (draining || connection.peerClosed) && connection.unconsumedCount == 0
                dispatch(request, size: consumed, keepAlive: request.keepAlive && !lastOne, on: connection, now)
            }
        }
    }

    private func dispatch(_ request: HTTPRequest, size: Int, keepAlive: Bool, on connection: Connection, _ now: UInt64) {
        let requestID = pipeline.requestIDs.id(accepting: request.headers["X-Request-Id"])
        let connectionID = connection.id
        let remoteAddress = connection.remoteAddress
        let pipeline = self.pipeline
        let accepted = pool.trySubmit { [self] in
            let bytes = pipeline.run(
                request, requestID: requestID, remoteAddress: remoteAddress, keepAlive: keepAlive, receivedAt: now, requestBytes: size
            )
            complete(Completion(connectionID: connectionID, bytes: bytes, keepAlive: keepAlive))
        }
        if accepted {
            connection.inFlight = true
        } else {
            let error = HTTPError.overloaded(retryAfter: configuration.retryAfterSeconds)
            let bytes = pipeline.direct(error, request: request, requestID: requestID, keepAlive: keepAlive, receivedAt: now, requestBytes: size)
            if !keepAlive { connection.closeAfterWrite = true }
            send(bytes, on: connection, now)
        }
    }

    /// Answers a request the server will not run (malformed, too large, too slow) and closes.
    private func refuse(_ connection: Connection, _ error: HTTPError, _ now: UInt64) {
        let bytes = pipeline.direct(
            error, request: nil, requestID: nil, keepAlive: false, receivedAt: connection.requestStartedAt, requestBytes: connection.unconsumedCount
        )
        connection.closeAfterWrite = true
        send(bytes, on: connection, now)
    }

    // MARK: Writing

    private func handleWake(_ now: UInt64) {
        // Order matters: reset the eventfd, then clear the flag, then take the queue. Clearing the flag
        // first could swallow the wake-up of a completion queued between the two and strand it.
        var value: UInt64 = 0
        _ = read(wakeFD, &value, 8)
        wakePending.store(false, ordering: .sequentiallyConsistent)
        var batch: [Completion] = []
        completions.withLock { swap(&batch, &$0) }
        for completion in batch {
            guard let connection = connections[completion.connectionID] else { continue }
            connection.inFlight = false
            connection.lastActivity = now
            if !completion.keepAlive { connection.closeAfterWrite = true }
            send(completion.bytes, on: connection, now)
            if !connection.closed { processInbound(connection, now) }
            if !connection.closed { settle(connection, now) }
        }
        if shutdownRequested.load(ordering: .sequentiallyConsistent) && !draining { beginDrain(now) }
    }

    private func send(_ bytes: [UInt8], on connection: Connection, _ now: UInt64) {
        if connection.hasPendingOutput {
            connection.outbound.append(contentsOf: bytes)
        } else {
            connection.outbound = bytes
            connection.outboundStart = 0
        }
        flush(connection, now)
    }

    private func flush(_ connection: Connection, _ now: UInt64) {
        while connection.hasPendingOutput {
            let start = connection.outboundStart
            let sent = connection.outbound.withUnsafeBytes {
                CSystem.send(connection.fd, $0.baseAddress! + start, $0.count - start, Int32(MSG_NOSIGNAL))
            }
            if sent > 0 {
                connection.outboundStart += sent
                connection.lastActivity = now
            } else if sent < 0 && errno == EINTR {
                continue
            } else if sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                return
            } else {
                close(connection)
                return
            }
        }
        connection.outbound.removeAll(keepingCapacity: connection.outbound.capacity <= 64 * 1024)
        connection.outboundStart = 0
    }

    /// Moves a connection to its next state after an event: lingering close, close when done, or
    /// the right epoll interest.
    private func settle(_ connection: Connection, _ now: UInt64) {
        if connection.closeAfterWrite && !connection.lingering && !connection.inFlight && !connection.hasPendingOutput {
            // Half-close and drain input before closing, so the client reads the response instead
            // of a reset caused by unread bytes.
            shutdown(connection.fd, Int32(SHUT_WR))
            connection.lingering = true
            connection.lingerDeadline = now + lingerTime
            connection.inbound = []
            connection.inboundStart = 0
            if connection.peerClosed {
                close(connection)
                return
            }
        }
        if !connection.lingering && connection.isIdle && (connection.peerClosed || draining) {
            close(connection)
            return
        }
        let wantsRead = !connection.peerClosed && (connection.lingering || connection.unconsumedCount < inboundCap)
        let interest = (wantsRead ? Self.readable : 0) | (connection.hasPendingOutput ? Self.writable : 0)
        if interest != connection.interest {
            modify(connection.fd, token: connection.id, events: interest)
            connection.interest = interest
        }
    }

    // MARK: Timeouts

    private func sweep(_ now: UInt64) {
        if listenerPaused, let listener {
            modify(listener.fd, token: Self.listenerToken, events: Self.readable)
            listenerPaused = false
        }
        for connection in Array(connections.values) where !connection.closed {
            if connection.lingering {
                if now >= connection.lingerDeadline { close(connection) }
            } else if connection.inFlight {
                continue
            } else if connection.hasPendingOutput {
                if now &- connection.lastActivity > readTimeout { close(connection) }  // client stopped reading
            } else if connection.unconsumedCount > 0 {
                if now &- connection.requestStartedAt > readTimeout {
                    refuse(connection, .requestTimeout, now)
                    if !connection.closed { settle(connection, now) }
                }
            } else if now &- connection.lastActivity > idleTimeout {
                close(connection)
            }
        }
    }

    // MARK: Descriptors

    private func register(_ fd: Int32, token: UInt64, events: UInt32) {
        var event = epoll_event()
        event.events = events
        event.data.u64 = token
        epoll_ctl(epollFD, EPOLL_CTL_ADD, fd, &event)
    }

    private func modify(_ fd: Int32, token: UInt64, events: UInt32) {
        var event = epoll_event()
        event.events = events
        event.data.u64 = token
        epoll_ctl(epollFD, EPOLL_CTL_MOD, fd, &event)
    }

    private func close(_ connection: Connection) {
        guard !connection.closed else { return }
        connection.closed = true
        epoll_ctl(epollFD, EPOLL_CTL_DEL, connection.fd, nil)
        Glibc.close(connection.fd)
        connections[connection.id] = nil
        openConnections.subtract(1, ordering: .relaxed)
    }
}
