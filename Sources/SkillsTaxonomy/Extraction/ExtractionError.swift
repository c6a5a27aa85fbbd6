/// Why an extractor could not be built or a text could not be read.
///
/// Extraction itself never fails on bad text (garbage gives an empty result); errors come from
/// configuration: invalid options, aliases that name unknown skills, empty custom phrases.
public struct ExtractionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, in words meant for the operator.
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { "skill extraction: \(message)" }
}
