/// Draws `0..<count` with probability proportional to `1 / (rank + 1)^exponent` (Zipf's law).
public struct ZipfSampler: Sendable {
    private let cumulative: [Double]

    public init(count: Int, exponent: Double = 1.0) {
        precondition(count > 0)
        var total = 0.0
        var cumulative = [Double](repeating: 0, count: count)
        for i in 0..<count {
            total += 1 / pow(Double(i + 1), exponent)
            cumulative[i] = total
        }
        self.cumulative = cumulative.map { $0 / total }
    }

    public func next(using rng: inout some RandomNumberGenerator) -> Int {
        let u = Double.random(in: 0..<1, using: &rng)
        var low = 0, high = cumulative.count - 1
        while low < high {
            let mid = (low + high) / 2
            if cumulative[mid] < u { low = mid + 1 } else { high = mid }
        }
        return low
    }
}

import Foundation
