import Dispatch
import Foundation

/// `(0..<count).map(body)`, with the indices split into contiguous runs computed on every core.
///
/// For independent, pure work per index (decoding documents, laying out posting lists): the
/// caller stays synchronous, and the result is the same as the sequential map, in order.
///
/// - Parameter minimumPerRun: fewer indices than this per run and threads would cost more than
///   they save; below twice this the body runs on the calling thread alone.
public func concurrentMap<T: Sendable>(_ count: Int, minimumPerRun: Int = 1, _ body: (Int) -> T) -> [T] {
    let runs = min(max(1, ProcessInfo.processInfo.activeProcessorCount), count / max(1, minimumPerRun))
    guard runs > 1 else { return (0..<count).map(body) }
    var out = [T?](repeating: nil, count: count)
    out.withUnsafeMutableBufferPointer { buffer in
        nonisolated(unsafe) let slots = buffer  // each index is written by exactly one run
        withoutActuallyEscaping(body) { body in
            nonisolated(unsafe) let body = body
            DispatchQueue.concurrentPerform(iterations: runs) { r in
                let size = (count + runs - 1) / runs
                for i in min(count, r * size)..<min(count, (r + 1) * size) { slots[i] = body(i) }
            }
        }
    }
    return out.map { $0! }
}
