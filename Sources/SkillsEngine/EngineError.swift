import SkillsIndex
import SkillsRanking

/// An error the engine reports to its callers; the API maps each code to an HTTP status.
public struct EngineError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable, CaseIterable {
        case unknownSkill = "unknown_skill"
        case unknownEntity = "entity_not_found"
        case unknownOccupation = "occupation_not_found"
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
        case unknownTask = "task_not_found"
        case storage = "storage_error"
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }

    init(_ error: IndexError) {
        let code: Code =
            switch error.code {
            case .invalidEntity: .invalidEntity
            case .unknownEntity: .unknownEntity
            case .unknownSkill: .unknownSkill
            case .invalidFilter: .invalidFilter
            case .contradictoryFilters: .contradictoryFilters
            case .invalidLimit: .invalidLimit
            case .invalidCursor: .invalidCursor
            case .staleCursor: .staleCursor
            case .invalidConfiguration: .invalidConfiguration
            // Never reaches callers: the engine rebuilds from SQLite when a snapshot is refused.
            case .invalidSnapshot: .storage
            }
        self.init(code, error.message)
    }

    init(_ error: RankingError) {
        if let index = error.indexError {
            self.init(index)
            return
        }
        let code: Code =
            switch error.code {
            case .unknownEntity: .unknownEntity
            case .wrongSourceKind, .unknownDirection: .wrongSourceKind
            case .unknownFeature, .inapplicableFeature: .unknownFeature
            case .invalidWeight: .invalidWeight
            case .invalidConfiguration: .invalidConfiguration
            case .index: .invalidQuery
            }
        self.init(code, error.message)
    }
}
