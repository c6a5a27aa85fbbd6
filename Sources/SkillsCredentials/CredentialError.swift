/// Why a credential, key, proof or document could not be processed.
///
/// Verification never throws this at its caller: ``CredentialVerifier`` turns it into an
/// `invalid` or `unverified` step with the message as the reason. Lower-level APIs (codecs,
/// canonicalisers, key parsing) throw it directly.
public struct CredentialError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Categories a caller may want to branch on.
    public enum Kind: Sendable, Equatable {
        /// Input that is not well-formed (JSON, JWS segments, base64, multibase, N-Quads…).
        case malformed
        /// Well-formed but not supported here (unknown algorithm, cryptosuite, DID method…).
        case unsupported
        /// A key could not be found, built, or is of the wrong type.
        case key
        /// A signature does not verify.
        case signature
        /// JSON-LD processing failed in safe mode (undefined term, relative IRI, protected redefinition…).
        case context
        /// A JSON-LD context the document names is not among the bundled ones.
        case contextNotBundled
        /// A configured limit was exceeded (size, depth, work).
        case limit
        /// A document could not be fetched (fetching off, not found, not allowed).
        case fetch
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
