import Foundation

/// Exponential backoff for transient failures, and when to give up.
public struct RetryPolicy: Sendable, Equatable, Codable {
    /// Claims before an item that keeps failing transiently (or whose lease keeps expiring) is dead.
    public var maxAttempts: Int = 5
    /// Delay after the first failure; doubles with each further attempt.
    public var baseDelaySeconds: Double = 1
    /// Upper bound of the delay.
    public var maxDelaySeconds: Double = 300

    public init(maxAttempts: Int = 5, baseDelaySeconds: Double = 1, maxDelaySeconds: Double = 300) {
        self.maxAttempts = maxAttempts
        self.baseDelaySeconds = baseDelaySeconds
        self.maxDelaySeconds = maxDelaySeconds
    }

    /// The wait before the next attempt after `attempts` failed ones: base · 2^(attempts−1), capped.
    public func delay(afterAttempts attempts: Int) -> Double {
        let exponent = Double(max(0, min(attempts - 1, 60)))
        return min(maxDelaySeconds, baseDelaySeconds * pow(2, exponent))
    }

    /// Missing keys keep their defaults.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = RetryPolicy()
        maxAttempts = try container.decodeIfPresent(Int.self, forKey: .maxAttempts) ?? defaults.maxAttempts
        baseDelaySeconds = try container.decodeIfPresent(Double.self, forKey: .baseDelaySeconds) ?? defaults.baseDelaySeconds
        maxDelaySeconds = try container.decodeIfPresent(Double.self, forKey: .maxDelaySeconds) ?? defaults.maxDelaySeconds
    }

    public func validate() throws(StorageError) {
        if maxAttempts < 1 { throw StorageError(.invalidArgument, "retry.maxAttempts must be >= 1, got \(maxAttempts)") }
        if !(baseDelaySeconds >= 0) || !(maxDelaySeconds >= baseDelaySeconds) {
            throw StorageError(.invalidArgument,
                               "retry delays need 0 <= baseDelaySeconds <= maxDelaySeconds, got \(baseDelaySeconds) and \(maxDelaySeconds)")
        }
    }
}
