/// An error rendered as RFC 9457 problem details (`application/problem+json`).
///
/// `code` is the stable, machine-readable identifier clients switch on (`"not_found"`,
/// `"body_too_large"`); `title` is a short human summary of the kind of problem and `detail` says what
/// went wrong with this request. The API layer keeps one table mapping its codes to statuses.
public struct HTTPError: HTTPResponseError, Equatable, CustomStringConvertible {
    public var status: HTTPStatus
    public var code: String
    public var title: String
    public var detail: String?
    /// Extra response headers, such as `Retry-After` or `Allow`.
    public var headers: HTTPHeaders

    public init(_ status: HTTPStatus, code: String, title: String? = nil, detail: String? = nil, headers: HTTPHeaders = [:]) {
        self.status = status
        self.code = code
        self.title = title ?? status.reasonPhrase
        self.detail = detail
        self.headers = headers
    }

    public var description: String { "\(status.code) \(code): \(detail ?? title)" }

    /// The problem `type` URI: a relative reference naming the code, stable across releases.
    public var type: String { "/problems/\(code)" }

    public func response() -> HTTPResponse {
        var json = "{\"type\":\(JSONText.quoted(type)),\"title\":\(JSONText.quoted(title)),\"status\":\(status.code)"
        if let detail { json += ",\"detail\":\(JSONText.quoted(detail))" }
        json += ",\"code\":\(JSONText.quoted(code))}"
        var headers = self.headers
        headers.replaceOrAdd(name: "Content-Type", value: "application/problem+json")
        return HTTPResponse(status: status, headers: headers, body: Array(json.utf8))
    }

    // Transport-level problems the server itself reports.
    static func badRequest(_ detail: String) -> HTTPError { HTTPError(.badRequest, code: "bad_request", detail: detail) }
    static func uriTooLong(limit: Int) -> HTTPError {
        HTTPError(.uriTooLong, code: "uri_too_long", detail: "The request target is longer than \(limit) bytes.")
    }
    static func headersTooLarge(_ detail: String) -> HTTPError {
        HTTPError(.requestHeaderFieldsTooLarge, code: "headers_too_large", detail: detail)
    }
    static func bodyTooLarge(limit: Int) -> HTTPError {
        HTTPError(.contentTooLarge, code: "body_too_large", detail: "The request body is larger than \(limit) bytes.")
    }
    static let requestTimeout = HTTPError(
        .requestTimeout, code: "request_timeout", detail: "The request was not received in time."
    )
    static func overloaded(retryAfter: Int) -> HTTPError {
        HTTPError(
            .serviceUnavailable, code: "overloaded", detail: "The server is busy; retry later.",
            headers: ["Retry-After": String(retryAfter)]
        )
    }
    static let internalError = HTTPError(.internalServerError, code: "internal_error", detail: "The server failed to handle the request.")
}

/// Minimal JSON string escaping, so the transport needs no encoder on its hot paths.
enum JSONText {
    static func quoted(_ text: String) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
        return out
    }
}
