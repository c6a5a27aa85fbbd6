/// A yearly pay range in one currency; either bound may be open.
public struct PayRange: Sendable, Hashable, Codable {
    /// Lowest yearly pay, if stated.
    public var minimum: Double?
    /// Highest yearly pay, if stated.
    public var maximum: Double?
    /// ISO 4217 code; the engine compares amounts only within one currency.
    public var currency: String

    public init(minimum: Double?, maximum: Double?, currency: String = "USD") {
        self.minimum = minimum
        self.maximum = maximum
        self.currency = currency
    }

    /// Throws for negative or non-finite bounds and for `minimum > maximum`.
    public func validate(field: String) throws(EntityError) {
        for (name, value) in [("minimum", minimum), ("maximum", maximum)] {
            if let value, !(value.isFinite && value >= 0) {
                throw .invalidValue("\(field).\(name)", "must be a non-negative number, got \(value)")
            }
        }
        if let minimum, let maximum, minimum > maximum {
            throw .invalidValue(field, "minimum \(minimum) exceeds maximum \(maximum)")
        }
    }

    /// `true` when the two ranges share at least one amount (open bounds extend forever).
    public func overlaps(_ other: PayRange) -> Bool {
        let lowA = minimum ?? 0, highA = maximum ?? .infinity
        let lowB = other.minimum ?? 0, highB = other.maximum ?? .infinity
        return lowA <= highB && lowB <= highA
    }
}
