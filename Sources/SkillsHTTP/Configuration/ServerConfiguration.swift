/// Everything the HTTP server can be configured with. Every key has a default, so a partial JSON
/// document decodes; ``validate()`` reports the first bad key by its path.
///
/// Keys (JSON): `host` (IP address or `localhost`, default `127.0.0.1`), `port` (0 picks a free port,
/// default 8080), `workerThreads` (handler threads, default 4), `queueCapacity` (requests waiting for a
/// worker before 503, default 256), `backlog` (listen backlog, default 1024), `retryAfterSeconds`
/// (sent with 503, default 1), `limits.{maxURILength, maxHeaderBytes, maxHeaderCount, maxBodyBytes}`,
/// `timeouts.{readSeconds, idleSeconds, shutdownGraceSeconds}`.
public struct ServerConfiguration: Codable, Sendable, Equatable {
    /// Request size limits; exceeding one gets 414, 431 or 413.
    public struct Limits: Codable, Sendable, Equatable {
        /// Longest request target in bytes (414 beyond).
        public var maxURILength: Int = 8 * 1024
        /// Largest header section (request line excluded) in bytes (431 beyond).
        public var maxHeaderBytes: Int = 16 * 1024
        /// Most header fields (431 beyond).
        public var maxHeaderCount: Int = 100
        /// Largest request body in bytes, after chunked decoding (413 beyond).
        public var maxBodyBytes: Int = 1024 * 1024

        public init() {}

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let d = Limits()
            maxURILength = try c.decodeIfPresent(Int.self, forKey: .maxURILength) ?? d.maxURILength
            maxHeaderBytes = try c.decodeIfPresent(Int.self, forKey: .maxHeaderBytes) ?? d.maxHeaderBytes
            maxHeaderCount = try c.decodeIfPresent(Int.self, forKey: .maxHeaderCount) ?? d.maxHeaderCount
            maxBodyBytes = try c.decodeIfPresent(Int.self, forKey: .maxBodyBytes) ?? d.maxBodyBytes
        }
    }

    /// Connection timeouts in seconds.
    public struct Timeouts: Codable, Sendable, Equatable {
        /// Time allowed to receive a whole request once its first byte arrived (slowloris guard: 408).
        public var readSeconds: Double = 10
        /// Time a keep-alive connection may sit idle between requests before it is closed.
        public var idleSeconds: Double = 60
        /// On shutdown, time allowed for in-flight requests before connections are cut.
        public var shutdownGraceSeconds: Double = 30

        public init() {}

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let d = Timeouts()
            readSeconds = try c.decodeIfPresent(Double.self, forKey: .readSeconds) ?? d.readSeconds
            idleSeconds = try c.decodeIfPresent(Double.self, forKey: .idleSeconds) ?? d.idleSeconds
            shutdownGraceSeconds = try c.decodeIfPresent(Double.self, forKey: .shutdownGraceSeconds) ?? d.shutdownGraceSeconds
        }
    }

    public var host: String = "127.0.0.1"
    public var port: Int = 8080
    public var workerThreads: Int = 4
    public var queueCapacity: Int = 256
    public var backlog: Int = 1024
    public var retryAfterSeconds: Int = 1
    public var limits = Limits()
    public var timeouts = Timeouts()

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = ServerConfiguration()
        host = try c.decodeIfPresent(String.self, forKey: .host) ?? d.host
        port = try c.decodeIfPresent(Int.self, forKey: .port) ?? d.port
        workerThreads = try c.decodeIfPresent(Int.self, forKey: .workerThreads) ?? d.workerThreads
        queueCapacity = try c.decodeIfPresent(Int.self, forKey: .queueCapacity) ?? d.queueCapacity
        backlog = try c.decodeIfPresent(Int.self, forKey: .backlog) ?? d.backlog
        retryAfterSeconds = try c.decodeIfPresent(Int.self, forKey: .retryAfterSeconds) ?? d.retryAfterSeconds
        limits = try c.decodeIfPresent(Limits.self, forKey: .limits) ?? d.limits
        timeouts = try c.decodeIfPresent(Timeouts.self, forKey: .timeouts) ?? d.timeouts
    }

    /// Checks every key; the error's `keyPath` names the first bad one.
    public func validate() throws(HTTPServerError) {
        if SocketAddress(host: host, port: 0) == nil {
            throw .invalid("host", "must be an IPv4 or IPv6 address or \"localhost\" (got \"\(host)\")")
        }
        try Self.check("port", port, in: 0...65535)
        try Self.check("workerThreads", workerThreads, in: 1...1024)
        try Self.check("queueCapacity", queueCapacity, in: 0...1_000_000)
        try Self.check("backlog", backlog, in: 1...65535)
        try Self.check("retryAfterSeconds", retryAfterSeconds, in: 1...86400)
        try Self.check("limits.maxURILength", limits.maxURILength, in: 16...1_048_576)
        try Self.check("limits.maxHeaderBytes", limits.maxHeaderBytes, in: 256...1_048_576)
        try Self.check("limits.maxHeaderCount", limits.maxHeaderCount, in: 1...10_000)
        try Self.check("limits.maxBodyBytes", limits.maxBodyBytes, in: 0...(1 << 31))
        try Self.check("timeouts.readSeconds", timeouts.readSeconds, in: 0.001...86400)
        try Self.check("timeouts.idleSeconds", timeouts.idleSeconds, in: 0.001...86400)
        try Self.check("timeouts.shutdownGraceSeconds", timeouts.shutdownGraceSeconds, in: 0...86400)
    }

    private static func check<T: Comparable>(_ key: String, _ value: T, in range: ClosedRange<T>) throws(HTTPServerError) {
        guard range.contains(value) else {
            throw .invalid(key, "must be between \(range.lowerBound) and \(range.upperBound) (got \(value))")
        }
    }
}
