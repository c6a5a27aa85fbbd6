// VC-JWT properties:
// 1. RFC 8037 A.4 (EdDSA), RFC 7520 §4.1 (RS256) and RFC 7515 A.3 (ES256, raw R‖S) verify; a flipped bit does not.
// 2. A freshly signed EdDSA VC-JWT from a did:key issuer verifies; alg none, unexpected algs,
//    malformed segments, base64 errors, wrong key type, claim mismatches and another issuer's key
//    each give invalid or unverified with a reason.
// 3. The 1EdTech CLR VC-JWT (RS256, key in the header) is unverified until the key is registered.
import Foundation
import SkillsCore
import SkillsTestSupport
import Testing

@testable import SkillsCredentials

@Test(arguments: ["rfc8037_A4_EdDSA", "rfc7520_4_1_RS256", "rfc7515_A3_ES256"])
func joseVectors(name: String) throws {
    let vectors = try loadJSON("jose/jose-vectors.json")
    guard let vector = vectors[name] else { Issue.record("missing \(name)"); return }
    let key = try KeyResolver.keyFromJWK(vector["jwk"]!)
    let parts = vector["compact"]!.stringValue!.split(separator: ".")
    let message = Array((parts[0] + "." + parts[1]).utf8)
    var signature = try Base64.decode(parts[2])
    #expect(key.verify(signature: signature, message: message))
    signature[5] ^= 1
    #expect(!key.verify(signature: signature, message: message))
}

/// Builds signed VC-JWTs for tests.
struct JWTFactory {
    let signer: Ed25519PrivateKey
    init(seed: UInt8) throws { signer = try Ed25519PrivateKey(seed: [UInt8](repeating: seed, count: 32)) }

    var issuer: String { signer.didKey }

    func credential(issuer: String? = nil, validFrom: String = "2020-01-01T00:00:00Z") -> JSONObject {
        JSONObject([
            "@context": .array([.string("https://www.w3.org/ns/credentials/v2"), .string("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json")]),
            "id": .string("urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002"),
            "type": .array([.string("VerifiableCredential"), .string("OpenBadgeCredential")]),
            "issuer": .object(JSONObject(["id": .string(issuer ?? self.issuer), "type": .array([.string("Profile")]), "name": .string("Test College")])),
            "validFrom": .string(validFrom),
            "credentialSubject": .object(JSONObject(["id": .string("did:example:learner"), "type": .array([.string("AchievementSubject")])])),
        ])
    }

    func token(header: JSONObject? = nil, payload: JSONObject) -> String {
        let multikey = String(issuer.dropFirst("did:key:".count))
        let header = header ?? JSONObject(["alg": .string("EdDSA"), "kid": .string(issuer + "#" + multikey), "typ": .string("JWT")])
        let input = Base64.urlEncode(JSONValue.object(header).serializedBytes()) + "." + Base64.urlEncode(JSONValue.object(payload).serializedBytes())
        return input + "." + Base64.urlEncode(signer.sign(Array(input.utf8)))
    }

    func payload(_ credential: JSONObject) -> JSONObject {
        var p = credential
        p["iss"] = .string(credential["issuer"]!["id"]!.stringValue!)
        p["jti"] = credential["id"]
        p["sub"] = .string("did:example:learner")
        p["nbf"] = .number(JSONNumber(1_577_836_800))
        return p
    }
}

@Test func freshEdDSAJWTVerifies() throws {
    let f = try JWTFactory(seed: 7)
    let result = try CredentialVerifier().verify(jwt: f.token(payload: f.payload(f.credential())))
    #expect(result.status == .verified, "\(result.reason)")
    #expect(result.envelope == "vc-jwt")
    #expect(result.issuerName == "Test College")
}

@Test(.timeLimit(.minutes(5)))  // a guard against runaway work, not a speed target
func jwtNegativeInputs() throws {
    let f = try JWTFactory(seed: 7)
    let other = try JWTFactory(seed: 9)
    let good = f.token(payload: f.payload(f.credential()))
    let parts = good.split(separator: ".").map(String.init)
    let verifier = try CredentialVerifier()
    let p256JWK: JSONValue = try loadJSON("jose/jose-vectors.json")["rfc7515_A3_ES256"]!["jwk"]!
    var tamperedPayload = f.payload(f.credential())
    tamperedPayload["name"] = .string("Forged")
    let forged = parts[0] + "." + Base64.urlEncode(JSONValue.object(tamperedPayload).serializedBytes()) + "." + parts[2]
    var mismatched = f.payload(f.credential())
    mismatched["jti"] = .string("urn:uuid:someone-else")
    let cases: [(String, String, VerificationStatus)] = [
        ("alg none", f.token(header: JSONObject(["alg": .string("none")]), payload: f.payload(f.credential())), .invalid),
        ("unexpected alg", f.token(header: JSONObject(["alg": .string("HS256"), "kid": .string(f.issuer)]), payload: f.payload(f.credential())), .unverified),
        ("two segments", parts[0] + "." + parts[1], .invalid),
        ("four segments", good + ".x", .invalid),
        ("empty header", "." + parts[1] + "." + parts[2], .invalid),
        ("bad base64", parts[0] + ".e30*." + parts[2], .invalid),
        ("padding", parts[0] + "=." + parts[1] + "." + parts[2], .invalid),
        ("header not JSON", Base64.urlEncode(Array("alg".utf8)) + "." + parts[1] + "." + parts[2], .invalid),
        ("header array", Base64.urlEncode(Array("[1]".utf8)) + "." + parts[1] + "." + parts[2], .invalid),
        ("tampered payload", forged, .invalid),
        ("wrong key type", f.token(header: JSONObject(["alg": .string("ES256"), "kid": .string(f.issuer)]), payload: f.payload(f.credential())), .invalid),
        ("EdDSA with a P-256 jwk", f.token(header: JSONObject(["alg": .string("EdDSA"), "jwk": p256JWK]), payload: f.payload(f.credential())), .invalid),
        ("jti mismatch", f.token(payload: mismatched), .invalid),
        ("key of another issuer", f.token(payload: f.payload(f.credential(issuer: other.issuer))), .invalid),
        ("extra header", f.token(header: JSONObject(["alg": .string("EdDSA"), "kid": .string(f.issuer), "crit": .array([])]), payload: f.payload(f.credential())), .invalid),
        ("private jwk", f.token(header: JSONObject(["alg": .string("EdDSA"), "jwk": .object(JSONObject(["kty": .string("OKP"), "crv": .string("Ed25519"), "x": .string("AA"), "d": .string("AA")]))]), payload: f.payload(f.credential())), .invalid),
        ("not yet valid", f.token(payload: f.payload(f.credential(validFrom: "2999-01-01T00:00:00Z"))), .invalid),
        ("garbage", "not a jwt at all", .invalid),
        ("huge", String(repeating: "a", count: 5 << 20), .invalid),
    ]
    for (name, token, expected) in cases {
        let result = verifier.verify(bytes: Array(token.utf8))
        #expect(result.status == expected, "\(name): \(result.status) \(result.reason)")
        #expect(!result.reason.isEmpty, "\(name)")
    }
}

@Test func oneEdTechCLRJWT() throws {
    let token = try loadText("1edtech-validator/clr20/simple.jwt").trimmingCharacters(in: .whitespacesAndNewlines)
    let unconfigured = try CredentialVerifier().verify(jwt: token)
    #expect(unconfigured.step(.signature)?.outcome == .passed, "\(unconfigured.reason)")
    #expect(unconfigured.status == .unverified)
    #expect(unconfigured.step(.keyBinding)?.outcome == .unverified)

    let header = try JSONParser().parse(try Base64.decode(token.split(separator: ".")[0]))
    let payload = try JSONParser().parse(try Base64.decode(token.split(separator: ".")[1]))
    let issuer = payload["iss"]!.stringValue!
    var registry = IssuerKeyRegistry()
    registry.register(try KeyResolver.keyFromJWK(header["jwk"]!), verificationMethod: "jwk:" + issuer, issuer: issuer)
    let inner = try loadJSON("1edtech-validator/clr20/simple.json")
    for (k, v) in Vectors.registry(for: inner).keys { registry.keys[k] = v }
    let configured = try CredentialVerifier(configuration: VerifierConfiguration(keyRegistry: registry)).verify(jwt: token)
    #expect(configured.status == .verified, "\(configured.reason)")
    #expect(configured.envelope == "vc-jwt")
    #expect(configured.credential?.isCLR == true)
    #expect(configured.credential?.nested.count == configured.nested.count)
    #expect(configured.nested.allSatisfy { $0.status == .verified })
}
