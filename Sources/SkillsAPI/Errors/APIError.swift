import SkillsCore
import SkillsEngine
import SkillsHTTP

/// An error of the API layer: a code from ``APIErrorCode`` and a precise message, rendered as RFC 9457
/// problem details.
public struct APIError: HTTPResponseError, Equatable, CustomStringConvertible {
    public var code: APIErrorCode
    public var detail: String
    public var headers: HTTPHeaders

    public init(_ code: APIErrorCode, _ detail: String, headers: HTTPHeaders = [:]) {
        self.code = code
        self.detail = detail
        self.headers = headers
    }

    public var status: HTTPStatus { code.status }
    public var description: String { "\(code.rawValue): \(detail)" }

    public func response() -> HTTPResponse {
        HTTPError(code.status, code: code.rawValue, detail: detail, headers: headers).response()
    }

    /// The API error for an engine error.
    public init(_ error: EngineError) {
        let code = APIErrorCode(error.code)
        // Storage failures are internal: say so without leaking SQL details.
        self.init(code, code == .storageError ? "The data store failed; retry later." : error.message)
    }

    static func unknownKind(_ text: String) -> APIError {
        APIError(.unknownKind, "'\(text)' is not a kind; use candidates, jobs or programs")
    }
}
