import Dispatch
import Foundation

// Shared figures for every benchmark area: medians and percentiles over repeated timings.

/// The median (mean of the two middle values for an even count); `nan` when empty.
func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return .nan }
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

/// The `p`-th percentile (0…100) by nearest rank; `nan` when empty.
func percentile(_ values: [Double], _ p: Double) -> Double {
    guard !values.isEmpty else { return .nan }
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int((p / 100 * Double(sorted.count - 1)).rounded()))]
}

/// Wall-clock seconds of `body`.
func secondsElapsed(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// CPU seconds used so far by the calling thread: on a shared, overloaded machine wall time
/// mostly measures the run queue, CPU time the work.
func threadCPUSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

/// The 1-minute load average (`/proc/loadavg`), to print next to measured figures.
func loadAverage() -> String {
    guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return "?" }
    return text.split(separator: " ").prefix(3).joined(separator: " ")
}

/// Wall-clock and this thread's CPU seconds of `body`.
func wallAndCPUSeconds(_ body: () throws -> Void) rethrows -> (wall: Double, cpu: Double) {
    let cpuStart = threadCPUSeconds()
    let wall = try secondsElapsed(body)
    return (wall, threadCPUSeconds() - cpuStart)
}

/// A benchmark that cannot run (missing data, bad arguments), with the reason.
struct BenchmarkError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The positive integer after `flag` in `rest` (consumed), or a `BenchmarkError` naming the flag.
func positiveInt(after flag: String, in rest: inout ArraySlice<String>) throws -> Int {
    guard let value = rest.popFirst().flatMap(Int.init), value > 0 else { throw BenchmarkError("\(flag) needs a positive integer") }
    return value
}
