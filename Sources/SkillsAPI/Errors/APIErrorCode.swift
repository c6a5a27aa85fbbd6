import SkillsEngine
import SkillsHTTP

/// Every machine-readable error code the API returns, and THE table mapping each to its HTTP status.
///
/// Engine codes keep the engine's spelling (``EngineError/Code``); transport codes raised by SkillsHTTP
/// itself (`body_too_large`, `uri_too_long`, `headers_too_large`, `request_timeout`, `overloaded`,
/// `not_found`, `method_not_allowed`) keep theirs and are listed here so clients have one catalogue.
public enum APIErrorCode: String, Sendable, CaseIterable {
    // Engine errors.
    case unknownSkill = "unknown_skill"
    case entityNotFound = "entity_not_found"
    case occupationNotFound = "occupation_not_found"
    case invalidEntity = "invalid_entity"
    case invalidQuery = "invalid_query"
    case invalidFilter = "invalid_filter"
    case contradictoryFilters = "contradictory_filters"
    case invalidLimit = "invalid_limit"
    case invalidCursor = "invalid_cursor"
    case staleCursor = "stale_cursor"
    case unknownFeature = "unknown_feature"
    case invalidWeight = "invalid_weight"
    case wrongSourceKind = "wrong_source_kind"
    case invalidConfiguration = "invalid_configuration"
    case taskNotFound = "task_not_found"
    case storageError = "storage_error"
    // API errors.
    case malformedJSON = "malformed_json"
    case invalidBody = "invalid_body"
    case invalidParameter = "invalid_parameter"
    case unknownKind = "unknown_kind"
    case skillNotFound = "skill_not_found"
    case adhocProfileNotSupported = "adhoc_profile_not_supported"
    case unauthorized
    case forbidden
    case rateLimited = "rate_limited"
    // Transport errors (raised by SkillsHTTP).
    case notFound = "not_found"
    case methodNotAllowed = "method_not_allowed"
    case payloadTooLarge = "body_too_large"
    case uriTooLong = "uri_too_long"
    case headersTooLarge = "headers_too_large"
    case requestTimeout = "request_timeout"
    case badRequest = "bad_request"
    case overloaded
    case internalError = "internal_error"

    /// The one code → status table.
    public var status: HTTPStatus {
        switch self {
        case .entityNotFound, .occupationNotFound, .taskNotFound, .skillNotFound, .notFound: .notFound
        case .unknownSkill, .invalidEntity, .invalidQuery, .invalidFilter, .contradictoryFilters, .invalidLimit,
             .invalidCursor, .unknownFeature, .invalidWeight, .wrongSourceKind, .invalidBody, .invalidParameter,
             .unknownKind, .adhocProfileNotSupported, .malformedJSON, .badRequest:
            .badRequest
        case .staleCursor: .conflict
        case .unauthorized: .unauthorized
        case .forbidden: .forbidden
        case .rateLimited: .tooManyRequests
        case .methodNotAllowed: .methodNotAllowed
        case .payloadTooLarge: .contentTooLarge
        case .uriTooLong: .uriTooLong
        case .headersTooLarge: .requestHeaderFieldsTooLarge
        case .requestTimeout: .requestTimeout
        case .overloaded: .serviceUnavailable
        case .invalidConfiguration, .storageError, .internalError: .internalServerError
        }
    }

    /// The API code for an engine error code (same spelling).
    public init(_ code: EngineError.Code) {
        // Every engine code has a case of the same raw value; the test suite checks that.
        self = APIErrorCode(rawValue: code.rawValue) ?? .internalError
    }
}
