/// An int8 copy of a ``VectorMatrix`` with one float32 scale per row: a quarter of the memory and
/// of the memory bandwidth of the float32 scan.
///
/// Row `r` is approximated by `scales[r] · codes[r]`, where `scales[r] = max|x| / 127` and each
/// code is the component divided by the scale, rounded. Queries are quantized the same way, so a
/// score is one integer dot product (exact in `Int32`: 127² · dimension fits for any dimension
/// below 133,000) times two scales. The relative error per component is at most 1/254 of the row's
/// largest component, which is why ``FlatVectorIndex`` rescores the best candidates in float32.
public struct QuantizedMatrix: Sendable, Equatable {
    public let dimension: Int
    /// Codes, row-major like ``VectorMatrix/values``.
    public private(set) var codes: [Int8]
    /// One scale per row (0 for a zero row).
    public private(set) var scales: [Float]

    /// Quantizes every row of `matrix`.
    public init(_ matrix: VectorMatrix) {
        dimension = matrix.dimension
        codes = []
        scales = []
        codes.reserveCapacity(matrix.values.count)
        scales.reserveCapacity(matrix.count)
        matrix.withUnsafeBufferPointer { buffer in
            for r in 0..<matrix.count {
                let row = UnsafeBufferPointer(rebasing: buffer[r * dimension..<(r + 1) * dimension])
                let (rowCodes, scale) = Self.quantize(row)
                codes.append(contentsOf: rowCodes)
                scales.append(scale)
            }
        }
    }

    /// Number of rows.
    public var count: Int { scales.count }

    /// Bytes used by codes and scales.
    public var byteCount: Int { codes.count + scales.count * MemoryLayout<Float>.size }

    /// Codes and scale for one vector.
    static func quantize(_ vector: UnsafeBufferPointer<Float>) -> (codes: [Int8], scale: Float) {
        var maxAbs: Float = 0
        for x in vector { maxAbs = max(maxAbs, abs(x)) }
        guard maxAbs > 0 else { return ([Int8](repeating: 0, count: vector.count), 0) }
        let inverse = 127 / maxAbs
        let rowCodes = vector.map { Int8(clamping: Int(($0 * inverse).rounded())) }
        return (rowCodes, maxAbs / 127)
    }

    static func quantize(_ vector: [Float]) -> (codes: [Int8], scale: Float) {
        vector.withUnsafeBufferPointer { quantize($0) }
    }

    /// Appends the quantized form of a row already validated by ``VectorMatrix``.
    mutating func append(_ vector: [Float]) {
        let (rowCodes, scale) = Self.quantize(vector)
        codes.append(contentsOf: rowCodes)
        scales.append(scale)
    }

    /// Integer dot product of two code vectors of length `n`.
    ///
    /// Integer addition is associative, so the optimiser may vectorise this loop (it may not do
    /// so for a float reduction).
    @inlinable
    static func dot(_ a: UnsafePointer<Int8>, _ b: UnsafePointer<Int8>, _ n: Int) -> Int32 {
        var sum: Int32 = 0
        for i in 0..<n { sum &+= Int32(truncatingIfNeeded: a[i]) &* Int32(truncatingIfNeeded: b[i]) }
        return sum
    }
}
