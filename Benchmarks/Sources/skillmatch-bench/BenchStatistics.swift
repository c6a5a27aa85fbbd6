import Dispatch

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
