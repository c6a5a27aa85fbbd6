/// An error a command reports to the user, mapped to an exit code.
struct CLIError: Error, CustomStringConvertible {
    var code: ExitCode
    var message: String

    var description: String { message }

    static func usage(_ message: String) -> CLIError { CLIError(code: .usage, message: message) }
    static func data(_ message: String) -> CLIError { CLIError(code: .dataError, message: message) }
    static func noInput(_ message: String) -> CLIError { CLIError(code: .noInput, message: message) }
    static func config(_ message: String) -> CLIError { CLIError(code: .config, message: message) }
}
