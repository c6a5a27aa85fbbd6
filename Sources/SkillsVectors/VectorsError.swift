/// Why a vectors operation refused its input or stopped.
///
/// `code` is for programs (switch on it; never parse `message`), `message` is for people and says
/// exactly which argument was wrong and what was expected.
public struct VectorsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure.
    public enum Code: String, Sendable, Equatable {
        /// A vector's length differs from the matrix dimension.
        case dimensionMismatch
        /// A row or skill number outside the valid range.
        case rowOutOfRange
        /// A NaN or infinite component.
        case nonFinite
        /// Any other invalid argument (k ≤ 0, bad configuration, …).
        case invalidArgument
        /// The deadline passed before the work finished.
        case deadlineExceeded
        /// The surrounding task was cancelled.
        case cancelled
        /// A LAPACK routine reported failure.
        case numericalFailure
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }

    static func dimension(_ what: String, got: Int, expected: Int) -> VectorsError {
        VectorsError(.dimensionMismatch, "\(what) has \(got) components, expected \(expected)")
    }

    static func row(_ row: Int32, count: Int) -> VectorsError {
        VectorsError(.rowOutOfRange, "row \(row) is outside 0..<\(count)")
    }
}
