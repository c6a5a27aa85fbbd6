/// One row of a ``TSVTable`` as byte ranges, for large numeric files (`wages.tsv`) where making
/// a `String` of every field would dominate the load time.
struct TSVRawRow {
    let buffer: UnsafeBufferPointer<UInt8>
    /// `starts[i]..<ends[i]` is field `i`.
    var starts: [Int]
    var ends: [Int]

    /// Field `i` as text, or `nil` when it is not valid UTF-8.
    func string(_ i: Int) -> String? {
        TSVTable.string(UnsafeBufferPointer(rebasing: buffer[starts[i]..<ends[i]]))
    }

    func isEmpty(_ i: Int) -> Bool { starts[i] == ends[i] }

    /// Field `i` as a non-negative decimal (`123`, `45.67`), or `nil` when it is anything else.
    func decimal(_ i: Int) -> Double? {
        var mantissa: Int64 = 0
        var scale = 0
        var digits = 0
        var seenPoint = false
        var position = starts[i]
        while position < ends[i] {
            let byte = buffer[position]
            if byte >= 0x30 && byte <= 0x39 {
                guard digits < 18 else { return nil }
                mantissa = mantissa * 10 + Int64(byte - 0x30)
                digits += 1
                if seenPoint { scale += 1 }
            } else if byte == 0x2E && !seenPoint {
                seenPoint = true
            } else {
                return nil
            }
            position += 1
        }
        guard digits > 0 else { return nil }
        var value = Double(mantissa)
        for _ in 0..<scale { value /= 10 }
        return value
    }
}

extension TSVTable {
    /// Like ``forEachRow(_:)`` without decoding: `body` gets the byte ranges of the fields.
    func forEachRawRow(_ body: (_ line: Int, _ row: TSVRawRow) throws -> Void) throws {
        try withBytes { buffer, bodyStart in
            var row = TSVRawRow(buffer: buffer, starts: [], ends: [])
            row.starts.reserveCapacity(header.count)
            row.ends.reserveCapacity(header.count)
            var position = bodyStart
            var line = 2
            while position < buffer.count {
                var end = position
                while end < buffer.count, buffer[end] != 0x0A { end += 1 }
                var stop = end
                if stop > position, buffer[stop - 1] == 0x0D { stop -= 1 }
                if stop > position {
                    row.starts.removeAll(keepingCapacity: true)
                    row.ends.removeAll(keepingCapacity: true)
                    var fieldStart = position
                    for i in position..<stop where buffer[i] == 0x09 {
                        row.starts.append(fieldStart)
                        row.ends.append(i)
                        fieldStart = i + 1
                    }
                    row.starts.append(fieldStart)
                    row.ends.append(stop)
                    guard row.starts.count == header.count else {
                        throw TaxonomyError(
                            .malformedRow, file: file, line: line,
                            "expected \(header.count) tab-separated fields, found \(row.starts.count)")
                    }
                    try body(line, row)
                }
                position = end + 1
                line += 1
            }
        }
    }
}
