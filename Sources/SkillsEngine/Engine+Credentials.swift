import Foundation
import SkillsCore
import SkillsCredentials
import SkillsIngestion
import SkillsStorage

extension Engine {
    /// The ingestion processor with OB 3.0 / CLR 2.0 adapters that run the credential verifier.
    ///
    /// A credential's skills become `verified` (with the issuer's name) when every verification
    /// step passed, `credentialBacked` when something could not be checked, and are dropped when it
    /// is `invalid`; the verdict, step by step, is stored with the document (`CredentialStore`).
    func ingestProcessor(verifier: VerifierConfiguration = VerifierConfiguration()) throws -> IngestProcessor {
        let checker = try Self.credentialChecker(configuration: verifier)
        return IngestProcessor(resolver: DraftResolver(resolver: resolver))
            .adding(CredentialAdapter(format: .ob3, check: checker))
            .adding(CredentialAdapter(format: .clr, check: checker))
    }

    /// A checker backed by ``CredentialVerifier`` (offline: bundled contexts, no fetching).
    static func credentialChecker(configuration: VerifierConfiguration = VerifierConfiguration()) throws -> CredentialChecker {
        let verifier: CredentialVerifier
        do { verifier = try CredentialVerifier(configuration: configuration) } catch {
            throw EngineError(.invalidConfiguration, "credential verifier: \(error)")
        }
        return { value in
            let result: VerificationResult
            if let jwt = value.stringValue {
                result = verifier.verify(jwt: jwt)
            } else {
                result = verifier.verifyDocument(value)
            }
            return Self.check(result, fallback: value)
        }
    }

    static func check(_ result: VerificationResult, fallback: JSONValue) -> CredentialCheck {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        var stored = result
        stored.credential = nil  // the document is stored beside it
        stored.nested = stored.nested.map { var n = $0; n.credential = nil; return n }
        let record = (try? encoder.encode(stored)) ?? Data()
        let credential = result.credential ?? (fallback.objectValue != nil ? AchievementCredential(document: fallback) : nil)
        return CredentialCheck(
            status: status(result.status), reason: result.status == .verified ? nil : result.reason, credential: credential,
            nested: result.nested.map { check($0, fallback: .null) }, record: record)
    }

    static func status(_ status: VerificationStatus) -> CredentialEvidence.Status {
        switch status {
        case .verified: .verified
        case .unverified: .unverified
        case .invalid: .invalid
        }
    }

    /// The credentials stored for a candidate, with their verification results (JSON).
    public func credentials(candidateID: String) throws -> [StoredCredential] {
        try pool.with { try CredentialStore($0).list(candidateID: candidateID) }
    }
}

extension EnginePersisting {
    func entity(kind: EntityKind, storedDocument: Data) throws -> Entity {
        try codec.decodeStored(kind: kind, storedDocument)
    }
}
