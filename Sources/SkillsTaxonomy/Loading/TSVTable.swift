import Foundation

/// A tab-separated file with a header line, parsed straight from its bytes.
///
/// The shipped format has no quoting: fields never contain tabs or newlines (the build replaces
/// them with spaces), so a row is one line and a field is the bytes between tabs. Parsing scans
/// bytes once with `memchr`-like loops instead of splitting huge `String`s, which keeps the whole
/// taxonomy well under the 1 s load budget. A trailing `\r` is tolerated; invalid UTF-8 is an error.
struct TSVTable: Sendable {
    /// Name used in errors (the file name).
    let file: String
    let header: [String]
    private let bytes: [UInt8]
    /// Offset of the first data row.
    private let bodyStart: Int

    init(contentsOf url: URL) throws {
        let name = url.lastPathComponent
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw TaxonomyError(.missingFile, file: name, "cannot read \(url.path)")
        }
        try self.init(bytes: [UInt8](data), file: name)
    }

    init(bytes: [UInt8], file: String) throws {
        self.file = file
        var start = 0
        // Skip a UTF-8 byte order mark.
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        let end = TSVTable.lineEnd(bytes, from: start)
        guard end > start else {
            throw TaxonomyError(.malformedRow, file: file, line: 1, "missing header line")
        }
        var header: [String] = []
        try TSVTable.split(bytes, start, end, file: file, line: 1) { header.append($0) }
        self.header = header
        self.bytes = bytes
        self.bodyStart = min(end + 1, bytes.count)
    }

    /// The raw bytes and the offset of the first data row.
    func withBytes<T>(_ body: (UnsafeBufferPointer<UInt8>, Int) throws -> T) rethrows -> T {
        try bytes.withUnsafeBufferPointer { try body($0, bodyStart) }
    }

    /// Position of the named column, or a `missingColumn` error naming the file.
    func column(_ name: String) throws -> Int {
        guard let index = header.firstIndex(of: name) else {
            throw TaxonomyError(
                .missingColumn, file: file, line: 1,
                "missing column \"\(name)\" (header has: \(header.joined(separator: ", ")))")
        }
        return index
    }

    /// Calls `body` with the 1-based line number and the fields of every non-empty data row.
    /// Every row must have exactly as many fields as the header.
    func forEachRow(_ body: (_ line: Int, _ fields: [String]) throws -> Void) throws {
        var fields: [String] = []
        fields.reserveCapacity(header.count)
        var position = bodyStart
        var line = 2
        while position < bytes.count {
            let end = TSVTable.lineEnd(bytes, from: position)
            let blank = end == position || (end == position + 1 && bytes[position] == 0x0D)
            if !blank {
                fields.removeAll(keepingCapacity: true)
                try TSVTable.split(bytes, position, end, file: file, line: line) { fields.append($0) }
                guard fields.count == header.count else {
                    throw TaxonomyError(
                        .malformedRow, file: file, line: line,
                        "expected \(header.count) tab-separated fields, found \(fields.count)")
                }
                try body(line, fields)
            }
            position = end + 1
            line += 1
        }
    }

    /// End of the line starting at `start` (index of `\n` or `bytes.count`), excluding a `\r`.
    private static func lineEnd(_ bytes: [UInt8], from start: Int) -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            var i = start
            while i < buffer.count, buffer[i] != 0x0A { i += 1 }
            return i
        }
    }

    private static func split(
        _ bytes: [UInt8], _ start: Int, _ end: Int, file: String, line: Int, _ emit: (String) -> Void
    ) throws {
        var stop = end
        if stop > start, bytes[stop - 1] == 0x0D { stop -= 1 }
        try bytes.withUnsafeBufferPointer { buffer in
            var fieldStart = start
            var i = start
            while true {
                if i == stop || buffer[i] == 0x09 {
                    let slice = UnsafeBufferPointer(rebasing: buffer[fieldStart..<i])
                    guard let field = TSVTable.string(slice) else {
                        throw TaxonomyError(.malformedRow, file: file, line: line, "invalid UTF-8")
                    }
                    emit(field)
                    if i == stop { break }
                    fieldStart = i + 1
                }
                i += 1
            }
        }
    }
}

extension TSVTable {
    /// The field as a `String`, or `nil` when it is not valid UTF-8. ASCII (most fields) takes
    /// the fast decoding path; anything else is validated.
    static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var ascii = true
        for byte in bytes where byte >= 0x80 {
            ascii = false
            break
        }
        if ascii { return String(decoding: bytes, as: UTF8.self) }
        let decoded = String(decoding: bytes, as: UTF8.self)
        // Decoding replaces invalid sequences with U+FFFD, which changes the byte count or adds
        // U+FFFD where the input had none.
        if decoded.utf8.count == bytes.count, !decoded.unicodeScalars.contains("\u{FFFD}") { return decoded }
        return String(validating: bytes, as: UTF8.self)
    }
}

extension String {
    /// The `|`-joined list format of the shipped files; empty string → empty list, empty items
    /// are skipped.
    ///
    /// Split on UTF-8 bytes: `String.split` walks grapheme clusters, which made this the largest
    /// single cost of loading `skills.tsv` (120,000 alternative labels).
    var pipeList: [String] {
        if isEmpty { return [] }
        var text = self
        return text.withUTF8 { bytes in
            var result: [String] = []
            var start = 0
            for i in 0...bytes.count where i == bytes.count || bytes[i] == UInt8(ascii: "|") {
                // `|` is ASCII, so every piece of valid UTF-8 is valid UTF-8 again.
                if i > start { result.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)) }
                start = i + 1
            }
            return result
        }
    }
}
