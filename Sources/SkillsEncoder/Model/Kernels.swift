import Foundation
import SkillsVectors

/// The element-wise and row-wise steps of the transformer; matrix products go to BLAS.
///
/// Reductions use 8-wide SIMD accumulators: the compiler may not reorder float sums on its own, and
/// these loops run for every token of every layer.
enum Kernels {
    /// `y[T × out] = x[T × in] · wᵀ + b`, with `w` stored `out × in` (PyTorch `Linear` layout).
    static func dense(
        _ x: UnsafePointer<Float>, rows: Int, inputs: Int, weight: UnsafePointer<Float>, bias: UnsafePointer<Float>,
        outputs: Int, into y: UnsafeMutablePointer<Float>
    ) {
        for row in 0..<rows {
            (y + row * outputs).update(from: bias, count: outputs)
        }
        BLAS.sgemm(
            transposeB: true, m: rows, n: outputs, k: inputs, a: x, lda: inputs, b: weight, ldb: inputs, beta: 1,
            c: y, ldc: outputs)
    }

    /// Sum of `n` floats.
    @inline(__always)
    static func sum(_ p: UnsafePointer<Float>, _ n: Int) -> Float {
        var acc = SIMD8<Float>()
        var i = 0
        while i + 8 <= n {
            acc += UnsafeRawPointer(p + i).loadUnaligned(as: SIMD8<Float>.self)
            i += 8
        }
        var total = acc.sum()
        while i < n {
            total += p[i]
            i += 1
        }
        return total
    }

    /// `x = LayerNorm(x + residual)` row by row (`residual` may be nil), population variance.
    static func addLayerNorm(
        _ x: UnsafeMutablePointer<Float>, residual: UnsafePointer<Float>?, rows: Int, width: Int,
        weight: UnsafePointer<Float>, bias: UnsafePointer<Float>, epsilon: Float
    ) {
        let n = Float(width)
        for row in 0..<rows {
            let v = x + row * width
            if let residual {
                let r = residual + row * width
                for j in 0..<width { v[j] += r[j] }
            }
            let mean = sum(v, width) / n
            var acc = SIMD8<Float>()
            var j = 0
            let meanVector = SIMD8<Float>(repeating: mean)
            while j + 8 <= width {
                let d = UnsafeRawPointer(v + j).loadUnaligned(as: SIMD8<Float>.self) - meanVector
                acc += d * d
                j += 8
            }
            var squares = acc.sum()
            while j < width {
                let d = v[j] - mean
                squares += d * d
                j += 1
            }
            let scale = 1 / (squares / n + epsilon).squareRoot()
            for k in 0..<width {
                v[k] = (v[k] - mean) * scale * weight[k] + bias[k]
            }
        }
    }

    /// `x = x · ½ (1 + erf(x / √2))` in place (the exact GELU of BERT).
    static func gelu(_ x: UnsafeMutablePointer<Float>, count: Int) {
        let invSqrt2: Float = 0.70710678118654752
        for i in 0..<count {
            let v = x[i]
            x[i] = 0.5 * v * (1 + erf(v * invSqrt2))
        }
    }

    /// Softmax of each of `rows` rows of `width` values, in place.
    static func softmaxRows(_ x: UnsafeMutablePointer<Float>, rows: Int, width: Int) {
        for row in 0..<rows {
            let v = x + row * width
            var peak = v[0]
            for j in 1..<width where v[j] > peak { peak = v[j] }
            var total: Float = 0
            for j in 0..<width {
                let e = exp(v[j] - peak)
                v[j] = e
                total += e
            }
            let inverse = 1 / total
            for j in 0..<width { v[j] *= inverse }
        }
    }
}
