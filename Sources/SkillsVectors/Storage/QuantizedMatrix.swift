/// An 8-bit copy of a ``VectorMatrix`` with one float32 scale per row: a quarter of the memory and
/// of the memory bandwidth of the float32 scan.
///
/// Row `r` is approximated by `scales[r] · c`, where `scales[r] = max|x| / 127` and each code `c`
/// in -127...127 is the component divided by the scale, rounded. Codes are stored offset by 128 as
/// `UInt8` (1...255) because the portable x86-64 baseline (SSE2) widens unsigned bytes in one
/// instruction and signed bytes in two: the offset form scans about 1.5–2× faster. A query is
/// quantized the same way but kept as `Int16`, so a row's score is
/// `scales[r] · (Σ uᵢ·qᵢ − 128 · Σ qᵢ)`: each product fits in `Int16` (255 · 127) and the sum in
/// `Int32` for any dimension below 65,000. The error per component is at most 1/254 of the row's
/// largest component, which is why ``FlatVectorIndex`` rescores the best candidates in float32.
public struct QuantizedMatrix: Sendable, Equatable {
    public let dimension: Int
    /// Codes plus 128, row-major like ``VectorMatrix/values``.
    public private(set) var codes: [UInt8]
    /// One scale per row (0 for a zero row).
    public private(set) var scales: [Float]
    /// `Σ|cᵢ|` of each row's signed codes, for the error bound of
    /// ``FlatVectorIndex/searchCompressedExact(query:k:filter:deadline:)``.
    public private(set) var codeL1: [Float]

    /// Quantizes every row of `matrix`.
    public init(_ matrix: VectorMatrix) {
        dimension = matrix.dimension
        codes = []
        scales = []
        codeL1 = []
        codeL1.reserveCapacity(matrix.count)
        codes.reserveCapacity(matrix.values.count)
        scales.reserveCapacity(matrix.count)
        matrix.withUnsafeBufferPointer { buffer in
            for r in 0..<matrix.count {
                let row = UnsafeBufferPointer(rebasing: buffer[r * dimension..<(r + 1) * dimension])
                let (rowCodes, scale) = Self.quantize(row)
                codes.append(contentsOf: Self.stored(rowCodes))
                scales.append(scale)
                codeL1.append(Self.l1(rowCodes))
            }
        }
    }

    /// Number of rows.
    public var count: Int { scales.count }

    /// Bytes used by codes, scales and L1 norms.
    public var byteCount: Int { codes.count + 2 * scales.count * MemoryLayout<Float>.size }

    static func l1(_ codes: [Int16]) -> Float { Float(codes.reduce(0) { $0 + abs(Int($1)) }) }

    /// Codes and scale for one vector.
    /// Signed codes in -127...127 and the scale for one vector.
    static func quantize(_ vector: UnsafeBufferPointer<Float>) -> (codes: [Int16], scale: Float) {
        var maxAbs: Float = 0
        for x in vector { maxAbs = max(maxAbs, abs(x)) }
        guard maxAbs > 0 else { return ([Int16](repeating: 0, count: vector.count), 0) }
        let inverse = 127 / maxAbs
        let rowCodes = vector.map { Int16(max(-127, min(127, ($0 * inverse).rounded()))) }
        return (rowCodes, maxAbs / 127)
    }

    static func quantize(_ vector: [Float]) -> (codes: [Int16], scale: Float) {
        vector.withUnsafeBufferPointer { quantize($0) }
    }

    static func stored(_ codes: [Int16]) -> [UInt8] { codes.map { UInt8($0 + 128) } }

    /// Replaces row `row` (already validated by ``VectorMatrix``).
    mutating func update(row: Int, with vector: [Float]) {
        let (rowCodes, scale) = Self.quantize(vector)
        codes.replaceSubrange(row * dimension..<(row + 1) * dimension, with: Self.stored(rowCodes))
        scales[row] = scale
        codeL1[row] = Self.l1(rowCodes)
    }

    /// Appends the quantized form of a row already validated by ``VectorMatrix``.
    mutating func append(_ vector: [Float]) {
        let (rowCodes, scale) = Self.quantize(vector)
        codes.append(contentsOf: Self.stored(rowCodes))
        scales.append(scale)
        codeL1.append(Self.l1(rowCodes))
    }

    /// `Σ uᵢ·qᵢ` for stored codes `u` and query codes `q`, both of length `n`.
    ///
    /// The product is formed in `Int16` (it fits) and summed in `Int32`; integer addition is
    /// associative, so the optimiser vectorises this loop (SSE2 `pmullw`/`pmaddwd`-style), which it
    /// may not do for a float reduction.
    @inlinable
    static func dot(_ u: UnsafePointer<UInt8>, _ q: UnsafePointer<Int16>, _ n: Int) -> Int32 {
        var sum: Int32 = 0
        for i in 0..<n { sum &+= Int32(Int16(truncatingIfNeeded: u[i]) &* q[i]) }
        return sum
    }
}
