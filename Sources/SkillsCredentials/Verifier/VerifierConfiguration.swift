import Foundation
import SkillsCore

/// Everything the verifier needs besides the credential; all of it has safe offline defaults.
public struct VerifierConfiguration: Sendable {
    /// Source of DID documents, JWKs and status lists. Off by default (no network).
    public var fetcher: any DocumentFetcher
    /// Operator-configured keys (verification method id or JWS `kid` → key and issuer).
    public var keyRegistry: IssuerKeyRegistry
    /// Issuer ids trusted by this deployment; empty means the trust step is skipped.
    public var trustedIssuers: Set<String>
    /// The verification time (dates are checked against it).
    public var now: @Sendable () -> Date
    /// Limits for the credential's JSON.
    public var jsonLimits: JSONParser.Limits
    /// Context source and limits for JSON-LD (contexts are the bundled ones by default).
    public var jsonLD: JSONLDOptions
    /// Work limit for RDFC-1.0 blank node hashing.
    public var canonicalizationWorkLimit: Int
    /// Most nested credentials checked in a CLR.
    public var maxNestedCredentials: Int
    /// Verify the nested credentials of a CLR (on by default; off only checks the envelope).
    public var verifyNestedCredentials = true
    /// Largest decompressed status list, in bytes.
    public var maxStatusListBytes: Int
    /// A compact JWS longer than this is refused before decoding.
    public var maxJWSLength: Int

    public init(
        fetcher: any DocumentFetcher = NoDocumentFetcher(), keyRegistry: IssuerKeyRegistry = IssuerKeyRegistry(),
        trustedIssuers: Set<String> = [], now: @escaping @Sendable () -> Date = { Date() },
        jsonLimits: JSONParser.Limits = .init(maxDepth: 64, maxBytes: 4 << 20), jsonLD: JSONLDOptions = JSONLDOptions(),
        canonicalizationWorkLimit: Int = 20_000, maxNestedCredentials: Int = 256, maxStatusListBytes: Int = 16 << 20,
        maxJWSLength: Int = 4 << 20
    ) {
        self.fetcher = fetcher
        self.keyRegistry = keyRegistry
        self.trustedIssuers = trustedIssuers
        self.now = now
        self.jsonLimits = jsonLimits
        self.jsonLD = jsonLD
        self.canonicalizationWorkLimit = canonicalizationWorkLimit
        self.maxNestedCredentials = maxNestedCredentials
        self.maxStatusListBytes = maxStatusListBytes
        self.maxJWSLength = maxJWSLength
    }

    /// Rejects limits that make no sense.
    public func validate() throws(CredentialError) {
        func positive(_ v: Int, _ name: String) throws(CredentialError) {
            if v <= 0 { throw CredentialError(.limit, "configuration: \(name) must be positive, got \(v)") }
        }
        try positive(jsonLimits.maxDepth, "jsonLimits.maxDepth")
        try positive(jsonLimits.maxBytes, "jsonLimits.maxBytes")
        try positive(jsonLD.maxContextLoads, "jsonLD.maxContextLoads")
        try positive(jsonLD.maxQuads, "jsonLD.maxQuads")
        try positive(canonicalizationWorkLimit, "canonicalizationWorkLimit")
        try positive(maxNestedCredentials, "maxNestedCredentials")
        try positive(maxStatusListBytes, "maxStatusListBytes")
        try positive(maxJWSLength, "maxJWSLength")
    }

    var keyResolver: KeyResolver { KeyResolver(registry: keyRegistry, fetcher: fetcher) }
}
