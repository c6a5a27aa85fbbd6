import SkillsCore
import Synchronization

/// A public key together with who controls it, the basis of the issuer key binding check.
public struct ResolvedKey: Sendable {
    public var key: PublicKey
    /// The DID or URL that controls the key; the credential's issuer must equal it.
    public var controller: String?
    /// How the key was found (for reasons in results).
    public var source: String

    public init(key: PublicKey, controller: String?, source: String) {
        self.key = key
        self.controller = controller
        self.source = source
    }
}

/// Keys configured by the operator: verification method id (or JWS `kid`) → key and controller.
public struct IssuerKeyRegistry: Sendable {
    public var keys: [String: ResolvedKey]

    public init(keys: [String: ResolvedKey] = [:]) { self.keys = keys }

    /// Registers a key for a verification method id, controlled by `issuer`.
    public mutating func register(_ key: PublicKey, verificationMethod: String, issuer: String) {
        keys[verificationMethod] = ResolvedKey(key: key, controller: issuer, source: "issuer key registry")
    }
}

/// Finds the public key for a verification method: `did:key`, `did:web` (through the fetcher),
/// the configured registry, or a JWK.
public struct KeyResolver: Sendable {
    public var registry: IssuerKeyRegistry
    public var fetcher: any DocumentFetcher
    public var jsonLimits: JSONParser.Limits

    public init(registry: IssuerKeyRegistry = IssuerKeyRegistry(), fetcher: any DocumentFetcher = NoDocumentFetcher(),
                jsonLimits: JSONParser.Limits = .init(maxDepth: 32, maxBytes: 1 << 20)) {
        self.registry = registry
        self.fetcher = fetcher
        self.jsonLimits = jsonLimits
    }

    /// The key named by a verification method URL (a DID URL or a registered id).
    public func resolve(_ verificationMethod: String) throws(CredentialError) -> ResolvedKey {
        if let registered = registry.keys[verificationMethod] { return registered }
        if verificationMethod.hasPrefix("did:key:") { return try didKey(verificationMethod) }
        if verificationMethod.hasPrefix("did:web:") { return try didWeb(verificationMethod) }
        if verificationMethod.hasPrefix("did:") {
            throw CredentialError(.unsupported, "unsupported DID method in \(verificationMethod)")
        }
        if verificationMethod.hasPrefix("https://") {
            let document = try fetchJSON(verificationMethod)
            if let key = try? Self.keyFromMethod(document) {
                return ResolvedKey(key: key, controller: document["controller"]?.stringValue, source: "key document \(verificationMethod)")
            }
            return ResolvedKey(key: try Self.keyFromJWK(document), controller: nil, source: "JWK at \(verificationMethod)")
        }
        throw CredentialError(.key, "cannot resolve verification method \(verificationMethod)")
    }

    /// `did:key:<multikey>[#<multikey>]`: the key is the identifier itself.
    func didKey(_ url: String) throws(CredentialError) -> ResolvedKey {
        let did = String(url.split(separator: "#", maxSplits: 1)[0])
        let multikey = String(did.dropFirst("did:key:".count))
        if let hash = url.firstIndex(of: "#"), url[url.index(after: hash)...] != multikey {
            throw CredentialError(.key, "did:key fragment does not match the key")
        }
        let (type, bytes) = try Multibase.decodeKey(multikey)
        let key = type == .ed25519 ? try PublicKey.ed25519(bytes) : try PublicKey.p256(point: bytes)
        return ResolvedKey(key: key, controller: did, source: "did:key")
    }

    /// `did:web:host[:path]#fragment` → `https://host[/path]/did.json` (or `/.well-known/did.json`).
    static func didWebURL(_ did: String) throws(CredentialError) -> String {
        let parts = did.dropFirst("did:web:".count).split(separator: ":").map { $0.removingPercentEncoding ?? String($0) }
        guard let host = parts.first, !host.isEmpty, !host.contains("/") else { throw CredentialError(.malformed, "invalid did:web \(did)") }
        if parts.count == 1 { return "https://\(host)/.well-known/did.json" }
        return "https://" + parts.joined(separator: "/") + "/did.json"
    }

    func didWeb(_ url: String) throws(CredentialError) -> ResolvedKey {
        let did = String(url.split(separator: "#", maxSplits: 1)[0])
        let document = try fetchJSON(try Self.didWebURL(did))
        guard document["id"]?.stringValue == did else { throw CredentialError(.key, "DID document id does not match \(did)") }
        let methods = (document["verificationMethod"]?.asArray ?? []) + (document["assertionMethod"]?.asArray ?? [])
        let assertion = document["assertionMethod"]?.asArray ?? []
        let listed = assertion.contains { $0.stringValue == url || $0["id"]?.stringValue == url }
        guard listed else { throw CredentialError(.key, "\(url) is not an assertion method of \(did)") }
        for method in methods where method["id"]?.stringValue == url {
            if let controller = method["controller"]?.stringValue, controller != did {
                throw CredentialError(.key, "\(url) is controlled by \(controller), not \(did)")
            }
            return ResolvedKey(key: try Self.keyFromMethod(method), controller: did, source: "did:web")
        }
        throw CredentialError(.key, "\(url) not found in the DID document")
    }

    func fetchJSON(_ url: String) throws(CredentialError) -> JSONValue {
        let bytes = try fetcher.fetch(url)
        do { return try JSONParser(limits: jsonLimits).parse(bytes) } catch {
            throw CredentialError(.malformed, "document \(url): \(error)")
        }
    }

    /// A key from a verification method object (Multikey / Ed25519VerificationKey2020 / JsonWebKey).
    static func keyFromMethod(_ method: JSONValue) throws(CredentialError) -> PublicKey {
        if let multibase = method["publicKeyMultibase"]?.stringValue {
            let (type, bytes) = try Multibase.decodeKey(multibase)
            return type == .ed25519 ? try PublicKey.ed25519(bytes) : try PublicKey.p256(point: bytes)
        }
        if let jwk = method["publicKeyJwk"] { return try keyFromJWK(jwk) }
        throw CredentialError(.key, "verification method has no publicKeyMultibase or publicKeyJwk")
    }

    /// Keys built from JWKs, by the JWK value (member order included): building an RSA key costs
    /// as much as verifying with it, and a cached key also keeps its verification contexts.
    private static let jwkCache = Mutex<[JSONValue: PublicKey]>([:])

    /// A public key from a JWK (OKP/Ed25519, EC/P-256, RSA); a JWK with private parts is refused.
    public static func keyFromJWK(_ jwk: JSONValue) throws(CredentialError) -> PublicKey {
        if let cached = jwkCache.withLock({ $0[jwk] }) { return cached }
        let key = try buildKeyFromJWK(jwk)
        jwkCache.withLock { cache in
            if cache.count >= 1024 { cache.removeAll() }
            cache[jwk] = key
        }
        return key
    }

    private static func buildKeyFromJWK(_ jwk: JSONValue) throws(CredentialError) -> PublicKey {
        guard case .object(let o) = jwk else { throw CredentialError(.key, "JWK is not an object") }
        if o["d"] != nil { throw CredentialError(.key, "JWK contains a private key (\"d\")") }
        func field(_ name: String) throws(CredentialError) -> [UInt8] {
            guard let s = o[name]?.stringValue else { throw CredentialError(.key, "JWK is missing \"\(name)\"") }
            return try Base64.decode(s)
        }
        switch (o["kty"]?.stringValue, o["crv"]?.stringValue) {
        case ("OKP", "Ed25519"): return try PublicKey.ed25519(try field("x"))
        case ("EC", "P-256"): return try PublicKey.p256(x: try field("x"), y: try field("y"))
        case ("RSA", _): return try PublicKey.rsa(modulus: try field("n"), exponent: try field("e"))
        case (let kty, let crv): throw CredentialError(.key, "unsupported JWK type \(kty ?? "none")/\(crv ?? "none")")
        }
    }
}
