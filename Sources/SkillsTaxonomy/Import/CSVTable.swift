import Foundation

/// An RFC 4180 CSV file with a header line: quoted fields may hold delimiters, `""` escapes and
/// line breaks. Parsed from bytes in one pass; errors name the file and the line a row starts on.
public struct CSVTable: Sendable {
    /// Name used in errors.
    public let file: String
    public let header: [String]
    /// Data rows, each padded or checked to the header's width.
    public let rows: [[String]]
    /// The 1-based line each row starts on (parallel to ``rows``).
    public let lines: [Int]

    /// - Parameter padShortRows: accept rows with fewer fields than the header, filling the rest
    ///   with "" (ESCO's `skillsHierarchy_en.csv` omits trailing empty fields).
    public init(bytes: [UInt8], file: String, delimiter: UInt8 = UInt8(ascii: ","), padShortRows: Bool = false) throws {
        self.file = file
        var records: [[String]] = []
        var starts: [Int] = []
        try CSVTable.parse(bytes, file: file, delimiter: delimiter) { record, line in
            records.append(record)
            starts.append(line)
        }
        guard let header = records.first, !(header.count == 1 && header[0].isEmpty) else {
            throw TaxonomyError(.malformedRow, file: file, line: 1, "missing header line")
        }
        self.header = header
        var rows: [[String]] = []
        var lines: [Int] = []
        rows.reserveCapacity(records.count - 1)
        for (var record, line) in zip(records.dropFirst(), starts.dropFirst()) {
            if record.count == 1 && record[0].isEmpty { continue }  // blank line
            if padShortRows, record.count < header.count {
                record.append(contentsOf: repeatElement("", count: header.count - record.count))
            }
            guard record.count == header.count else {
                throw TaxonomyError(
                    .malformedRow, file: file, line: line, "expected \(header.count) fields, found \(record.count)")
            }
            rows.append(record)
            lines.append(line)
        }
        self.rows = rows
        self.lines = lines
    }

    /// Position of the named column, or a `missingColumn` error naming the file.
    public func column(_ name: String) throws -> Int {
        guard let index = header.firstIndex(of: name) else {
            throw TaxonomyError(
                .missingColumn, file: file, line: 1,
                "missing column \"\(name)\" (header has: \(header.joined(separator: ", ")))")
        }
        return index
    }

    private static func parse(
        _ bytes: [UInt8], file: String, delimiter: UInt8, _ emit: ([String], Int) throws -> Void
    ) throws {
        let quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 1
        var recordLine = 1
        var record: [String] = []
        var field: [UInt8] = []
        var atFieldStart = true

        func take() throws {
            guard let value = String(validating: field, as: UTF8.self) else {
                throw TaxonomyError(.malformedRow, file: file, line: line, "invalid UTF-8")
            }
            record.append(value)
            field.removeAll(keepingCapacity: true)
        }

        while i < bytes.count {
            let byte = bytes[i]
            if atFieldStart && byte == quote {
                // A quoted field runs to the closing quote, which a delimiter or line end must follow.
                let openedOn = line
                i += 1
                while true {
                    guard i < bytes.count else {
                        throw TaxonomyError(.malformedRow, file: file, line: openedOn, "unterminated quoted field")
                    }
                    let c = bytes[i]
                    i += 1
                    if c == quote {
                        guard i < bytes.count, bytes[i] == quote else { break }
                        i += 1
                    } else if c == newline {
                        line += 1
                    }
                    field.append(c)
                }
                if i < bytes.count, bytes[i] != delimiter, bytes[i] != newline, bytes[i] != cr {
                    throw TaxonomyError(.malformedRow, file: file, line: line, "unexpected character after a closing quote")
                }
                atFieldStart = false
                continue
            }
            atFieldStart = false
            if byte == delimiter {
                try take()
                atFieldStart = true
                i += 1
            } else if byte == newline || byte == cr {
                try take()
                try emit(record, recordLine)
                record.removeAll(keepingCapacity: true)
                if byte == cr, i + 1 < bytes.count, bytes[i + 1] == newline { i += 1 }
                i += 1
                line += 1
                recordLine = line
                atFieldStart = true
            } else {
                field.append(byte)
                i += 1
            }
        }
        if !atFieldStart || !record.isEmpty {
            try take()
            try emit(record, recordLine)
        }
    }
}
