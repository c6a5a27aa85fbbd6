import Synchronization

/// A token bucket per key (the API layer keys it by API key).
///
/// Each key's bucket holds up to `burst` tokens and refills at `ratePerSecond`; a request takes one
/// token or is refused with the time until one is available. Buckets of idle keys are dropped when the
/// table grows past `maxKeys`, which is safe because an idle bucket is simply full.
public final class TokenBucketRateLimiter: Sendable {
    /// The outcome of one ``acquire(key:)``.
    public enum Decision: Sendable, Equatable {
        case allowed(remaining: Int)
        case limited(retryAfterSeconds: Double)
    }

    private struct Bucket {
        var tokens: Double
        var updated: Double
    }

    public let ratePerSecond: Double
    public let burst: Double
    public let maxKeys: Int
    private let clock: @Sendable () -> Double
    private let buckets = Mutex<[String: Bucket]>([:])

    /// - Parameter clock: monotonic seconds; injectable so tests control time.
    public init(ratePerSecond: Double, burst: Int, maxKeys: Int = 100_000, clock: @escaping @Sendable () -> Double = MonotonicClock.seconds) throws(HTTPServerError) {
        guard ratePerSecond > 0, ratePerSecond.isFinite else { throw .invalid("rateLimit.ratePerSecond", "must be a positive number (got \(ratePerSecond))") }
        guard burst >= 1 else { throw .invalid("rateLimit.burst", "must be at least 1 (got \(burst))") }
        guard maxKeys >= 1 else { throw .invalid("rateLimit.maxKeys", "must be at least 1 (got \(maxKeys))") }
        self.ratePerSecond = ratePerSecond
        self.burst = Double(burst)
        self.maxKeys = maxKeys
        self.clock = clock
    }

    /// Takes one token from `key`'s bucket if it has one.
    public func acquire(key: String) -> Decision {
        let now = clock()
        return buckets.withLock { buckets in
            var bucket = buckets[key] ?? Bucket(tokens: burst, updated: now)
            bucket.tokens = min(burst, bucket.tokens + max(0, now - bucket.updated) * ratePerSecond)
            bucket.updated = now
            let decision: Decision
            if bucket.tokens >= 1 {
                bucket.tokens -= 1
                decision = .allowed(remaining: Int(bucket.tokens))
            } else {
                decision = .limited(retryAfterSeconds: (1 - bucket.tokens) / ratePerSecond)
            }
            if buckets[key] == nil && buckets.count >= maxKeys {
                buckets = buckets.filter { min(burst, $0.value.tokens + (now - $0.value.updated) * ratePerSecond) < burst }
            }
            buckets[key] = bucket
            return decision
        }
    }
}

/// Refuses requests over the limit with 429 and `Retry-After` (whole seconds, rounded up).
public struct RateLimitMiddleware: HTTPMiddleware {
    public let limiter: TokenBucketRateLimiter
    /// The key for a request, or nil to let it through unlimited.
    public let key: @Sendable (HTTPRequest, RequestContext) -> String?

    public init(limiter: TokenBucketRateLimiter, key: @escaping @Sendable (HTTPRequest, RequestContext) -> String?) {
        self.limiter = limiter
        self.key = key
    }

    public func handle(
        _ request: HTTPRequest, context: RequestContext, next: (HTTPRequest, RequestContext) throws -> HTTPResponse
    ) throws -> HTTPResponse {
        guard let key = key(request, context) else { return try next(request, context) }
        switch limiter.acquire(key: key) {
        case .allowed:
            return try next(request, context)
        case .limited(let seconds):
            throw HTTPError(
                .tooManyRequests, code: "rate_limited", detail: "Too many requests; retry after \(Int(seconds.rounded(.up))) s.",
                headers: ["Retry-After": String(max(1, Int(seconds.rounded(.up))))]
            )
        }
    }
}
