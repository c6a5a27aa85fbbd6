/// Routes requests by method and path pattern.
///
/// Patterns are literal segments and `:name` parameters: `/v1/jobs/:id/matches/:kind`. A literal
/// segment wins over a parameter at the same position, whatever the registration order. A path that
/// matches some route but not for this method gets 405 with `Allow`; no match at all gets 404.
/// `HEAD` falls back to the `GET` route (the server sends no body for `HEAD`).
public struct Router: HTTPResponder {
    public typealias Handler = @Sendable (HTTPRequest, RequestContext) throws -> HTTPResponse

    private struct Route: Sendable {
        var method: HTTPMethod
        var pattern: String
        var segments: [Segment]
        var responder: any HTTPResponder
    }

    private enum Segment: Sendable, Equatable {
        case literal(String)
        case parameter(String)
    }

    private var routes: [Route] = []

    public init() {}

    /// Adds a route. Registering the same method and pattern twice is a programming error.
    public mutating func add(_ method: HTTPMethod, _ pattern: String, responder: any HTTPResponder) {
        let segments = Self.split(pattern).map { $0.hasPrefix(":") ? Segment.parameter(String($0.dropFirst())) : .literal(String($0)) }
        precondition(!routes.contains { $0.method == method && $0.segments == segments }, "duplicate route \(method) \(pattern)")
        routes.append(Route(method: method, pattern: pattern, segments: segments, responder: responder))
        // Literal segments before parameters, position by position, so the most specific route matches first.
        routes.sort { Self.specificity($0.segments).lexicographicallyPrecedes(Self.specificity($1.segments)) }
    }

    public mutating func add(_ method: HTTPMethod, _ pattern: String, _ handler: @escaping Handler) {
        add(method, pattern, responder: ClosureResponder(handler))
    }

    public mutating func get(_ pattern: String, _ handler: @escaping Handler) { add(.get, pattern, handler) }
    public mutating func post(_ pattern: String, _ handler: @escaping Handler) { add(.post, pattern, handler) }
    public mutating func put(_ pattern: String, _ handler: @escaping Handler) { add(.put, pattern, handler) }
    public mutating func delete(_ pattern: String, _ handler: @escaping Handler) { add(.delete, pattern, handler) }

    public func respond(to request: HTTPRequest, context: RequestContext) throws -> HTTPResponse {
        let path = Self.split(request.path)
        var allowed: [String] = []
        var headFallback: (Route, [String: String])?
        for route in routes {
            guard let parameters = Self.match(route.segments, path) else { continue }
            if route.method == request.method {
                return try dispatch(route, parameters, request, context)
            }
            if request.method == .head && route.method == .get && headFallback == nil { headFallback = (route, parameters) }
            allowed.append(route.method.rawValue)
        }
        if let (route, parameters) = headFallback { return try dispatch(route, parameters, request, context) }
        if allowed.isEmpty {
            throw HTTPError(.notFound, code: "not_found", detail: "No resource at \(request.path).")
        }
        if allowed.contains("GET") && !allowed.contains("HEAD") { allowed.append("HEAD") }
        throw HTTPError(
            .methodNotAllowed, code: "method_not_allowed", detail: "\(request.method) is not allowed here.",
            headers: ["Allow": allowed.sorted().joined(separator: ", ")]
        )
    }

    private func dispatch(_ route: Route, _ parameters: [String: String], _ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        var context = context
        context.parameters = parameters
        context.routeRecord.pattern.withLock { $0 = route.pattern }
        return try route.responder.respond(to: request, context: context)
    }

    private static func split(_ path: String) -> [Substring] {
        path.split(separator: "/", omittingEmptySubsequences: true)
    }

    private static func specificity(_ segments: [Segment]) -> [Int] {
        segments.map { if case .literal = $0 { 0 } else { 1 } }
    }

    private static func match(_ segments: [Segment], _ path: [Substring]) -> [String: String]? {
        guard segments.count == path.count else { return nil }
        var parameters: [String: String] = [:]
        for (segment, component) in zip(segments, path) {
            switch segment {
            case .literal(let literal): if literal != component { return nil }
            case .parameter(let name): parameters[name] = String(component)
            }
        }
        return parameters
    }
}
