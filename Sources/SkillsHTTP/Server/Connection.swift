/// One client connection's state. Owned by the event loop thread; never touched elsewhere.
final class Connection {
    let id: UInt64
    let fd: Int32
    let remoteAddress: String

    /// Received bytes; the unconsumed part starts at `inboundStart`.
    var inbound: [UInt8] = []
    var inboundStart = 0
    /// Bytes to send; the unsent part starts at `outboundStart`.
    var outbound: [UInt8] = []
    var outboundStart = 0

    /// A request is with the worker pool; later pipelined requests wait in `inbound`.
    var inFlight = false
    /// `100 Continue` was sent for the request being received.
    var continueSent = false
    /// Close once `outbound` is sent (error, `Connection: close`, HTTP/1.0, shutdown).
    var closeAfterWrite = false
    /// The write side is shut down; unread input is drained until EOF or `lingerDeadline`.
    var lingering = false
    var lingerDeadline: UInt64 = 0
    /// Closed and forgotten by the loop; late completions for it are dropped.
    var closed = false
    /// The client shut down its side; answer what was received, then close.
    var peerClosed = false

    /// When the first byte of the request being received arrived (read timeout).
    var requestStartedAt: UInt64 = 0
    /// Last read, completed response or write progress (idle and write-stall timeouts).
    var lastActivity: UInt64
    /// The epoll interest currently registered.
    var interest: UInt32

    init(id: UInt64, fd: Int32, remoteAddress: String, now: UInt64, interest: UInt32) {
        self.id = id
        self.fd = fd
        self.remoteAddress = remoteAddress
        self.lastActivity = now
        self.interest = interest
    }

    var unconsumedCount: Int { inbound.count - inboundStart }
    var hasPendingOutput: Bool { outboundStart < outbound.count }

    /// Nothing received, in flight or unsent: safe to close when shutting down.
    var isIdle: Bool { unconsumedCount == 0 && !inFlight && !hasPendingOutput }

    func consume(_ count: Int) {
        inboundStart += count
        if inboundStart == inbound.count {
            inbound.removeAll(keepingCapacity: inbound.capacity <= 64 * 1024)
            inboundStart = 0
        } else if inboundStart > 32 * 1024 {
            inbound.removeFirst(inboundStart)
            inboundStart = 0
        }
    }
}
