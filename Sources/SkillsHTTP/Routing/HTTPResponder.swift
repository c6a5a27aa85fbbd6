/// Anything that turns a request into a response: a router, a middleware chain, a single handler.
///
/// `respond` runs synchronously on one of the server's worker threads, so it may block on CPU work or
/// a database; it must not block forever, because workers are a bounded resource.
public protocol HTTPResponder: Sendable {
    func respond(to request: HTTPRequest, context: RequestContext) throws -> HTTPResponse
}

/// A responder made from a closure.
public struct ClosureResponder: HTTPResponder {
    public let handler: @Sendable (HTTPRequest, RequestContext) throws -> HTTPResponse

    public init(_ handler: @escaping @Sendable (HTTPRequest, RequestContext) throws -> HTTPResponse) {
        self.handler = handler
    }

    public func respond(to request: HTTPRequest, context: RequestContext) throws -> HTTPResponse {
        try handler(request, context)
    }
}
