/// Writes a response head and body in HTTP/1.1 wire format.
enum ResponseSerializer {
    /// Headers the server owns: a handler's values for these are ignored.
    private static let framingHeaders = ["Content-Length", "Transfer-Encoding", "Connection", "X-Request-Id"]

    static func serialize(
        _ response: HTTPResponse, requestID: String?, keepAlive: Bool, version: HTTPRequest.Version, omitBody: Bool
    ) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(128 + response.body.count)
        out.append(contentsOf: "HTTP/1.1 \(response.status.code) \(response.status.reasonPhrase)\r\n".utf8)
        for field in response.headers where !framingHeaders.contains(where: { HTTPHeaders.namesEqual($0, field.name) }) {
            // A handler must not be able to inject header lines.
            guard !field.value.utf8.contains(where: { $0 == .cr || $0 == .lf }) else { continue }
            out.append(contentsOf: field.name.utf8)
            out.append(contentsOf: ": ".utf8)
            out.append(contentsOf: field.value.utf8)
            out.append(contentsOf: "\r\n".utf8)
        }
        let status = response.status.code
        if status != 204 && status != 304 && !(100..<200).contains(status) {
            out.append(contentsOf: "Content-Length: \(response.body.count)\r\n".utf8)
        }
        if !keepAlive {
            out.append(contentsOf: "Connection: close\r\n".utf8)
        } else if version == .http1_0 {
            out.append(contentsOf: "Connection: keep-alive\r\n".utf8)
        }
        if let requestID {
            out.append(contentsOf: "X-Request-Id: ".utf8)
            out.append(contentsOf: requestID.utf8)
            out.append(contentsOf: "\r\n".utf8)
        }
        out.append(contentsOf: "\r\n".utf8)
        if !omitBody && status != 204 && status != 304 { out.append(contentsOf: response.body) }
        return out
    }
}
