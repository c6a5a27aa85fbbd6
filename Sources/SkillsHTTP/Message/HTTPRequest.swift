/// A complete HTTP request as parsed from the wire: the body is fully read before handlers run.
public struct HTTPRequest: Sendable {
    /// The protocol version, `(1, 0)` or `(1, 1)`.
    public struct Version: Sendable, Equatable {
        public var major: Int
        public var minor: Int

        public init(major: Int, minor: Int) {
            self.major = major
            self.minor = minor
        }

        public static let http1_0 = Version(major: 1, minor: 0)
        public static let http1_1 = Version(major: 1, minor: 1)
    }

    public var method: HTTPMethod
    /// The request target exactly as received (path and query, still percent-encoded).
    public var target: String
    /// The percent-decoded path, always valid UTF-8 and starting with `/`.
    public var path: String
    /// The decoded query items in order (`+` read as a space).
    public var queryItems: [(name: String, value: String)]
    public var version: Version
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public init(
        method: HTTPMethod, target: String, path: String, queryItems: [(name: String, value: String)] = [],
        version: Version = .http1_1, headers: HTTPHeaders = [:], body: [UInt8] = []
    ) {
        self.method = method
        self.target = target
        self.path = path
        self.queryItems = queryItems
        self.version = version
        self.headers = headers
        self.body = body
    }

    /// The first value of the query item `name`, or nil.
    public func query(_ name: String) -> String? {
        queryItems.first { $0.name == name }?.value
    }

    /// Whether the connection may carry another request after this one (RFC 9112 §9.3).
    public var keepAlive: Bool {
        if headers.contains("Connection", token: "close") { return false }
        if version == .http1_0 { return headers.contains("Connection", token: "keep-alive") }
        return true
    }
}
