import SkillsCore

/// Verifies embedded Data Integrity proofs: `eddsa-rdfc-2022` (and its old name `eddsa-2022`),
/// legacy `Ed25519Signature2020`, `eddsa-jcs-2022` and `ecdsa-jcs-2019`.
///
/// All use `hash = SHA-256(canonical proof options) ‖ SHA-256(canonical document)`, where the
/// canonical form is RDFC-1.0 over safe-mode JSON-LD, or RFC 8785 JCS.
struct DataIntegrityProof {
    enum Canonicalization { case rdfc, jcs }

    let configuration: VerifierConfiguration

    /// The outcome of one proof: signature step, and the key's controller for the binding step.
    struct Outcome {
        var signature: VerificationStep
        var controller: String?
        var keySource: String?
    }

    func suite(of proof: JSONObject) -> (Canonicalization, KeyType)? {
        switch (proof["type"]?.stringValue, proof["cryptosuite"]?.stringValue) {
        case ("Ed25519Signature2020", _): return (.rdfc, .ed25519)
        case ("DataIntegrityProof", "eddsa-rdfc-2022"), ("DataIntegrityProof", "eddsa-2022"): return (.rdfc, .ed25519)
        case ("DataIntegrityProof", "eddsa-jcs-2022"): return (.jcs, .ed25519)
        case ("DataIntegrityProof", "ecdsa-jcs-2019"): return (.jcs, .p256)
        default: return nil
        }
    }

    static func suiteName(_ proof: JSONObject) -> String {
        [proof["type"]?.stringValue, proof["cryptosuite"]?.stringValue].compactMap { $0 }.joined(separator: "/")
    }

    func verify(proof: JSONObject, document: JSONObject) throws(CredentialError) -> Outcome {
        guard let (canonicalization, keyType) = suite(of: proof) else {
            throw CredentialError(.unsupported, "unsupported proof suite \(Self.suiteName(proof))")
        }
        guard proof["proofPurpose"]?.stringValue == "assertionMethod" else {
            throw CredentialError(.signature, "proofPurpose must be assertionMethod")
        }
        guard let method = proof["verificationMethod"]?.stringValue ?? proof["verificationMethod"]?["id"]?.stringValue else {
            throw CredentialError(.malformed, "proof has no verificationMethod")
        }
        guard let proofValue = proof["proofValue"]?.stringValue else { throw CredentialError(.malformed, "proof has no proofValue") }
        guard proofValue.hasPrefix("z") else { throw CredentialError(.malformed, "proofValue must be base58btc multibase ('z')") }
        let signature = try Base58.decode(proofValue.dropFirst(), maxLength: 200)
        guard signature.count == 64 else { throw CredentialError(.malformed, "signature must be 64 bytes, got \(signature.count)") }
        let resolved = try configuration.keyResolver.resolve(method)
        guard resolved.key.type == keyType else {
            throw CredentialError(.key, "wrong key type: \(Self.suiteName(proof)) needs \(keyType.rawValue), \(method) is \(resolved.key.type.rawValue)")
        }
        var unsecured = document
        unsecured["proof"] = nil
        var options = proof
        options["proofValue"] = nil
        let hashData: [UInt8]
        switch canonicalization {
        case .rdfc:
            options["@context"] = document["@context"]
            let processor = JSONLDProcessor(options: configuration.jsonLD)
            let canonicalizer = RDFCanonicalizer(maxWork: configuration.canonicalizationWorkLimit)
            let optionsCanon = try processor.canonicalize(.object(options), canonicalizer: canonicalizer)
            let documentCanon = try processor.canonicalize(.object(unsecured), canonicalizer: canonicalizer)
            hashData = SHA256.hash(Array(optionsCanon.utf8)) + SHA256.hash(Array(documentCanon.utf8))
        case .jcs:
            if let proofContext = proof["@context"] {
                let documentContext = document["@context"]?.asArray ?? []
                let required = proofContext.asArray
                guard documentContext.count >= required.count, Array(documentContext.prefix(required.count)) == required else {
                    throw CredentialError(.signature, "document @context does not start with the proof's @context")
                }
                unsecured["@context"] = proofContext
            }
            hashData = SHA256.hash(try JCS.canonicalize(.object(options))) + SHA256.hash(try JCS.canonicalize(.object(unsecured)))
        }
        guard resolved.key.verify(signature: signature, message: hashData) else {
            return Outcome(signature: VerificationStep(.signature, .failed, "\(Self.suiteName(proof)) signature does not verify (document altered or wrong key)"),
                           controller: resolved.controller, keySource: resolved.source)
        }
        return Outcome(signature: VerificationStep(.signature, .passed, "\(Self.suiteName(proof)) signature verified with \(resolved.source) key"),
                       controller: resolved.controller, keySource: resolved.source)
    }
}
