import Glibc

/// Monotonic time for timeouts and latencies (unaffected by wall-clock changes).
public enum MonotonicClock {
    @inline(__always)
    public static func nanoseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
    }

    @Sendable
    public static func seconds() -> Double { Double(nanoseconds()) / 1e9 }
}
