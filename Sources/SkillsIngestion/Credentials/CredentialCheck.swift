import Foundation
import SkillsCore
import SkillsCredentials

/// The verdict on one credential document, given to ``CredentialAdapter`` by whoever verifies it.
///
/// Verification lives outside the adapter (the engine runs ``CredentialVerifier``) so the adapter
/// stays a pure mapping from document to draft, and tests can inject any verdict.
public struct CredentialCheck: Sendable {
    public var status: CredentialEvidence.Status
    /// Why it is not verified, when it is not.
    public var reason: String?
    /// What the credential claims, when the checker parsed it (required for a VC-JWT string).
    public var credential: AchievementCredential?
    /// The verdicts of a CLR's nested credentials, in document order.
    public var nested: [CredentialCheck]
    /// What is stored next to the credential (the verifier's full result, as JSON).
    public var record: Data

    public init(
        status: CredentialEvidence.Status, reason: String? = nil, credential: AchievementCredential? = nil,
        nested: [CredentialCheck] = [], record: Data = Data()
    ) {
        self.status = status
        self.reason = reason
        self.credential = credential
        self.nested = nested
        self.record = record
    }

    /// The verdict when no verifier is configured: claims parsed, nothing checked.
    public static func notVerified(_ document: JSONValue) -> CredentialCheck? {
        guard document.objectValue != nil else { return nil }
        let record = Data(#"{"status":"not_verified","reason":"no verifier configured"}"#.utf8)
        return CredentialCheck(
            status: .notVerified, reason: "no verifier configured", credential: AchievementCredential(document: document),
            record: record)
    }
}

/// Verifies one credential (a JSON object, or a VC-JWT as a JSON string).
public typealias CredentialChecker = @Sendable (_ credential: JSONValue) -> CredentialCheck?
