/// An error that knows how to render itself as an HTTP response.
///
/// Handlers throw these; the server turns any other error into a bare 500 problem.
public protocol HTTPResponseError: Error {
    var status: HTTPStatus { get }
    func response() -> HTTPResponse
}
