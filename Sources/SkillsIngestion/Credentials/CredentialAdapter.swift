import Foundation
import SkillsCore
import SkillsCredentials

/// Open Badges 3.0 and CLR 2.0 credentials, attached to a candidate.
///
/// An item is either an envelope `{"candidateId": "c-17", "credential": {…} | "<VC-JWT>"}` or the
/// bare credential, whose `credentialSubject.id` is then the candidate id (the envelope wins when
/// both are present). The draft is a `merge` into that candidate: its skills are the achievements'
/// alignments (`targetUrl`, `targetCode`, `targetName`, `targetFramework`) and the extractor's hits
/// in the achievement name, description and criteria; results whose status is not a pass are
/// ignored (their alignments add nothing). A CLR contributes each nested credential with its own verdict; an `invalid` CLR
/// contributes nothing.
public struct CredentialAdapter: IngestAdapter {
    public let format: IngestFormat
    private let check: CredentialChecker

    /// - Parameter check: the verifier; by default claims are read and marked `not_verified`.
    public init(format: IngestFormat, check: @escaping CredentialChecker = CredentialCheck.notVerified) {
        precondition(format == .ob3 || format == .clr, "CredentialAdapter reads ob3 or clr")
        self.format = format
        self.check = check
    }

    public func drafts(from document: JSONValue, context: IngestContext) throws(IngestError) -> [EntityDraft] {
        guard document.objectValue != nil else { throw IngestError(.invalidField, field: "$", "must be an object") }
        let credentialValue: JSONValue
        var candidateID = context.candidateID
        if let envelope = document["credential"] {
            credentialValue = envelope
            if let value = document["candidateId"] {
                guard let id = value.stringValue, !id.isEmpty else { throw .invalid("candidateId", "must be a non-empty string") }
                candidateID = id
            }
        } else {
            credentialValue = document
        }
        guard credentialValue.objectValue != nil || credentialValue.stringValue != nil else {
            throw .invalid("credential", "must be a credential object or a VC-JWT string")
        }
        guard let verdict = check(credentialValue), let credential = verdict.credential else {
            throw .invalid("credential", "a VC-JWT needs the verifier to read its claims")
        }
        guard let subject = candidateID ?? credential.subjectID, !subject.isEmpty else {
            throw IngestError(.missingField, field: "candidateId", "is required (or credentialSubject.id)")
        }
        guard subject.count <= 256, !subject.contains("/") else {
            throw .invalid("candidateId", "must be 1…256 characters without '/'")
        }
        let stored = credentialValue.stringValue.map { Data($0.utf8) } ?? Data(credentialValue.serializedBytes())
        var evidence: [CredentialEvidence] = []
        if credential.isCLR {
            if verdict.status != .invalid {
                // Each nested credential goes with its own verdict (and the claims that verdict read),
                // never with a neighbour's: pairing by position breaks when one cannot be parsed.
                let pairs: [(AchievementCredential, CredentialCheck)] = verdict.nested.isEmpty
                    ? credential.nested.map { ($0, verdict) }  // no nested verdicts (no verifier): the outer one
                    : verdict.nested.compactMap { check in check.credential.map { ($0, check) } }
                for (nested, nestedVerdict) in pairs {
                    evidence.append(Self.evidence(nested, verdict: nestedVerdict, record: Data(), fallbackIssuer: credential.issuer))
                }
            }
            if credential.achievement != nil {
                evidence.append(Self.evidence(credential, verdict: verdict, record: Data(), fallbackIssuer: credential.issuer))
            }
            // The CLR document and its full verdict are stored once, on the first evidence.
            if evidence.isEmpty {
                evidence.append(CredentialEvidence(name: credential.name ?? "CLR", issuer: Self.issuerName(credential.issuer), status: verdict.status))
            }
            evidence[0].document = stored
            evidence[0].record = verdict.record
        } else {
            evidence.append(Self.evidence(credential, verdict: verdict, record: verdict.record, fallbackIssuer: credential.issuer))
            evidence[0].document = stored
        }
        return [EntityDraft(operation: .merge, entity: .candidate(Candidate(id: subject)), credentials: evidence)]
    }

    static func evidence(
        _ credential: AchievementCredential, verdict: CredentialCheck, record: Data, fallbackIssuer: AchievementCredential.Issuer
    ) -> CredentialEvidence {
        // The achievement's alignments, then those of results that are a pass; others are ignored.
        var alignments = credential.achievement?.alignments ?? []
        for result in credential.results where result.isPass { alignments += result.alignments }
        let skills = alignments.compactMap(Self.reference)
        var texts: [String] = []
        if let achievement = credential.achievement {
            texts = [achievement.name, achievement.description, achievement.criteriaNarrative].compactMap { $0 }
        }
        let issuer = credential.issuer.name != nil || credential.issuer.id != nil ? credential.issuer : fallbackIssuer
        var evidence = CredentialEvidence(
            name: credential.achievement?.name ?? credential.name ?? "credential", issuer: issuerName(issuer),
            status: verdict.status, reason: verdict.reason, skills: Array(Set(skills)).sorted { ($0.id ?? $0.label ?? "") < ($1.id ?? $1.label ?? "") },
            texts: texts)
        evidence.record = record
        return evidence
    }

    static func reference(_ alignment: AchievementCredential.Alignment) -> SkillReference? {
        let reference = SkillReference(
            id: alignment.targetURL, code: alignment.targetCode, label: alignment.targetName, framework: alignment.targetFramework)
        return reference.isEmpty ? nil : reference
    }

    static func issuerName(_ issuer: AchievementCredential.Issuer) -> String {
        issuer.name ?? issuer.id ?? "unknown issuer"
    }
}
