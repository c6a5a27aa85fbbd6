/// Decodes a request target into a UTF-8 path and query items.
///
/// Bytes outside visible ASCII are rejected (they must be percent-encoded), and a path or query whose
/// percent-decoding is not valid UTF-8 is a 400: handlers only ever see valid strings.
enum RequestTarget {
    struct Decoded {
        var raw: String
        var path: String
        var queryItems: [(name: String, value: String)]
    }

    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Decoded, HTTPError> {
        for byte in bytes where byte < 0x21 || byte > 0x7E {
            return .failure(.badRequest("The request target contains bytes that are not percent-encoded."))
        }
        let raw = String(decoding: bytes, as: UTF8.self)
        var rest = Substring(raw)
        if raw == "*" { return .success(Decoded(raw: raw, path: "*", queryItems: [])) }
        // Absolute form (RFC 9112 §3.2.2): drop the scheme and authority.
        if rest.hasPrefix("http://") || rest.hasPrefix("https://") {
            rest = rest[rest.index(rest.firstIndex(of: ":")!, offsetBy: 3)...]
            rest = rest.firstIndex(of: "/").map { rest[$0...] } ?? "/"
        }
        guard rest.hasPrefix("/") else { return .failure(.badRequest("The request target must be an absolute path.")) }
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        var rawPath = rest
        var rawQuery: Substring = ""
        if let question = rest.firstIndex(of: "?") {
            rawPath = rest[..<question]
            rawQuery = rest[rest.index(after: question)...]
        }
        guard let path = percentDecoded(rawPath, plusIsSpace: false) else {
            return .failure(.badRequest("The request path is not valid percent-encoded UTF-8."))
        }
        var items: [(name: String, value: String)] = []
        for pair in rawQuery.split(separator: "&", omittingEmptySubsequences: true) {
            let equals = pair.firstIndex(of: "=")
            let rawName = equals.map { pair[..<$0] } ?? pair
            let rawValue = equals.map { pair[pair.index(after: $0)...] } ?? ""
            guard let name = percentDecoded(rawName, plusIsSpace: true), let value = percentDecoded(rawValue, plusIsSpace: true) else {
                return .failure(.badRequest("The query string is not valid percent-encoded UTF-8."))
            }
            items.append((name, value))
        }
        return .success(Decoded(raw: raw, path: path, queryItems: items))
    }

    /// Percent-decodes `text`, or nil when an escape is malformed or the result is not UTF-8.
    static func percentDecoded(_ text: Substring, plusIsSpace: Bool) -> String? {
        let utf8 = text.utf8
        if !utf8.contains(UInt8(ascii: "%")) && !(plusIsSpace && utf8.contains(UInt8(ascii: "+"))) {
            return String(text)
        }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var iterator = utf8.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
                out.append(high << 4 | low)
            case UInt8(ascii: "+") where plusIsSpace:
                out.append(.space)
            default:
                out.append(byte)
            }
        }
        return String(validating: out, as: UTF8.self)
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }
}
