import Foundation

/// Leading eigenpairs of a large sparse symmetric matrix by a randomized range finder, with all
/// dense work in BLAS (`sgemm`) and LAPACK (`ssyevd`).
enum RandomizedEigen {
    /// The `count` algebraically largest eigenpairs found (fewer when the rank is lower), largest
    /// first; each eigenvector has `matrix.size` components and its largest-magnitude component
    /// positive, so results do not depend on LAPACK's sign choices.
    static func leading(
        _ matrix: SparseMatrix, count: Int, oversampling: Int, powerIterations: Int, seed: UInt64
    ) throws -> (values: [Float], vectors: [[Float]]) {
        let n = matrix.size
        let width = min(n, count + oversampling)
        var random = SplitMix64(seed: seed)
        let omega = (0..<n * width).map { _ in random.nextGaussian() }
        var (q, r) = try orthonormalize(matrix.multiply(omega, width: width), rows: n, columns: width)
        for _ in 0..<powerIterations where r > 0 {
            (q, r) = try orthonormalize(matrix.multiply(q, width: r), rows: n, columns: r)
        }
        guard r > 0 else { return ([], []) }
        // B = Qᵀ (M Q): the matrix restricted to the found subspace, r × r.
        let z = matrix.multiply(q, width: r)
        var b = [Float](repeating: 0, count: r * r)
        q.withUnsafeBufferPointer { qb in
            z.withUnsafeBufferPointer { zb in
                BLAS.sgemm(transposeA: true, m: r, n: r, k: n, a: qb.baseAddress!, lda: r, b: zb.baseAddress!, ldb: r,
                           c: &b, ldc: r)
            }
        }
        for i in 0..<r { for j in 0..<i { let s = (b[i * r + j] + b[j * r + i]) / 2; b[i * r + j] = s; b[j * r + i] = s } }
        let eigenvalues = try BLAS.symmetricEigen(n: r, &b)
        let chosen = Array((0..<r).reversed().prefix(count))  // ascending from LAPACK: largest last
        // W (r × c) row-major from the chosen eigenvectors, then U = Q · W (n × c).
        let c = chosen.count
        var w = [Float](repeating: 0, count: r * c)
        for (column, j) in chosen.enumerated() { for i in 0..<r { w[i * c + column] = b[j * r + i] } }
        var u = [Float](repeating: 0, count: n * c)
        q.withUnsafeBufferPointer { qb in
            BLAS.sgemm(m: n, n: c, k: r, a: qb.baseAddress!, lda: r, b: w, ldb: c, c: &u, ldc: c)
        }
        var vectors: [[Float]] = []
        for column in 0..<c {
            var v = (0..<n).map { u[$0 * c + column] }
            if let peak = v.indices.max(by: { abs(v[$0]) < abs(v[$1]) }), v[peak] < 0 { v = v.map { -$0 } }
            vectors.append(v)
        }
        return (chosen.map { eigenvalues[$0] }, vectors)
    }

    /// An orthonormal basis of the column space of `y` (`rows × columns`, row-major), dropping
    /// directions whose Gram eigenvalue is below 1e-6 of the largest. Gram-matrix orthonormalisation
    /// twice (`CholeskyQR2`): cheap in `sgemm` and accurate enough in float32 for well-separated
    /// columns, which power iteration produces.
    static func orthonormalize(_ y: [Float], rows n: Int, columns l: Int) throws -> (q: [Float], columns: Int) {
        var (q, r) = try gramOrthonormalize(y, rows: n, columns: l)
        if r > 0 { (q, r) = try gramOrthonormalize(q, rows: n, columns: r) }
        return (q, r)
    }

    private static func gramOrthonormalize(_ y: [Float], rows n: Int, columns l: Int) throws -> (q: [Float], columns: Int) {
        var gram = [Float](repeating: 0, count: l * l)
        y.withUnsafeBufferPointer { yb in
            BLAS.sgemm(transposeA: true, m: l, n: l, k: n, a: yb.baseAddress!, lda: l, b: yb.baseAddress!, ldb: l,
                       c: &gram, ldc: l)
        }
        let eigenvalues = try BLAS.symmetricEigen(n: l, &gram)
        guard let largest = eigenvalues.last, largest > 0 else { return ([], 0) }
        let kept = (0..<l).reversed().filter { eigenvalues[$0] > largest * 1e-6 }
        let r = kept.count
        var t = [Float](repeating: 0, count: l * r)
        for (column, j) in kept.enumerated() {
            let scale = 1 / eigenvalues[j].squareRoot()
            for i in 0..<l { t[i * r + column] = gram[j * l + i] * scale }
        }
        var q = [Float](repeating: 0, count: n * r)
        y.withUnsafeBufferPointer { yb in
            BLAS.sgemm(m: n, n: r, k: l, a: yb.baseAddress!, lda: l, b: t, ldb: r, c: &q, ldc: r)
        }
        return (q, r)
    }
}

/// SplitMix64, private to the embedding so results depend only on the seed.
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in (0, 1].
    mutating func nextUnit() -> Double { Double((next() >> 11) + 1) * 0x1p-53 }

    /// Standard normal by Box–Muller.
    mutating func nextGaussian() -> Float {
        Float((-2 * Foundation.log(nextUnit())).squareRoot() * cos(2 * Double.pi * nextUnit()))
    }
}
