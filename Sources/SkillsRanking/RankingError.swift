import SkillsIndex

/// Why a ranking request or configuration was refused, with a precise message.
public struct RankingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Stable codes for the API's error table; index errors keep their own code names.
    public enum Code: String, Sendable, Hashable {
        case unknownEntity = "unknown_entity"
        case wrongSourceKind = "wrong_source_kind"
        case unknownDirection = "unknown_direction"
        case unknownFeature = "unknown_feature"
        case inapplicableFeature = "inapplicable_feature"
        case invalidWeight = "invalid_weight"
        case invalidConfiguration = "invalid_configuration"
        case index = "index"
    }

    public let code: Code
    public let message: String
    /// The underlying index error for ``Code/index`` (limit, filters, cursor, unknown skill).
    public let indexError: IndexError?

    init(code: Code, message: String, indexError: IndexError? = nil) {
        self.code = code
        self.message = message
        self.indexError = indexError
    }

    public var description: String { "\(indexError?.code.rawValue ?? code.rawValue): \(message)" }

    static func index(_ error: IndexError) -> RankingError {
        if error.code == .unknownEntity { return RankingError(code: .unknownEntity, message: error.message) }
        return RankingError(code: .index, message: error.message, indexError: error)
    }
    static func unknownName(_ code: Code, _ what: String, _ name: String, valid: [String], at path: String) -> RankingError {
        RankingError(code: code, message: "\(path): unknown \(what) '\(name)'; valid: \(valid.joined(separator: ", "))")
    }
}
