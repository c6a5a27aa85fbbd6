/// Why the server could not be configured or started.
///
/// `keyPath` names the configuration key at fault (`"limits.maxBodyBytes"`) when there is one.
public struct HTTPServerError: Error, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case invalidConfiguration
        case bindFailed
        case systemCallFailed
        case alreadyStarted
    }

    public var code: Code
    public var keyPath: String?
    public var message: String

    public init(_ code: Code, keyPath: String? = nil, _ message: String) {
        self.code = code
        self.keyPath = keyPath
        self.message = message
    }

    public var description: String {
        if let keyPath { return "\(keyPath): \(message)" }
        return message
    }

    static func invalid(_ keyPath: String, _ message: String) -> HTTPServerError {
        HTTPServerError(.invalidConfiguration, keyPath: keyPath, message)
    }
}
