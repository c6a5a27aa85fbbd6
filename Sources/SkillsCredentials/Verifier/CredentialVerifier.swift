import Foundation
import SkillsCore

/// Verifies Open Badges 3.0 / CLR 2.0 credentials: embedded Data Integrity proofs, VC-JWTs, and
/// each nested credential of a CLR on its own.
///
/// Verification is synchronous and pure apart from the configured ``DocumentFetcher`` (off by
/// default). It never throws and never traps on bad input: every problem becomes a step with a
/// reason in the ``VerificationResult``.
public struct CredentialVerifier: Sendable {
    public let configuration: VerifierConfiguration

    /// Fails when the configuration is invalid (see ``VerifierConfiguration/validate()``).
    public init(configuration: VerifierConfiguration = VerifierConfiguration()) throws(CredentialError) {
        try configuration.validate()
        self.configuration = configuration
    }

    /// Verifies a file's content: a compact JWS, or a JSON credential.
    public func verify(bytes: [UInt8]) -> VerificationResult {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        var trimmed = bytes.drop(while: isSpace)
        while let last = trimmed.last, isSpace(last) { trimmed.removeLast() }
        if let first = trimmed.first, first != UInt8(ascii: "{") {
            return verify(jwsBytes: trimmed.count == bytes.count ? bytes : Array(trimmed))
        }
        do {
            return verifyDocument(try JSONParser(limits: configuration.jsonLimits).parse(bytes))
        } catch {
            return Self.parseFailure("not a credential: \(error)", envelope: "none")
        }
    }

    /// Verifies a compact JWS (VC-JWT).
    public func verify(jwt: String) -> VerificationResult {
        verify(jwsBytes: Array(jwt.utf8))
    }

    private func verify(jwsBytes: [UInt8]) -> VerificationResult {
        let jws: CompactJWS
        do {
            jws = try CompactJWS(bytes: jwsBytes, limits: configuration.jsonLimits, maxLength: configuration.maxJWSLength)
        } catch {
            return Self.parseFailure(error.message, envelope: "vc-jwt")
        }
        let credential = jws.credential
        var steps = [VerificationStep(.parse, .passed, "compact JWS")]
        do {
            let (signature, key) = try jws.verifySignature(resolver: configuration.keyResolver)
            steps.append(signature)
            if signature.outcome == .passed {
                if let mismatch = jws.claimMismatch() {
                    steps.append(VerificationStep(.keyBinding, .failed, mismatch))
                } else {
                    steps.append(binding(controller: key.controller, source: key.source, credential: credential))
                }
            }
        } catch {
            steps.append(Self.step(for: error))
        }
        return finish(steps: steps, credential: credential, envelope: "vc-jwt", checkStatus: true)
    }

    /// Verifies a parsed JSON credential with an embedded proof.
    public func verifyDocument(_ document: JSONValue) -> VerificationResult {
        verifyDocument(document, checkStatus: true)
    }

    func verifyDocument(_ document: JSONValue, checkStatus: Bool) -> VerificationResult {
        guard case .object(let credential) = document else { return Self.parseFailure("credential is not a JSON object", envelope: "none") }
        var steps: [VerificationStep] = []
        let types = credential["type"]?.asArray.compactMap(\.stringValue) ?? []
        guard credential["@context"] != nil, types.contains("VerifiableCredential") else {
            return Self.parseFailure("not a verifiable credential (needs @context and type VerifiableCredential)", envelope: "none")
        }
        steps.append(VerificationStep(.parse, .passed, "JSON-LD credential"))
        let proofs = credential["proof"]?.asArray.compactMap(\.objectValue) ?? []
        if proofs.isEmpty {
            steps.append(VerificationStep(.signature, .unverified, "no proof"))
            return finish(steps: steps, credential: credential, envelope: "none", checkStatus: checkStatus)
        }
        let suite = DataIntegrityProof(configuration: configuration)
        // Proof chains (`previousProof`) sign earlier proofs too; only stand-alone proofs are checked.
        let supported = proofs.filter { suite.suite(of: $0) != nil && $0["previousProof"] == nil }
        guard !supported.isEmpty else {
            let names = proofs.map(DataIntegrityProof.suiteName).joined(separator: ", ")
            steps.append(VerificationStep(.signature, .unverified, "unsupported proof suite \(names)"))
            return finish(steps: steps, credential: credential, envelope: "data-integrity", checkStatus: checkStatus)
        }
        // Every supported proof must verify; the binding is judged on the first one.
        var bindingStep: VerificationStep? = nil
        var signatureReasons: [String] = []
        for proof in supported {
            do {
                let outcome = try suite.verify(proof: proof, document: credential)
                if outcome.signature.outcome != .passed {
                    steps.append(outcome.signature)
                    return finish(steps: steps, credential: credential, envelope: "data-integrity", checkStatus: checkStatus)
                }
                signatureReasons.append(outcome.signature.reason)
                let b = binding(controller: outcome.controller, source: outcome.keySource ?? "", credential: credential)
                if bindingStep == nil || b.outcome == .failed { bindingStep = b }
            } catch {
                steps.append(Self.step(for: error))
                return finish(steps: steps, credential: credential, envelope: "data-integrity", checkStatus: checkStatus)
            }
        }
        steps.append(VerificationStep(.signature, .passed, signatureReasons.joined(separator: "; ")))
        if let bindingStep { steps.append(bindingStep) }
        return finish(steps: steps, credential: credential, envelope: "data-integrity", checkStatus: checkStatus)
    }

    /// The key's controller must be the credential's issuer.
    private func binding(controller: String?, source: String, credential: JSONObject) -> VerificationStep {
        let issuer = credential["issuer"]?.stringValue ?? credential["issuer"]?["id"]?.stringValue
        guard let issuer else { return VerificationStep(.keyBinding, .failed, "credential has no issuer id") }
        guard let controller else {
            return VerificationStep(.keyBinding, .unverified, "key from \(source) is not bound to any issuer")
        }
        if controller == issuer { return VerificationStep(.keyBinding, .passed, "key controlled by the issuer \(issuer) (\(source))") }
        return VerificationStep(.keyBinding, .failed, "key belongs to \(controller), not to the issuer \(issuer)")
    }

    private func finish(steps: [VerificationStep], credential: JSONObject, envelope: String, checkStatus: Bool) -> VerificationResult {
        var steps = steps
        let cryptographicallyOK = !steps.contains { $0.outcome == .failed }
        if cryptographicallyOK {
            steps.append(DateCheck.check(credential, now: configuration.now()))
            if checkStatus { steps.append(StatusCheck(verifier: self).check(credential)) }
            steps.append(trust(credential))
        }
        var nested: [VerificationResult] = []
        let inner = configuration.verifyNestedCredentials
            ? credential["credentialSubject"]?.asArray.first?["verifiableCredential"]?.asArray ?? [] : []
        for (i, item) in inner.enumerated() {
            if i >= configuration.maxNestedCredentials {
                steps.append(VerificationStep(.parse, .unverified, "more than \(configuration.maxNestedCredentials) nested credentials; the rest were not checked"))
                break
            }
            if let jwt = item.stringValue { nested.append(verify(jwt: jwt)) } else { nested.append(verifyDocument(item, checkStatus: checkStatus)) }
        }
        // The claims of nested credentials come from their own verification (read once), and only
        // when they were verified at all: unchecked claims must not ride on the outer verdict.
        let claims = AchievementCredential(document: .object(credential), nested: nested.compactMap(\.credential))
        return VerificationResult(steps: steps, envelope: envelope, credential: claims, nested: nested)
    }

    private func trust(_ credential: JSONObject) -> VerificationStep {
        guard !configuration.trustedIssuers.isEmpty else { return VerificationStep(.issuerTrust, .skipped, "no trusted issuer list configured") }
        let issuer = credential["issuer"]?.stringValue ?? credential["issuer"]?["id"]?.stringValue ?? ""
        if configuration.trustedIssuers.contains(issuer) { return VerificationStep(.issuerTrust, .passed, "issuer \(issuer) is trusted") }
        return VerificationStep(.issuerTrust, .unverified, "issuer \(issuer) is not on the trusted list")
    }

    static func step(for error: CredentialError) -> VerificationStep {
        switch error.kind {
        case .unsupported, .fetch, .contextNotBundled: return VerificationStep(.signature, .unverified, error.message)
        case .key where error.message.hasPrefix("cannot resolve"): return VerificationStep(.signature, .unverified, error.message)
        default: return VerificationStep(.signature, .failed, error.message)
        }
    }

    static func parseFailure(_ reason: String, envelope: String) -> VerificationResult {
        VerificationResult(steps: [VerificationStep(.parse, .failed, reason)], envelope: envelope, credential: nil)
    }
}
