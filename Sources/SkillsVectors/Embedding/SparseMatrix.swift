/// A square sparse matrix in compressed-row form, built by summing weighted entries.
///
/// Used for the skill co-occurrence matrix: tens of thousands of skills, but each co-occurs with
/// a few hundred others, so a dense `n × n` copy would be mostly zeros (770 MB at 14,000 skills).
struct SparseMatrix: Sendable {
    let size: Int
    /// Row `i`'s entries are `columns[rowStart[i] ..< rowStart[i + 1]]`, sorted by column.
    private(set) var rowStart: [Int]
    private(set) var columns: [Int32]
    private(set) var values: [Float]

    /// Sums duplicate `(row, column)` entries.
    init(size: Int, rows: [[Int32: Float]]) {
        self.size = size
        rowStart = [0]
        columns = []
        values = []
        rowStart.reserveCapacity(size + 1)
        for row in rows {
            for (column, value) in row.sorted(by: { $0.key < $1.key }) where value != 0 {
                columns.append(column)
                values.append(value)
            }
            rowStart.append(columns.count)
        }
    }

    var nonZeroCount: Int { values.count }

    /// Replaces every stored value `v` at `(i, j)` with `transform(i, j, v)` and drops entries that
    /// become zero (PPMI zeroes about half of them, which halves every later product).
    mutating func transformValues(_ transform: (Int, Int, Float) -> Float) {
        var kept = 0
        var start = 0
        for i in 0..<size {
            let end = rowStart[i + 1]
            for e in start..<end {
                let v = transform(i, Int(columns[e]), values[e])
                if v != 0 {
                    columns[kept] = columns[e]
                    values[kept] = v
                    kept += 1
                }
            }
            start = end
            rowStart[i + 1] = kept
        }
        columns.removeLast(columns.count - kept)
        values.removeLast(values.count - kept)
    }

    /// Sum of each row.
    var rowSums: [Double] {
        (0..<size).map { i in (rowStart[i]..<rowStart[i + 1]).reduce(0.0) { $0 + Double(values[$1]) } }
    }

    /// `self · x` for a dense row-major `size × width` matrix `x`: one `saxpy` per stored entry,
    /// each over a contiguous row of `x`.
    func multiply(_ x: [Float], width: Int) -> [Float] {
        precondition(x.count == size * width, "multiply needs size × width values")
        var y = [Float](repeating: 0, count: size * width)
        x.withUnsafeBufferPointer { xb in
            y.withUnsafeMutableBufferPointer { yb in
                guard let xBase = xb.baseAddress, let yBase = yb.baseAddress else { return }
                for i in 0..<size {
                    let out = yBase + i * width
                    for e in rowStart[i]..<rowStart[i + 1] {
                        BLAS.saxpy(width, alpha: values[e], xBase + Int(columns[e]) * width, out)
                    }
                }
            }
        }
        return y
    }
}
