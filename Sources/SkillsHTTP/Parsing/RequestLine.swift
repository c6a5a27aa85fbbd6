/// The parsed request line: method, decoded target and version.
struct RequestLine {
    var method: HTTPMethod
    var target: String
    var path: String
    var queryItems: [(name: String, value: String)]
    var version: HTTPRequest.Version

    static func parse(_ buf: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, maxTargetLength: Int) -> Result<RequestLine, HTTPError> {
        var i = start
        while i < end, buf[i] != .space {
            guard isTokenByte(buf[i]) else { return .failure(.badRequest("Invalid request method.")) }
            i += 1
        }
        guard i > start, i < end else { return .failure(.badRequest("Malformed request line.")) }
        let method = HTTPMethod(rawValue: String(decoding: UnsafeBufferPointer(rebasing: buf[start..<i]), as: UTF8.self))
        let targetStart = i + 1
        var targetEnd = targetStart
        while targetEnd < end, buf[targetEnd] != .space { targetEnd += 1 }
        guard targetEnd > targetStart, targetEnd < end else { return .failure(.badRequest("Malformed request line.")) }
        if targetEnd - targetStart > maxTargetLength { return .failure(.uriTooLong(limit: maxTargetLength)) }
        let versionBytes = UnsafeBufferPointer(rebasing: buf[(targetEnd + 1)..<end])
        let version: HTTPRequest.Version
        switch String(decoding: versionBytes, as: UTF8.self) {
        case "HTTP/1.1": version = .http1_1
        case "HTTP/1.0": version = .http1_0
        case let other where other.hasPrefix("HTTP/"):
            return .failure(HTTPError(.httpVersionNotSupported, code: "http_version_not_supported", detail: "Only HTTP/1.0 and HTTP/1.1 are supported."))
        default: return .failure(.badRequest("Malformed request line."))
        }
        let targetBytes = UnsafeBufferPointer(rebasing: buf[targetStart..<targetEnd])
        switch RequestTarget.decode(targetBytes) {
        case .success(let decoded):
            return .success(RequestLine(
                method: method, target: decoded.raw, path: decoded.path, queryItems: decoded.queryItems, version: version
            ))
        case .failure(let error):
            return .failure(error)
        }
    }
}
