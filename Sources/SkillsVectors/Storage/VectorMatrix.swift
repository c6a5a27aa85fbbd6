/// Float32 vectors of one fixed dimension, stored row-major in one contiguous array.
///
/// Rows are addressed by `Int32` (the engine's internal row numbers). The value type copies on
/// write, so a `VectorMatrix` handed to a reader is an immutable snapshot: writers append or
/// update their own copy and publish it, readers never block.
public struct VectorMatrix: Sendable, Equatable {
    /// Number of components per row.
    public let dimension: Int
    /// All components, row `r` at `values[r * dimension ..< (r + 1) * dimension]`.
    public private(set) var values: [Float]

    /// An empty matrix of the given dimension (at least 1).
    public init(dimension: Int) throws {
        guard dimension > 0 else { throw VectorsError(.invalidArgument, "dimension must be positive, got \(dimension)") }
        self.dimension = dimension
        self.values = []
    }

    /// A matrix over existing row-major values; `values.count` must be a multiple of `dimension`.
    public init(dimension: Int, values: [Float]) throws {
        try self.init(dimension: dimension)
        guard values.count % dimension == 0 else {
            throw VectorsError(.dimensionMismatch, "\(values.count) values is not a whole number of rows of \(dimension)")
        }
        guard values.count / dimension <= Int(Int32.max) else {
            throw VectorsError(.invalidArgument, "more than \(Int32.max) rows")
        }
        if let bad = values.firstIndex(where: { !$0.isFinite }) {
            throw VectorsError(.nonFinite, "value \(values[bad]) at row \(bad / dimension), column \(bad % dimension)")
        }
        self.values = values
    }

    /// A matrix from rows that all have `dimension` components.
    public init(dimension: Int, rows: [[Float]]) throws {
        try self.init(dimension: dimension)
        values.reserveCapacity(rows.count * dimension)
        for row in rows { try append(row) }
    }

    /// Number of rows.
    @inlinable
    public var count: Int { values.count / dimension }

    /// Bytes used by the components.
    public var byteCount: Int { values.count * MemoryLayout<Float>.size }

    /// Appends a row and returns its number.
    @discardableResult
    public mutating func append(_ row: [Float]) throws -> Int32 {
        try Self.check(row, dimension: dimension, what: "row")
        guard count < Int(Int32.max) else { throw VectorsError(.invalidArgument, "matrix is full (\(Int32.max) rows)") }
        values.append(contentsOf: row)
        return Int32(count - 1)
    }

    /// Replaces row `row` with `vector`.
    public mutating func update(row: Int32, with vector: [Float]) throws {
        try checkRow(row)
        try Self.check(vector, dimension: dimension, what: "row")
        let start = Int(row) * dimension
        values.replaceSubrange(start..<start + dimension, with: vector)
    }

    /// A copy of row `row`.
    public func row(_ row: Int32) throws -> [Float] {
        try checkRow(row)
        let start = Int(row) * dimension
        return Array(values[start..<start + dimension])
    }

    /// Scales every non-zero row to unit Euclidean length (zero rows stay zero), so inner product
    /// is cosine similarity.
    public mutating func normalizeRows() {
        let (d, rows) = (dimension, count)
        values.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            Self.normalizeRows(base, rows: rows, dimension: d)
        }
    }

    /// Scales each non-zero row of the row-major `rows × dimension` values at `base` to unit length.
    public static func normalizeRows(_ base: UnsafeMutablePointer<Float>, rows: Int, dimension d: Int) {
        for r in 0..<rows {
            let row = base + r * d
            let norm = BLAS.snrm2(d, row)
            if norm > 0 { BLAS.sscal(d, alpha: 1 / norm, row) }
        }
    }

    /// Calls `body` with a pointer to the row-major components.
    @inlinable
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try values.withUnsafeBufferPointer(body)
    }

    func checkRow(_ row: Int32) throws {
        guard row >= 0, Int(row) < count else { throw VectorsError.row(row, count: count) }
    }

    static func check(_ vector: [Float], dimension: Int, what: String) throws {
        guard vector.count == dimension else { throw VectorsError.dimension(what, got: vector.count, expected: dimension) }
        if let bad = vector.firstIndex(where: { !$0.isFinite }) {
            throw VectorsError(.nonFinite, "\(what) component \(bad) is \(vector[bad])")
        }
    }
}
