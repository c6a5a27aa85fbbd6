/// The overall verdict on a credential.
public enum VerificationStatus: String, Sendable, Codable {
    /// Every step passed: the skills it claims can be trusted as issued.
    case verified
    /// Nothing is wrong, but something could not be checked (no proof, unsupported suite,
    /// status list unreachable, issuer not on the trusted list, key not bound).
    case unverified
    /// Something is wrong: bad signature, key of another issuer, expired, revoked, malformed.
    case invalid
}

/// The checks the verifier runs on each credential.
public enum VerificationStepKind: String, Sendable, Codable, CaseIterable {
    case parse
    case signature
    case keyBinding
    case dates
    case status
    case issuerTrust
}

/// What one check concluded.
public enum StepOutcome: String, Sendable, Codable {
    case passed
    case failed
    /// Could not be checked; see the reason.
    case unverified
    /// Not applicable (no status entry, no trusted-issuer list configured…).
    case skipped
}

/// One check and why it ended the way it did.
public struct VerificationStep: Sendable, Codable, Equatable {
    public var kind: VerificationStepKind
    public var outcome: StepOutcome
    public var reason: String

    public init(_ kind: VerificationStepKind, _ outcome: StepOutcome, _ reason: String) {
        self.kind = kind
        self.outcome = outcome
        self.reason = reason
    }
}

/// The verdict on one credential, with each step, and the nested credentials of a CLR.
public struct VerificationResult: Sendable, Codable {
    public var status: VerificationStatus
    /// The first reason that decided the status (or "all checks passed").
    public var reason: String
    public var steps: [VerificationStep]
    /// `"data-integrity"`, `"vc-jwt"` or `"none"`.
    public var envelope: String
    public var credentialID: String?
    public var issuerID: String?
    public var issuerName: String?
    /// Results of `credentialSubject.verifiableCredential[]` in a CLR, each verified on its own.
    public var nested: [VerificationResult]
    /// What the credential claims (present when it could be parsed).
    public var credential: AchievementCredential?

    public init(steps: [VerificationStep], envelope: String, credential: AchievementCredential?, nested: [VerificationResult] = []) {
        self.steps = steps
        self.envelope = envelope
        self.credential = credential
        self.credentialID = credential?.id
        self.issuerID = credential?.issuer.id
        self.issuerName = credential?.issuer.name
        self.nested = nested
        if let failed = steps.first(where: { $0.outcome == .failed }) {
            status = .invalid
            reason = "\(failed.kind.rawValue): \(failed.reason)"
        } else if let open = steps.first(where: { $0.outcome == .unverified }) {
            status = .unverified
            reason = "\(open.kind.rawValue): \(open.reason)"
        } else {
            status = .verified
            reason = "all checks passed"
        }
    }

    /// The outcome of one step (`nil` when it was not reached).
    public func step(_ kind: VerificationStepKind) -> VerificationStep? { steps.first { $0.kind == kind } }
}
