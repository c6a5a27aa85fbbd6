/// The `"auth"` section of the service configuration: how callers are authenticated and limited.
public struct APIConfiguration: Codable, Sendable, Equatable {
    /// Per-key token bucket.
    public struct RateLimit: Codable, Sendable, Equatable {
        /// Sustained requests per second per key.
        public var requestsPerSecond: Double = 50
        /// Requests a key may send in a burst above the sustained rate.
        public var burst: Int = 100

        public init() {}

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let d = RateLimit()
            requestsPerSecond = try c.decodeIfPresent(Double.self, forKey: .requestsPerSecond) ?? d.requestsPerSecond
            burst = try c.decodeIfPresent(Int.self, forKey: .burst) ?? d.burst
        }
    }

    /// `required` (default) or `open` (no keys; every caller is an admin; loopback development only).
    public var authMode: AuthMiddleware.Mode = .required
    public var rateLimit = RateLimit()

    public init() {}

    enum CodingKeys: String, CodingKey {
        case authMode = "mode"
        case rateLimit
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = APIConfiguration()
        if let text = try c.decodeIfPresent(String.self, forKey: .authMode) {
            guard let mode = AuthMiddleware.Mode(rawValue: text) else {
                throw DecodingError.dataCorruptedError(forKey: .authMode, in: c, debugDescription: "must be \"required\" or \"open\" (got \"\(text)\")")
            }
            authMode = mode
        } else {
            authMode = d.authMode
        }
        rateLimit = try c.decodeIfPresent(RateLimit.self, forKey: .rateLimit) ?? d.rateLimit
    }

    /// Checks every key; the error names the first bad one by its path.
    public func validate() throws(ConfigurationError) {
        guard rateLimit.requestsPerSecond.isFinite, (0.01...1_000_000).contains(rateLimit.requestsPerSecond) else {
            throw ConfigurationError("auth.rateLimit.requestsPerSecond", "must be between 0.01 and 1000000 (got \(rateLimit.requestsPerSecond))")
        }
        guard (1...1_000_000).contains(rateLimit.burst) else {
            throw ConfigurationError("auth.rateLimit.burst", "must be between 1 and 1000000 (got \(rateLimit.burst))")
        }
    }
}

/// A configuration value that is missing, of the wrong type or out of range, named by its key path.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The dotted key path (`http.port`), or the file when the document itself is unreadable.
    public var keyPath: String
    public var message: String

    public init(_ keyPath: String, _ message: String) {
        self.keyPath = keyPath
        self.message = message
    }

    public var description: String { "\(keyPath): \(message)" }
}
