/// Why data could not be decompressed or an archive could not be read.
public struct CompressionError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        /// The bytes are not in the expected format (bad magic, truncated, corrupt stream).
        case corrupt
        /// The output would exceed the caller's limit.
        case limitExceeded
        /// A valid feature this reader does not implement (ZIP64, encryption, other methods).
        case unsupported
        /// The requested archive member does not exist.
        case missingEntry
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
