// Hostile or broken credentials end as invalid/unverified with a reason, within time bounds:
// deep JSON, oversized documents, contexts that are not bundled or include themselves, terms
// outside the context (safe mode), bad proof values, wrong key types, altered nested credentials
// in a CLR, too many quads, and configuration that makes no sense.
import Foundation
import SkillsCore
import SkillsTestSupport
import Testing

@testable import SkillsCredentials

private func simpleCredential() throws -> JSONObject { try loadJSON("1edtech-validator/ob30/simple.json").objectValue! }

private func verify(_ document: JSONObject, configuration: VerifierConfiguration? = nil) throws -> VerificationResult {
    var configuration = configuration ?? VerifierConfiguration()
    if configuration.keyRegistry.keys.isEmpty { configuration.keyRegistry = Vectors.registry(for: .object(document)) }
    return try CredentialVerifier(configuration: configuration).verifyDocument(.object(document))
}

@Test(.timeLimit(.minutes(5)))  // a guard against runaway work, not a speed target
func deeplyNestedAndOversizedJSON() throws {
    let verifier = try CredentialVerifier()
    let deep = Array((String(repeating: "{\"a\":", count: 200_000) + "1" + String(repeating: "}", count: 200_000)).utf8)
    let r1 = verifier.verify(bytes: deep)
    #expect(r1.status == .invalid)
    #expect(r1.reason.contains("nesting"))
    let small = try CredentialVerifier(configuration: VerifierConfiguration(jsonLimits: .init(maxDepth: 64, maxBytes: 1000)))
    let r2 = small.verify(bytes: Array(try Data(contentsOf: Vectors.root.appendingPathComponent("1edtech/ob-signed-credential.json"))))
    #expect(r2.status == .invalid)
    #expect(r2.reason.contains("limit"))
    #expect(verifier.verify(bytes: [0x7B, 0x22, 0xFF, 0x22]).status == .invalid)
    #expect(verifier.verify(bytes: []).status == .invalid)
}

@Test func contextNotBundled() throws {
    var document = try simpleCredential()
    document["@context"] = .array(document["@context"]!.asArray + [.string("https://example.org/unknown-context.jsonld")])
    let result = try verify(document)
    #expect(result.status == .unverified)
    #expect(result.reason.contains("context not bundled"))
}

@Test(.timeLimit(.minutes(5)))  // a guard against runaway work, not a speed target
func cyclicContextsAndTerms() throws {
    let cyclic: JSONValue = try JSONParser().parse(#"{"@context": ["https://example.org/a"]}"#)
    let options = JSONLDOptions(contextLoader: { url in url == "https://example.org/a" ? cyclic : BundledContexts.document(for: url) })
    #expect(throws: CredentialError.self) {
        _ = try JSONLDProcessor(options: options).toRDF(try JSONParser().parse(#"{"@context": "https://example.org/a", "@id": "urn:x"}"#))
    }
    let selfReferential = try JSONParser().parse(#"{"@context": {"a": "b:x", "b": "a:y"}, "a": 1}"#)
    do {
        _ = try JSONLDProcessor().toRDF(selfReferential)
        Issue.record("cyclic term definitions accepted")
    } catch { #expect(error.kind == .context) }
}

@Test func safeModeRejectsUndefinedTerms() throws {
    // VCDM 1.1 has no @vocab: an undefined property would be dropped, so unsigned.
    let v1 = try loadJSON("dcc-vc-test-fixtures/verifiableCredentials/v1/ed25519/didKey/noRegistry-noStatus-noExpiry.json").objectValue!
    var document = v1
    document["skillLevel"] = .string("expert")
    let result = try verify(document)
    #expect(result.status == .invalid)
    #expect(result.reason.contains("not defined"))
}

@Test func protectedTermsCannotBeRedefined() throws {
    var document = try simpleCredential()
    document["@context"] = .array(document["@context"]!.asArray + [.object(JSONObject(["name": .string("https://evil.example/name")]))])
    let result = try verify(document)
    #expect(result.status == .invalid)
    #expect(result.reason.contains("protected"))
}

@Test func tamperedProofValuesAndKeys() throws {
    let original = try simpleCredential()
    var proof = original["proof"]!.asArray[0].objectValue!
    let cases: [(String, JSONValue)] = [
        ("bad base58", .string("z0OIl")),
        ("not multibase", .string("abc")),
        ("short signature", .string("z" + Base58.encode([1, 2, 3]))),
    ]
    for (name, value) in cases {
        proof["proofValue"] = value
        var document = original
        document["proof"] = .object(proof)
        let result = try verify(document)
        #expect(result.status == .invalid, "\(name): \(result.reason)")
    }
    // ecdsa-jcs-2019 proof pointing at an Ed25519 key: wrong key type.
    proof = original["proof"]!.asArray[0].objectValue!
    proof["cryptosuite"] = .string("ecdsa-jcs-2019")
    var document = original
    document["proof"] = .object(proof)
    let result = try verify(document)
    #expect(result.status == .invalid)
    #expect(result.reason.contains("wrong key type"))
}

@Test func nestedCredentialsAreVerifiedOnTheirOwn() throws {
    // Alter a nested credential of the 1EdTech CLR: the outer proof fails (it covers the nested
    // data), and the nested one fails on its own.
    var clr = try loadJSON("1edtech/clr-signed-credential.json").objectValue!
    var subject = clr["credentialSubject"]!.objectValue!
    var inner = subject["verifiableCredential"]!.asArray[0].objectValue!
    inner["name"] = .string("Altered")
    subject["verifiableCredential"] = .array([.object(inner)])
    clr["credentialSubject"] = .object(subject)
    let result = try verify(clr)
    #expect(result.status == .invalid)
    #expect(result.nested.count == 1)
    #expect(result.nested[0].status == .invalid)
    #expect(result.nested[0].step(.signature)?.outcome == .failed)
}

@Test func quadAndWorkLimits() throws {
    let document = try simpleCredential()
    var configuration = VerifierConfiguration()
    configuration.jsonLD.maxQuads = 5
    let result = try verify(document, configuration: configuration)
    #expect(result.status == .invalid)
    #expect(result.reason.contains("quads"))
}

@Test func configurationIsValidated() {
    #expect(throws: CredentialError.self) { try CredentialVerifier(configuration: VerifierConfiguration(maxNestedCredentials: 0)) }
    #expect(throws: CredentialError.self) { try CredentialVerifier(configuration: VerifierConfiguration(jsonLimits: .init(maxDepth: 0, maxBytes: 10))) }
}

@Test func trustedIssuerList() throws {
    let document = try simpleCredential()
    let issuer = document["issuer"]!["id"]!.stringValue!
    let trusted = try verify(document, configuration: VerifierConfiguration(trustedIssuers: [issuer]))
    #expect(trusted.status == .verified)
    #expect(trusted.step(.issuerTrust)?.outcome == .passed)
    let untrusted = try verify(document, configuration: VerifierConfiguration(trustedIssuers: ["did:example:other"]))
    #expect(untrusted.status == .unverified)
    #expect(untrusted.step(.issuerTrust)?.outcome == .unverified)
}

@Test func encodingsRejectGarbage() {
    #expect(throws: CredentialError.self) { try Base64.decode("ab$d") }
    #expect(throws: CredentialError.self) { try Base64.decode("a") }
    #expect(throws: CredentialError.self) { try Base58.decode("0OIl") }
    #expect(throws: CredentialError.self) { try Multibase.decode("xabc") }
    #expect(throws: CredentialError.self) { try Multibase.decodeKey("z" + Base58.encode([0x12, 0x00, 1, 2])) }
    var rng = SeededGenerator(seed: 58)
    for _ in 0..<200 {
        let bytes = (0..<Int.random(in: 0..<40, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
        #expect((try? Base58.decode(Base58.encode(bytes))) == bytes)
        #expect((try? Base64.decode(Base64.urlEncode(bytes))) == bytes)
    }
}
