/// Code that wraps every request on its way to the router: authentication, rate limiting, headers.
///
/// Call `next` to continue down the chain, or return a response (or throw) to stop early.
public protocol HTTPMiddleware: Sendable {
    func handle(
        _ request: HTTPRequest, context: RequestContext,
        next: (HTTPRequest, RequestContext) throws -> HTTPResponse
    ) throws -> HTTPResponse
}

/// A responder that runs `middleware` in order around `responder`.
public struct MiddlewareChain: HTTPResponder {
    public let middleware: [any HTTPMiddleware]
    public let responder: any HTTPResponder

    public init(_ middleware: [any HTTPMiddleware], responder: any HTTPResponder) {
        self.middleware = middleware
        self.responder = responder
    }

    public func respond(to request: HTTPRequest, context: RequestContext) throws -> HTTPResponse {
        try run(from: 0, request, context)
    }

    private func run(from index: Int, _ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        guard index < middleware.count else { return try responder.respond(to: request, context: context) }
        return try middleware[index].handle(request, context: context) { request, context in
            try run(from: index + 1, request, context)
        }
    }
}
