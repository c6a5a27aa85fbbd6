/// An error the engine reports to its callers (the API maps each code to an HTTP status).
public struct EngineError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable, CaseIterable {
        case unknownSkill = "unknown_skill"
        case unknownEntity = "entity_not_found"
        case unknownOccupation = "occupation_not_found"
        case invalidEntity = "invalid_entity"
        case invalidQuery = "invalid_query"
        case invalidConfiguration = "invalid_configuration"
        case storage = "storage_error"
        case unavailable = "unavailable"
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
