/// A strict RFC 8259 JSON parser over bytes, with limits so hostile input cannot exhaust memory or
/// the stack.
///
/// - Objects keep key order; duplicate keys are rejected (two readers could disagree on which wins).
/// - Numbers keep their lexeme (see ``JSONNumber``).
/// - Strings must be valid UTF-8; the error gives the byte offset of the first bad byte.
/// - Lone surrogate escapes (`"\uD800"`) are rejected: a Swift `String` cannot hold them.
public struct JSONParser: Sendable {
    /// Bounds applied while parsing.
    public struct Limits: Sendable, Equatable {
        /// Maximum nesting of arrays and objects.
        public var maxDepth: Int
        /// Maximum input size in bytes.
        public var maxBytes: Int

        public init(maxDepth: Int = 256, maxBytes: Int = 16 << 20) {
            self.maxDepth = maxDepth
            self.maxBytes = maxBytes
        }

        /// 256 levels, 16 MiB.
        public static let `default` = Limits()
    }

    public var limits: Limits

    public init(limits: Limits = .default) { self.limits = limits }

    /// Parses one JSON value (surrounding whitespace allowed, nothing else after it).
    public func parse<Bytes: Collection<UInt8>>(_ bytes: Bytes) throws(JSONError) -> JSONValue {
        let result: Result<JSONValue, JSONError>? = bytes.withContiguousStorageIfAvailable { buffer in
            Result { () throws(JSONError) -> JSONValue in try parseBuffer(buffer) }
        }
        if let result { return try result.get() }
        return try parse(Array(bytes))
    }

    /// Parses one JSON value from a string.
    public func parse(_ text: String) throws(JSONError) -> JSONValue {
        var text = text
        let result: Result<JSONValue, JSONError> = text.withUTF8 { buffer in
            Result { () throws(JSONError) -> JSONValue in try parseBuffer(buffer) }
        }
        return try result.get()
    }

    private func parseBuffer(_ buffer: UnsafeBufferPointer<UInt8>) throws(JSONError) -> JSONValue {
        guard buffer.count <= limits.maxBytes else {
            throw JSONError(.tooLarge, at: limits.maxBytes, "input is \(buffer.count) bytes, limit is \(limits.maxBytes)")
        }
        var reader = JSONReader(bytes: buffer, maxDepth: limits.maxDepth)
        reader.skipWhitespace()
        let value = try reader.readValue(depth: 0)
        reader.skipWhitespace()
        if reader.position < buffer.count {
            throw JSONError(.syntax, at: reader.position, "unexpected data after the JSON value")
        }
        return value
    }
}

/// The cursor that does the work of ``JSONParser``.
struct JSONReader {
    let bytes: UnsafeBufferPointer<UInt8>
    let maxDepth: Int
    var position = 0

    init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    private func fail(_ message: String, _ kind: JSONError.Kind = .syntax) -> JSONError {
        JSONError(kind, at: position, message)
    }

    mutating func readValue(depth: Int) throws(JSONError) -> JSONValue {
        guard position < bytes.count else { throw fail("unexpected end of input, expected a value") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return .object(try readObject(depth: depth + 1))
        case UInt8(ascii: "["): return .array(try readArray(depth: depth + 1))
        case UInt8(ascii: "\""): return .string(try readString())
        case UInt8(ascii: "t"): try readLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try readLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try readLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try readNumber())
        default: throw fail("unexpected character '\(printable(bytes[position]))', expected a value")
        }
    }

    private func printable(_ byte: UInt8) -> String {
        byte >= 0x20 && byte < 0x7F ? String(UnicodeScalar(byte)) : "0x" + String(byte, radix: 16)
    }

    private mutating func readLiteral(_ word: StaticString) throws(JSONError) {
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count else { throw fail("truncated literal, expected \(word)") }
        let base = word.utf8Start
        for i in 0..<count where bytes[position + i] != base[i] {
            throw fail("invalid literal, expected \(word)")
        }
        position += count
    }

    private mutating func readObject(depth: Int) throws(JSONError) -> JSONObject {
        guard depth <= maxDepth else { throw fail("nesting deeper than \(maxDepth)", .tooDeep) }
        position += 1
        var members: [JSONObject.Member] = []
        var seen: Set<String>? = nil  // built only for large objects, where linear checks get slow
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            return JSONObject(members: members)
        }
        members.reserveCapacity(8)  // typical credential objects: one allocation instead of four
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                throw fail("expected a string key")
            }
            let keyStart = position
            let key = try readString()
            if members.count < 16 {
                if members.contains(where: { $0.key == key }) {
                    throw JSONError(.duplicateKey, at: keyStart, "duplicate key \"\(key)\"")
                }
            } else {
                if seen == nil { seen = Set(members.map(\.key)) }
                if !seen!.insert(key).inserted {
                    throw JSONError(.duplicateKey, at: keyStart, "duplicate key \"\(key)\"")
                }
            }
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw fail("expected ':' after key") }
            position += 1
            skipWhitespace()
            let value = try readValue(depth: depth)
            members.append(JSONObject.Member(key: key, value: value))
            if seen != nil { seen!.insert(key) }
            skipWhitespace()
            guard position < bytes.count else { throw fail("unexpected end of input in object") }
            if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
            if bytes[position] == UInt8(ascii: "}") { position += 1; return JSONObject(members: members) }
            throw fail("expected ',' or '}' in object")
        }
    }

    private mutating func readArray(depth: Int) throws(JSONError) -> [JSONValue] {
        guard depth <= maxDepth else { throw fail("nesting deeper than \(maxDepth)", .tooDeep) }
        position += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            return elements
        }
        while true {
            skipWhitespace()
            elements.append(try readValue(depth: depth))
            skipWhitespace()
            guard position < bytes.count else { throw fail("unexpected end of input in array") }
            if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
            if bytes[position] == UInt8(ascii: "]") { position += 1; return elements }
            throw fail("expected ',' or ']' in array")
        }
    }

    private mutating func readNumber() throws(JSONError) -> JSONNumber {
        let start = position
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard position < bytes.count, isDigit(bytes[position]) else { throw fail("expected a digit in number") }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
            if position < bytes.count, isDigit(bytes[position]) { throw fail("leading zero in number") }
        } else {
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard position < bytes.count, isDigit(bytes[position]) else { throw fail("expected a digit after '.'") }
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        }
        if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            guard position < bytes.count, isDigit(bytes[position]) else { throw fail("expected a digit in exponent") }
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        }
        let lexeme = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        return JSONNumber(validatedLexeme: lexeme)
    }

    mutating func readString() throws(JSONError) -> String {
        position += 1
        let start = position
        // Fast path: no escapes and pure ASCII, the common case for keys.
        var asciiOnly = true
        skipPlainASCII()
        while position < bytes.count {
            let b = bytes[position]
            if b == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<position])
                position += 1
                if asciiOnly { return String(decoding: slice, as: UTF8.self) }
                try validateUTF8(from: start, to: position - 1)
                return String(decoding: slice, as: UTF8.self)
            }
            if b == UInt8(ascii: "\\") { break }
            if b < 0x20 { throw fail("unescaped control character in string") }
            position += 1
            if b >= 0x80 { asciiOnly = false; skipPlainASCII() }
        }
        guard position < bytes.count else {
            throw JSONError(.syntax, at: start - 1, "unterminated string")
        }
        // Slow path: escapes present; validate the raw prefix, then decode piece by piece.
        try validateUTF8(from: start, to: position)
        var out = [UInt8](UnsafeBufferPointer(rebasing: bytes[start..<position]))
        while position < bytes.count {
            let b = bytes[position]
            if b == UInt8(ascii: "\"") {
                position += 1
                return String(decoding: out, as: UTF8.self)
            }
            if b < 0x20 { throw fail("unescaped control character in string") }
            if b == UInt8(ascii: "\\") {
                try readEscape(into: &out)
                continue
            }
            if b < 0x80 {
                out.append(b)
                position += 1
            } else {
                let length = try utf8SequenceLength(at: position)
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[position..<position + length]))
                position += length
            }
        }
        throw JSONError(.syntax, at: start - 1, "unterminated string")
    }

    /// Skips eight bytes at a time while none is a quote, a backslash, a control character or
    /// non-ASCII (SWAR: long strings such as nested JWTs or data URLs are mostly plain ASCII).
    private mutating func skipPlainASCII() {
        guard let base = bytes.baseAddress else { return }
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        while position + 8 <= bytes.count {
            let word = UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self)
            let quote = word ^ (ones &* 0x22), backslash = word ^ (ones &* 0x5C)
            // A byte is flagged when it is zero in `quote`/`backslash`, below 0x20, or has its high bit set.
            let special = ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | (word &- ones &* 0x20) | word
            if special & highs != 0 { return }
            position += 8
        }
    }

    private mutating func readEscape(into out: inout [UInt8]) throws(JSONError) {
        position += 1
        guard position < bytes.count else { throw fail("unterminated escape") }
        let c = bytes[position]
        position += 1
        switch c {
        case UInt8(ascii: "\""): out.append(0x22)
        case UInt8(ascii: "\\"): out.append(0x5C)
        case UInt8(ascii: "/"): out.append(0x2F)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try readHex4()
            if scalar >= 0xD800 && scalar < 0xDC00 {
                guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") else {
                    throw fail("lone high surrogate in \\u escape")
                }
                position += 2
                let low = try readHex4()
                guard low >= 0xDC00 && low < 0xE000 else { throw fail("invalid low surrogate in \\u escape") }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if scalar >= 0xDC00 && scalar < 0xE000 {
                throw fail("lone low surrogate in \\u escape")
            }
            out.append(contentsOf: Array(String(Character(UnicodeScalar(scalar)!)).utf8))
        default:
            position -= 1
            throw fail("invalid escape '\\\(printable(c))'")
        }
    }

    private mutating func readHex4() throws(JSONError) -> UInt32 {
        guard position + 4 <= bytes.count else { throw fail("truncated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[position]
            let digit: UInt32
            switch b {
            case 0x30...0x39: digit = UInt32(b - 0x30)
            case 0x41...0x46: digit = UInt32(b - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(b - 0x61 + 10)
            default: throw fail("invalid hex digit in \\u escape")
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }

    private func validateUTF8(from start: Int, to end: Int) throws(JSONError) {
        var i = start
        while i < end {
            if bytes[i] < 0x80 { i += 1; continue }
            i += try utf8SequenceLength(at: i)
        }
    }

    /// Length of the well-formed UTF-8 sequence at `i` (RFC 3629: no overlongs, no surrogates).
    private func utf8SequenceLength(at i: Int) throws(JSONError) -> Int {
        let b0 = bytes[i]
        let length: Int
        var lower: UInt8 = 0x80
        var upper: UInt8 = 0xBF
        switch b0 {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lower = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; upper = 0x9F
        case 0xF0: length = 4; lower = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; upper = 0x8F
        default: throw JSONError(.invalidUTF8, at: i, "invalid UTF-8 lead byte 0x\(String(b0, radix: 16))")
        }
        guard i + length <= bytes.count else { throw JSONError(.invalidUTF8, at: i, "truncated UTF-8 sequence") }
        let b1 = bytes[i + 1]
        guard b1 >= lower && b1 <= upper else {
            throw JSONError(.invalidUTF8, at: i + 1, "invalid UTF-8 continuation byte 0x\(String(b1, radix: 16))")
        }
        for k in 2..<length where bytes[i + k] & 0xC0 != 0x80 {
            throw JSONError(.invalidUTF8, at: i + k, "invalid UTF-8 continuation byte 0x\(String(bytes[i + k], radix: 16))")
        }
        return length
    }
}
