import CBLAS

/// Thin Swift entry points to the OpenBLAS kernels the engine uses (row-major, float32).
///
/// This is the only place CBLAS is called from, so the rest of the code never sees C types.
public enum BLAS {
    /// Sets the number of OpenBLAS threads for the whole process.
    ///
    /// The server keeps this at 1 (one query per pool thread); batch jobs may raise it.
    public static func setThreads(_ count: Int) {
        openblas_set_num_threads(Int32(max(1, count)))
    }

    /// The number of threads OpenBLAS will use.
    public static var threads: Int { Int(openblas_get_num_threads()) }

    /// `C = alpha · op(A) · op(B) + beta · C` with row-major storage.
    ///
    /// - Parameters:
    ///   - a: `m × k` (or `k × m` when `transposeA`), leading dimension `lda`.
    ///   - b: `k × n` (or `n × k` when `transposeB`), leading dimension `ldb`.
    ///   - c: `m × n`, leading dimension `ldc`.
    @inlinable
    public static func sgemm(
        transposeA: Bool = false, transposeB: Bool = false, m: Int, n: Int, k: Int, alpha: Float = 1,
        a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int, beta: Float = 0,
        c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        cblas_sgemm(
            CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
            blasint(m), blasint(n), blasint(k), alpha, a, blasint(lda), b, blasint(ldb), beta, c, blasint(ldc))
    }

    /// `y = alpha · op(A) · x + beta · y` with `A` row-major `m × n`.
    @inlinable
    public static func sgemv(
        transpose: Bool = false, m: Int, n: Int, alpha: Float = 1, a: UnsafePointer<Float>, lda: Int,
        x: UnsafePointer<Float>, beta: Float = 0, y: UnsafeMutablePointer<Float>
    ) {
        cblas_sgemv(
            CblasRowMajor, transpose ? CblasTrans : CblasNoTrans, blasint(m), blasint(n), alpha, a, blasint(lda), x,
            1, beta, y, 1)
    }

    /// Dot product of two float32 vectors of length `n`.
    @inlinable
    public static func sdot(_ n: Int, _ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>) -> Float {
        cblas_sdot(blasint(n), x, 1, y, 1)
    }

    /// `y += alpha · x`.
    @inlinable
    public static func saxpy(_ n: Int, alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>) {
        cblas_saxpy(blasint(n), alpha, x, 1, y, 1)
    }

    /// `x *= alpha`.
    @inlinable
    public static func sscal(_ n: Int, alpha: Float, _ x: UnsafeMutablePointer<Float>) {
        cblas_sscal(blasint(n), alpha, x, 1)
    }

    /// Euclidean norm of `x`.
    @inlinable
    public static func snrm2(_ n: Int, _ x: UnsafePointer<Float>) -> Float {
        cblas_snrm2(blasint(n), x, 1)
    }

    /// Eigen-decomposition of a symmetric `n × n` matrix (LAPACK `ssyevd`).
    ///
    /// - Parameter matrix: `n × n` values, overwritten with the eigenvectors: eigenvector `j` is
    ///   `matrix[j * n ..< (j + 1) * n]` (LAPACK's column-major order; a symmetric input reads the
    ///   same either way).
    /// - Returns: the eigenvalues in ascending order.
    public static func symmetricEigen(n: Int, _ matrix: inout [Float]) throws -> [Float] {
        precondition(matrix.count == n * n, "symmetricEigen needs n × n values")
        guard n > 0 else { return [] }
        var eigenvalues = [Float](repeating: 0, count: n)
        var size = Int32(n), info: Int32 = 0
        var lwork: Int32 = -1, liwork: Int32 = -1
        var workQuery: Float = 0, iworkQuery: Int32 = 0
        let jobz: CChar = 86, uplo: CChar = 85  // "V", "U"
        var jobzArg = jobz, uploArg = uplo
        // Workspace query first, then the real call.
        matrix.withUnsafeMutableBufferPointer { a in
            ssyevd_(&jobzArg, &uploArg, &size, a.baseAddress, &size, &eigenvalues, &workQuery, &lwork, &iworkQuery, &liwork, &info, 1, 1)
        }
        guard info == 0 else { throw VectorsError(.numericalFailure, "ssyevd workspace query failed (info \(info))") }
        lwork = Int32(workQuery.rounded(.up))
        liwork = iworkQuery
        var work = [Float](repeating: 0, count: Int(max(lwork, 1)))
        var iwork = [Int32](repeating: 0, count: Int(max(liwork, 1)))
        matrix.withUnsafeMutableBufferPointer { a in
            ssyevd_(&jobzArg, &uploArg, &size, a.baseAddress, &size, &eigenvalues, &work, &lwork, &iwork, &liwork, &info, 1, 1)
        }
        guard info == 0 else { throw VectorsError(.numericalFailure, "ssyevd did not converge (info \(info)) on a \(n) × \(n) matrix") }
        return eigenvalues
    }
}
