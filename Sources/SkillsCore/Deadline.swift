import Foundation

/// A point in time after which long-running work should stop, on the monotonic clock.
///
/// Scans check it once per block (a few thousand rows), not per item, so the check costs nothing
/// measurable; ``none`` never expires.
public struct Deadline: Sendable, Hashable {
    /// Monotonic nanoseconds (`DispatchTime.uptimeNanoseconds`) at which the deadline passes.
    public let uptimeNanoseconds: UInt64

    /// A deadline at the given monotonic time.
    public init(uptimeNanoseconds: UInt64) { self.uptimeNanoseconds = uptimeNanoseconds }

    /// A deadline that never passes.
    public static let none = Deadline(uptimeNanoseconds: .max)

    /// A deadline `seconds` from now (0 or less: already passed).
    public static func after(seconds: Double) -> Deadline {
        let now = DispatchTime.now().uptimeNanoseconds
        guard seconds > 0 else { return Deadline(uptimeNanoseconds: now) }
        let delta = seconds * 1e9
        guard delta < Double(UInt64.max - now) else { return .none }
        return Deadline(uptimeNanoseconds: now + UInt64(delta))
    }

    /// Whether the deadline has passed.
    @inlinable
    public var hasPassed: Bool {
        uptimeNanoseconds != .max && DispatchTime.now().uptimeNanoseconds >= uptimeNanoseconds
    }
}
