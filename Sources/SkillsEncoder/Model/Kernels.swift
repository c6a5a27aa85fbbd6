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
    ///
    /// erf uses Abramowitz & Stegun 7.1.26 (absolute error ≤ 1.5e-7, below float rounding of the
    /// result) with `fastExp`: the library `erff` is a scalar call and was a sixth of the encoder's
    /// time, while this loop has no calls and no branches, so the optimiser vectorises it. (Written
    /// on scalars rather than `SIMD8` because generic SIMD code is very slow in debug builds.)
    static func gelu(_ x: UnsafeMutablePointer<Float>, count: Int) {
        for i in 0..<count {
            x[i] = gelu(x[i])
        }
    }

    @inline(__always)
    static func gelu(_ v: Float) -> Float {
        let z = v * 0.70710678118654752
        let a = z < 0 ? -z : z
        let t = 1 / (1 + 0.3275911 * a)
        var poly: Float = 1.061405429
        poly = poly * t - 1.453152027
        poly = poly * t + 1.421413741
        poly = poly * t - 0.284496736
        poly = poly * t + 0.254829592
        let erfAbs = 1 - poly * t * fastExp(-(a * a))
        return 0.5 * v * (1 + (z < 0 ? -erfAbs : erfAbs))
    }

    /// `eˣ` without a library call: range reduction by ln 2 (rounding with the 1.5·2²³ trick) and the
    /// Cephes `expf` polynomial; relative error about 1e-7. Inputs are clamped to about ±87.
    @inline(__always)
    static func fastExp(_ x: Float) -> Float {
        let clamped = x < -87.3 ? -87.3 : (x > 88.3 ? 88.3 : x)
        let magic: Float = 12_582_912  // 1.5 · 2²³
        let shifted = clamped * 1.44269504088896341 + magic
        let n = shifted - magic
        var r = clamped - n * 0.693359375
        r = r + n * 2.12194440e-4
        var p: Float = 1.9875691500e-4
        p = p * r + 1.3981999507e-3
        p = p * r + 8.3334519073e-3
        p = p * r + 4.1665795894e-2
        p = p * r + 1.6666665459e-1
        p = p * r + 5.0000001201e-1
        let e = p * r * r + r + 1
        let exponent = Int32(bitPattern: shifted.bitPattern &- magic.bitPattern) &+ 127
        return e * Float(bitPattern: UInt32(bitPattern: exponent &<< 23))
    }

    /// Softmax of each of `rows` rows of `width` values, in place.
    static func softmaxRows(_ x: UnsafeMutablePointer<Float>, rows: Int, width: Int) {
        for row in 0..<rows {
            let v = x + row * width
            var peak = v[0]
            for j in 1..<width where v[j] > peak { peak = v[j] }
            for j in 0..<width { v[j] = fastExp(v[j] - peak) }
            let inverse = 1 / sum(v, width)
            for j in 0..<width { v[j] *= inverse }
        }
    }
}
