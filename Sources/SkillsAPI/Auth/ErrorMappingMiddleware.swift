import SkillsCore
import SkillsEngine
import SkillsHTTP
import SkillsStorage

/// The outermost middleware: turns engine and JSON errors into problem responses, so handlers can
/// simply `try` engine calls. Anything else the server renders as a bare 500.
struct ErrorMappingMiddleware: HTTPMiddleware {
    func handle(
        _ request: HTTPRequest, context: RequestContext, next: (HTTPRequest, RequestContext) throws -> HTTPResponse
    ) throws -> HTTPResponse {
        do {
            return try next(request, context)
        } catch let error as EngineError {
            throw APIError(error)
        } catch let error as JSONError {
            throw APIError(.malformedJSON, error.description)
        } catch let error as StorageError {
            // The store refuses bad arguments (an ingest body with no items) before touching data.
            if error.kind == .invalidArgument { throw APIError(.invalidBody, error.message) }
            throw APIError(.storageError, "The data store failed; retry later.")
        }
    }
}
