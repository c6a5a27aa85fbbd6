// SPDX-License-Identifier: Apache-2.0
/// Why semantic extraction or occupation matching could not be set up: invalid options, or label
/// vectors that do not belong to the skill or occupation list they are used with.
public struct SemanticError: Error, Equatable, CustomStringConvertible, Sendable {
    private enum Code: Equatable, Sendable {
        case invalidOption
        case mismatchedVectors
    }

    private let code: Code
    public let message: String

    private init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// An option is out of range; the message names it.
    public static func invalidOption(_ message: String) -> SemanticError { SemanticError(.invalidOption, message) }

    /// Label vectors were made for another label list or another encoder.
    public static func mismatchedVectors(_ message: String) -> SemanticError {
        SemanticError(.mismatchedVectors, message)
    }

    /// Whether this is an option error (the CLI maps it to a usage error).
    public var isInvalidOption: Bool { code == .invalidOption }

    public var description: String { message }
}
