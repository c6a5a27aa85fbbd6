import Synchronization

/// Per-request information that is not part of the HTTP message.
public struct RequestContext: Sendable {
    /// The request id: the client's `X-Request-Id` when acceptable, else a generated one. Echoed back.
    public let requestID: String
    /// The peer address, `"ip:port"`.
    public let remoteAddress: String
    /// Path parameters captured by the router (`:id` → value).
    public var parameters: [String: String] = [:]
    /// Values middleware attaches for later handlers (for example the authenticated key's role).
    public var attributes: [String: String] = [:]

    /// Shared with the server so the route pattern chosen by the router reaches the access log and
    /// metrics, which see the request only before routing and after the response.
    let routeRecord: RouteRecord

    public init(requestID: String, remoteAddress: String = "") {
        self.requestID = requestID
        self.remoteAddress = remoteAddress
        self.routeRecord = RouteRecord()
    }

    /// The pattern of the matched route (`/v1/jobs/:id`), or nil before routing or when none matched.
    public var routePattern: String? { routeRecord.pattern.withLock { $0 } }

    /// The path parameter `name`, or a 400 problem if the route has none by that name.
    public func parameter(_ name: String) throws(HTTPError) -> String {
        guard let value = parameters[name] else {
            throw HTTPError(.badRequest, code: "missing_parameter", detail: "Missing path parameter '\(name)'.")
        }
        return value
    }
}

/// The route pattern chosen for one request.
final class RouteRecord: Sendable {
    let pattern = Mutex<String?>(nil)
}
