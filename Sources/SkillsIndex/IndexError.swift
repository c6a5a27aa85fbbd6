import SkillsCore

/// Why an index operation or a search request was refused, with a precise message.
public struct IndexError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, for callers that map errors to API codes (never parse ``description``).
    public enum Code: String, Sendable, Hashable {
        case invalidEntity = "invalid_entity"
        case unknownEntity = "unknown_entity"
        case unknownSkill = "unknown_skill"
        case invalidFilter = "invalid_filter"
        case contradictoryFilters = "contradictory_filters"
        case invalidLimit = "invalid_limit"
        case invalidCursor = "invalid_cursor"
        case staleCursor = "stale_cursor"
        case invalidConfiguration = "invalid_configuration"
        /// A snapshot file that is damaged, truncated, of another format version or built with
        /// other settings: the caller rebuilds instead.
        case invalidSnapshot = "invalid_snapshot"
    }

    public let code: Code
    public let message: String

    public var description: String { "\(code.rawValue): \(message)" }

    public static func invalidEntity(_ error: EntityError) -> IndexError {
        IndexError(code: .invalidEntity, message: error.description)
    }
    public static func unknownEntity(_ kind: EntityKind, _ id: String) -> IndexError {
        IndexError(code: .unknownEntity, message: "no \(kind.rawValue) with id '\(id)'")
    }
    public static func unknownSkill(_ skill: Int32, skillCount: Int) -> IndexError {
        IndexError(code: .unknownSkill, message: "skill index \(skill) is outside 0..<\(skillCount)")
    }
    public static func invalidFilter(_ field: String, _ reason: String) -> IndexError {
        IndexError(code: .invalidFilter, message: "filter \(field) \(reason)")
    }
    public static func contradictoryFilters(_ reason: String) -> IndexError {
        IndexError(code: .contradictoryFilters, message: reason)
    }
    public static func invalidLimit(_ limit: Int, maximum: Int) -> IndexError {
        IndexError(code: .invalidLimit, message: "limit must be within 1...\(maximum), got \(limit)")
    }
    public static func invalidCursor(_ reason: String) -> IndexError {
        IndexError(code: .invalidCursor, message: "cursor \(reason)")
    }
    public static func staleCursor(cursorGeneration: UInt64, current: UInt64) -> IndexError {
        IndexError(
            code: .staleCursor,
            message: "cursor belongs to index generation \(cursorGeneration), the index is now at \(current); restart the query")
    }
    public static func invalidSnapshot(_ reason: String) -> IndexError {
        IndexError(code: .invalidSnapshot, message: "index snapshot file: \(reason)")
    }
    public static func invalidConfiguration(_ key: String, _ reason: String) -> IndexError {
        IndexError(code: .invalidConfiguration, message: "\(key) \(reason)")
    }
}
