/// Parses one HTTP/1.x request from the start of a byte buffer (RFC 9112).
///
/// The parser is stateless: each call re-reads the buffer from the start of the current request.
/// That keeps the connection code trivial and costs little, because the header section is bounded by
/// the limits and bodies are only rescanned for their framing, never copied until complete.
/// Limits are checked as soon as they can be, so an oversized request fails before it has arrived.
struct HTTPRequestParser: Sendable {
    let limits: ServerConfiguration.Limits

    init(limits: ServerConfiguration.Limits) { self.limits = limits }

    func parse(_ bytes: [UInt8]) -> ParseOutcome {
        bytes.withUnsafeBufferPointer { parse($0) }
    }

    func parse(_ buf: UnsafeBufferPointer<UInt8>) -> ParseOutcome {
        var pos = 0
        // RFC 9112 §2.2: ignore empty lines before a request line (sent by some clients after a body).
        while pos < buf.count, buf[pos] == .cr || buf[pos] == .lf { pos += 1 }
        let requestLineSlack = 64  // method, spaces and version around the target
        guard let lineEnd = buf.firstLF(from: pos) else {
            if buf.count - pos > limits.maxURILength + requestLineSlack { return .failure(.uriTooLong(limit: limits.maxURILength)) }
            return .incomplete(headersComplete: false, expectsContinue: false)
        }
        let line: RequestLine
        switch RequestLine.parse(buf, pos, lineEnd.contentEnd, maxTargetLength: limits.maxURILength) {
        case .success(let parsed): line = parsed
        case .failure(let error): return .failure(error)
        }

        // Header fields.
        let headerStart = lineEnd.next
        var headers = HTTPHeaders()
        pos = headerStart
        while true {
            guard let end = buf.firstLF(from: pos) else {
                if buf.count - headerStart > limits.maxHeaderBytes {
                    return .failure(.headersTooLarge("The header section is larger than \(limits.maxHeaderBytes) bytes."))
                }
                return .incomplete(headersComplete: false, expectsContinue: false)
            }
            if end.next - headerStart > limits.maxHeaderBytes {
                return .failure(.headersTooLarge("The header section is larger than \(limits.maxHeaderBytes) bytes."))
            }
            if end.contentEnd == pos { pos = end.next; break }
            if headers.count == limits.maxHeaderCount {
                return .failure(.headersTooLarge("More than \(limits.maxHeaderCount) header fields."))
            }
            switch Self.headerField(buf, pos, end.contentEnd) {
            case .success(let field): headers.add(name: field.name, value: field.value)
            case .failure(let error): return .failure(error)
            }
            pos = end.next
        }

        if line.version == .http1_1 && headers["Host"] == nil {
            return .failure(.badRequest("HTTP/1.1 requests must carry a Host header."))
        }
        let expectsContinue = headers["Expect"].map { HTTPHeaders.namesEqual(trimmed($0), "100-continue") } ?? false
        var request = HTTPRequest(
            method: line.method, target: line.target, path: line.path, queryItems: line.queryItems,
            version: line.version, headers: headers
        )

        // Body framing (RFC 9112 §6.3).
        let transferEncodings = headers.values(for: "Transfer-Encoding")
        let contentLengths = headers.values(for: "Content-Length")
        if !transferEncodings.isEmpty {
            if !contentLengths.isEmpty {
                return .failure(.badRequest("A request must not carry both Transfer-Encoding and Content-Length."))
            }
            let codings = transferEncodings.flatMap { $0.split(separator: ",") }.map { trimmed($0).lowercased() }
            guard codings == ["chunked"] else {
                return .failure(HTTPError(.notImplemented, code: "unsupported_transfer_encoding", detail: "Only chunked transfer coding is supported."))
            }
            switch ChunkedBody.decode(buf, from: pos, maxBodyBytes: limits.maxBodyBytes, maxTrailerBytes: limits.maxHeaderBytes) {
            case .incomplete: return .incomplete(headersComplete: true, expectsContinue: expectsContinue)
            case .failure(let error): return .failure(error)
            case .complete(let body, let end):
                request.body = body
                return .complete(request, consumed: end)
            }
        }
        var length = 0
        if let first = contentLengths.first {
            guard contentLengths.allSatisfy({ trimmed($0) == trimmed(first) }), let parsed = Self.decimal(trimmed(first)) else {
                return .failure(.badRequest("Invalid Content-Length."))
            }
            length = parsed
        }
        if length > limits.maxBodyBytes { return .failure(.bodyTooLarge(limit: limits.maxBodyBytes)) }
        if buf.count - pos < length { return .incomplete(headersComplete: true, expectsContinue: expectsContinue) }
        if length > 0 { request.body = Array(buf[pos..<(pos + length)]) }
        return .complete(request, consumed: pos + length)
    }

    private static func headerField(_ buf: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Result<HTTPHeaders.Field, HTTPError> {
        if buf[start] == .space || buf[start] == .tab {
            return .failure(.badRequest("Obsolete line folding in header fields is not accepted."))
        }
        var colon = start
        while colon < end, buf[colon] != .colon {
            guard isTokenByte(buf[colon]) else { return .failure(.badRequest("Invalid character in a header field name.")) }
            colon += 1
        }
        guard colon < end, colon > start else { return .failure(.badRequest("Malformed header field.")) }
        var valueStart = colon + 1
        var valueEnd = end
        while valueStart < valueEnd, buf[valueStart] == .space || buf[valueStart] == .tab { valueStart += 1 }
        while valueEnd > valueStart, buf[valueEnd - 1] == .space || buf[valueEnd - 1] == .tab { valueEnd -= 1 }
        for i in valueStart..<valueEnd where (buf[i] < 0x20 && buf[i] != .tab) || buf[i] == 0x7F {
            return .failure(.badRequest("Control character in a header field value."))
        }
        let name = String(decoding: UnsafeBufferPointer(rebasing: buf[start..<colon]), as: UTF8.self)
        let value = String(decoding: UnsafeBufferPointer(rebasing: buf[valueStart..<valueEnd]), as: UTF8.self)
        return .success(HTTPHeaders.Field(name: name, value: value))
    }

    /// A non-negative decimal of at most 18 digits (so it cannot overflow), or nil.
    static func decimal(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.utf8.count <= 18 else { return nil }
        var value = 0
        for byte in text.utf8 {
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }
}

extension UInt8 {
    static let cr: UInt8 = 13
    static let lf: UInt8 = 10
    static let space: UInt8 = 32
    static let tab: UInt8 = 9
    static let colon: UInt8 = 58
}

/// Where a line ends: `contentEnd` excludes the CRLF (or bare LF), `next` is the byte after it.
struct LineEnd {
    var contentEnd: Int
    var next: Int
}

extension UnsafeBufferPointer<UInt8> {
    func firstLF(from start: Int) -> LineEnd? {
        var i = start
        while i < count {
            if self[i] == .lf {
                return LineEnd(contentEnd: i > start && self[i - 1] == .cr ? i - 1 : i, next: i + 1)
            }
            i += 1
        }
        return nil
    }
}

private let tokenTable: [Bool] = (0..<256).map { byte in
    let b = UInt8(byte)
    if (0x30...0x39).contains(b) || (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) { return true }
    return Array("!#$%&'*+-.^_`|~".utf8).contains(b)
}

/// RFC 9110 `tchar`.
@inline(__always)
func isTokenByte(_ byte: UInt8) -> Bool { tokenTable[Int(byte)] }
