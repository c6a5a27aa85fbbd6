/// An entity, profile or filter value that cannot be accepted, with a precise message.
///
/// Codes are internal: callers compare with the static members (`error == .invalidValue(...)`
/// is not needed; read ``field`` and ``description``), never by parsing the message.
public struct EntityError: Error, Sendable, Hashable, CustomStringConvertible {
    enum Code: Sendable, Hashable {
        case missingField
        case invalidValue
        case duplicate
    }

    let code: Code
    /// The dotted path of the offending field, e.g. `job.pay.minimum`.
    public let field: String
    /// What is wrong, in words.
    public let reason: String

    /// A required field is empty or absent.
    public static func missingField(_ field: String) -> EntityError {
        EntityError(code: .missingField, field: field, reason: "is required")
    }

    /// A field holds a value outside its domain.
    public static func invalidValue(_ field: String, _ reason: String) -> EntityError {
        EntityError(code: .invalidValue, field: field, reason: reason)
    }

    /// A value that must be unique appears twice.
    public static func duplicate(_ field: String, _ reason: String) -> EntityError {
        EntityError(code: .duplicate, field: field, reason: reason)
    }

    /// `true` for a missing required field.
    public var isMissingField: Bool { code == .missingField }

    public var description: String { "\(field) \(reason)" }
}
