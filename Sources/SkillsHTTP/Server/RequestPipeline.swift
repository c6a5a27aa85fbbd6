/// What happens to a parsed request apart from I/O: run the responder, turn errors into problem
/// responses, serialize, and record the access log and metrics. Runs on worker threads (and on the
/// event loop for responses the server gives without a handler: 503, 408, malformed requests).
struct RequestPipeline: Sendable {
    let responder: any HTTPResponder
    let accessLog: AccessLog?
    let metrics: MetricsRegistry?
    let requestIDs = RequestIDGenerator()

    /// Runs the handler and returns the wire bytes of its response.
    func run(_ request: HTTPRequest, requestID: String, remoteAddress: String, keepAlive: Bool, receivedAt: UInt64, requestBytes: Int) -> [UInt8] {
        let context = RequestContext(requestID: requestID, remoteAddress: remoteAddress)
        let response: HTTPResponse
        do {
            response = try responder.respond(to: request, context: context)
        } catch let error as any HTTPResponseError {
            response = error.response()
        } catch {
            response = HTTPError.internalError.response()
        }
        let bytes = ResponseSerializer.serialize(
            response, requestID: requestID, keepAlive: keepAlive, version: request.version, omitBody: request.method == .head
        )
        observe(
            method: request.method.rawValue, route: context.routePattern ?? "(unmatched)", status: response.status.code,
            requestID: requestID, receivedAt: receivedAt, requestBytes: requestBytes, responseBytes: bytes.count
        )
        return bytes
    }

    /// The wire bytes of a response the server gives itself, logged like any other.
    func direct(_ error: HTTPError, request: HTTPRequest?, requestID: String?, keepAlive: Bool, receivedAt: UInt64, requestBytes: Int) -> [UInt8] {
        let requestID = requestID ?? requestIDs.id(accepting: nil)
        let bytes = ResponseSerializer.serialize(
            error.response(), requestID: requestID, keepAlive: keepAlive, version: request?.version ?? .http1_1,
            omitBody: request?.method == .head
        )
        observe(
            method: request?.method.rawValue ?? "-", route: request == nil ? "(invalid)" : "(refused)", status: error.status.code,
            requestID: requestID, receivedAt: receivedAt, requestBytes: requestBytes, responseBytes: bytes.count
        )
        return bytes
    }

    private func observe(method: String, route: String, status: Int, requestID: String, receivedAt: UInt64, requestBytes: Int, responseBytes: Int) {
        guard accessLog != nil || metrics != nil else { return }
        let seconds = Double(MonotonicClock.nanoseconds() &- receivedAt) / 1e9
        metrics?.recordRequest(method: method, route: route, status: status, seconds: seconds)
        accessLog?.record(AccessLogEntry(
            requestID: requestID, method: method, route: route, status: status, durationSeconds: seconds,
            requestBytes: requestBytes, responseBytes: responseBytes
        ))
    }
}
