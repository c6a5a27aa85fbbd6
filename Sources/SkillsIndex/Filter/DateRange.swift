import Foundation

/// A closed range of dates; either end may be open.
public struct DateRange: Sendable, Hashable, Codable {
    public var from: Date?
    public var to: Date?

    public init(from: Date? = nil, to: Date? = nil) {
        self.from = from
        self.to = to
    }

    /// The range in whole days since 1970-01-01 (UTC), open ends as `Int32.min` / `Int32.max`.
    var days: ClosedRange<Int32> {
        (from.map(DocumentAttributes.day) ?? .min)...(to.map(DocumentAttributes.day) ?? .max)
    }
}
