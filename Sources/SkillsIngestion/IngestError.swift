/// Why one input item could not be turned into an entity. Each error names the field at fault.
public struct IngestError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// The item is not valid JSON / CSV.
        case malformed = "malformed_item"
        /// The format is not one of ``IngestFormat`` or could not be detected.
        case unknownFormat = "unknown_format"
        /// A required field is absent.
        case missingField = "missing_field"
        /// A field has the wrong type or an invalid value.
        case invalidField = "invalid_field"
        /// The item is larger or deeper than the configured limits.
        case tooLarge = "item_too_large"
    }

    public let code: Code
    /// The JSON path or column of the field at fault, when there is one.
    public let field: String?
    public let message: String

    public init(_ code: Code, field: String? = nil, _ message: String) {
        self.code = code
        self.field = field
        self.message = message
    }

    public var description: String {
        if let field { return "\(code.rawValue) at \(field): \(message)" }
        return "\(code.rawValue): \(message)"
    }

    static func missing(_ field: String) -> IngestError { IngestError(.missingField, field: field, "is required") }
    static func invalid(_ field: String, _ message: String) -> IngestError {
        IngestError(.invalidField, field: field, message)
    }
}
