/// Why a JSON document was rejected, and where.
public struct JSONError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kinds of failure a caller may want to tell apart.
    public enum Kind: Sendable, Equatable {
        /// The bytes are not JSON (unexpected character, bad escape, bad number, trailing data…).
        case syntax
        /// A string or key holds bytes that are not valid UTF-8.
        case invalidUTF8
        /// Nesting deeper than ``JSONParser/Limits/maxDepth``.
        case tooDeep
        /// Input larger than ``JSONParser/Limits/maxBytes``.
        case tooLarge
        /// An object names the same key twice.
        case duplicateKey
    }

    public let kind: Kind
    /// Byte offset into the input where the problem was found.
    public let offset: Int
    /// A human-readable explanation.
    public let message: String

    public init(_ kind: Kind, at offset: Int, _ message: String) {
        self.kind = kind
        self.offset = offset
        self.message = message
    }

    public var description: String { "JSON error at byte \(offset): \(message)" }
}
