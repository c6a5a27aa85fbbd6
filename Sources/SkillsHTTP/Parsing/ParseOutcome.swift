/// What the parser found at the start of a connection's buffer.
enum ParseOutcome {
    /// More bytes are needed. `headersComplete` with `expectsContinue` means the client waits for a
    /// `100 Continue` before sending the body.
    case incomplete(headersComplete: Bool, expectsContinue: Bool)
    /// A whole request, and how many buffer bytes it used.
    case complete(HTTPRequest, consumed: Int)
    /// The request is malformed or over a limit; the connection answers this and closes.
    case failure(HTTPError)
}
