import SkillsCore
#if canImport(Glibc)
import Glibc
#endif

/// A VC-JWT: a compact JWS whose payload is the credential (VCDM 2.0 / OB 3.0) or holds it in a
/// `vc` claim (VCDM 1.1).
struct CompactJWS {
    static let allowedAlgorithms: [String: KeyType] = ["RS256": .rsa, "ES256": .p256, "EdDSA": .ed25519]
    static let allowedHeaders: Set<String> = ["alg", "kid", "jwk", "typ", "cty"]

    let header: JSONObject
    let payload: JSONObject
    /// `header.payload` exactly as received (a view into the input, not a copy).
    let signingInput: ArraySlice<UInt8>
    let signature: [UInt8]

    /// The credential inside the payload.
    var credential: JSONObject { payload["vc"]?.objectValue ?? payload }

    /// Splits and decodes a compact JWS; every malformed part is a precise error.
    init(_ text: String, limits: JSONParser.Limits, maxLength: Int) throws(CredentialError) {
        try self.init(bytes: Array(text.utf8), limits: limits, maxLength: maxLength)
    }

    init(bytes: [UInt8], limits: JSONParser.Limits, maxLength: Int) throws(CredentialError) {
        guard bytes.count <= maxLength else { throw CredentialError(.limit, "JWS longer than \(maxLength) bytes") }
        // The dots, found with memchr (the segments are kilobytes long; a byte loop shows up in profiles).
        let dots: [Int] = bytes.withUnsafeBufferPointer { buffer in
            var found: [Int] = []
            var from = 0
            while found.count < 3, from < buffer.count, let base = buffer.baseAddress,
                  let hit = memchr(base + from, Int32(UInt8(ascii: ".")), buffer.count - from) {
                let index = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                found.append(index)
                from = index + 1
            }
            return found
        }
        guard dots.count == 2 else {
            throw CredentialError(.malformed, "compact JWS must have 3 segments, found \(bytes.count { $0 == UInt8(ascii: ".") } + 1)")
        }
        let firstDot = dots[0], secondDot = dots[1]
        let headerPart = bytes[..<firstDot], payloadPart = bytes[(firstDot + 1)..<secondDot], signaturePart = bytes[(secondDot + 1)...]
        guard !headerPart.isEmpty, !payloadPart.isEmpty else { throw CredentialError(.malformed, "empty JWS header or payload segment") }
        func decode(_ part: ArraySlice<UInt8>, _ name: String) throws(CredentialError) -> [UInt8] {
            // A "=" anywhere else is not in the base64url alphabet and fails in the decoder.
            guard part.last != UInt8(ascii: "=") else { throw CredentialError(.malformed, "JWS \(name): padding is not allowed in base64url") }
            do { return try Base64.decode(slice: part) } catch { throw CredentialError(.malformed, "JWS \(name): \(error.message)") }
        }
        func object(_ bytes: [UInt8], _ name: String) throws(CredentialError) -> JSONObject {
            let value: JSONValue
            do { value = try JSONParser(limits: limits).parse(bytes) } catch { throw CredentialError(.malformed, "JWS \(name): \(error)") }
            guard let o = value.objectValue else { throw CredentialError(.malformed, "JWS \(name) is not a JSON object") }
            return o
        }
        header = try object(try decode(headerPart, "header"), "header")
        payload = try object(try decode(payloadPart, "payload"), "payload")
        signature = try decode(signaturePart, "signature")
        signingInput = bytes[..<secondDot]
    }

    /// Checks the header, finds the key and checks the signature.
    func verifySignature(resolver: KeyResolver) throws(CredentialError) -> (VerificationStep, ResolvedKey) {
        guard let alg = header["alg"]?.stringValue else { throw CredentialError(.malformed, "JWS header has no alg") }
        if alg.lowercased() == "none" { throw CredentialError(.signature, "JWS alg \"none\" is rejected") }
        guard let keyType = Self.allowedAlgorithms[alg] else { throw CredentialError(.unsupported, "unexpected JWS algorithm \(alg)") }
        if let extra = header.keys.first(where: { !Self.allowedHeaders.contains($0) }) {
            throw CredentialError(.malformed, "JWS header parameter \"\(extra)\" is not allowed")
        }
        if let typ = header["typ"]?.stringValue, !["JWT", "vc+jwt", "vc+ld+json+jwt"].contains(typ) {
            throw CredentialError(.malformed, "JWS typ \(typ) is not a JWT")
        }
        let resolved: ResolvedKey
        if let kid = header["kid"]?.stringValue, kid.hasPrefix("did:") || resolver.registry.keys[kid] != nil {
            resolved = try resolver.resolve(kid)
        } else if let jwk = header["jwk"] {
            let key = try KeyResolver.keyFromJWK(jwk)
            // A header key proves nothing about who owns it unless the operator registered it.
            let registered = resolver.registry.keys.values.first { $0.key.sameKey(as: key) }
            resolved = registered ?? ResolvedKey(key: key, controller: nil, source: "JWS header jwk")
        } else if let kid = header["kid"]?.stringValue {
            resolved = try resolver.resolve(kid)
        } else {
            throw CredentialError(.key, "JWS header has neither kid nor jwk")
        }
        guard resolved.key.type == keyType else {
            throw CredentialError(.key, "wrong key type: \(alg) needs \(keyType.rawValue), key is \(resolved.key.type.rawValue)")
        }
        if keyType == .p256 && signature.count != 64 {
            throw CredentialError(.malformed, "ES256 signature must be 64 bytes (R‖S), got \(signature.count)")
        }
        guard resolved.key.verify(signature: signature, message: signingInput) else {
            return (VerificationStep(.signature, .failed, "\(alg) JWS signature does not verify"), resolved)
        }
        return (VerificationStep(.signature, .passed, "\(alg) JWS signature verified with \(resolved.source) key"), resolved)
    }

    /// `iss`/`sub`/`jti`/`nbf`/`exp` must agree with the credential they wrap.
    func claimMismatch() -> String? {
        let vc = credential
        let issuer = vc["issuer"]?.stringValue ?? vc["issuer"]?["id"]?.stringValue
        if let iss = payload["iss"]?.stringValue, iss != issuer { return "iss \(iss) does not match issuer \(issuer ?? "none")" }
        let subject = vc["credentialSubject"]?.asArray.first?["id"]?.stringValue
        if let sub = payload["sub"]?.stringValue, let subject, sub != subject { return "sub does not match credentialSubject.id" }
        if let jti = payload["jti"]?.stringValue, let id = vc["id"]?.stringValue, jti != id { return "jti does not match the credential id" }
        let from = (vc["validFrom"] ?? vc["issuanceDate"])?.stringValue.flatMap(DateCheck.parse)
        if let nbf = payload["nbf"]?.doubleValue, let from, abs(from.timeIntervalSince1970 - nbf) >= 1 {
            return "nbf does not match validFrom"
        }
        let until = (vc["validUntil"] ?? vc["expirationDate"])?.stringValue.flatMap(DateCheck.parse)
        if let exp = payload["exp"]?.doubleValue, let until, abs(until.timeIntervalSince1970 - exp) >= 1 {
            return "exp does not match validUntil"
        }
        return nil
    }
}
