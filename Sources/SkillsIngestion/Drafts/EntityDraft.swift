import Foundation
import SkillsCore

/// What an adapter makes of one input document: the entity's fields, the skills the document names,
/// and the free text to extract more skills from.
///
/// Adapters know formats, not the taxonomy: the entity's own skill lists are left empty and are
/// filled by ``DraftResolver`` from ``skills`` and ``texts``.
public struct EntityDraft: Sendable {
    public enum Operation: String, Sendable {
        case upsert
        case delete
        /// Add to the stored entity instead of replacing it (a credential attached to a candidate).
        case merge
    }

    public var operation: Operation
    /// The entity with every field but its skills.
    public var entity: Entity
    /// Skills named explicitly by the document.
    public var skills: [SkillReference]
    /// Text to run the extractor over (title, description, criteria…), most specific first.
    public var texts: [String]
    /// Credentials found in the document (for candidates), kept with their verification outcome.
    public var credentials: [CredentialEvidence]

    public init(
        operation: Operation = .upsert, entity: Entity, skills: [SkillReference] = [], texts: [String] = [],
        credentials: [CredentialEvidence] = []
    ) {
        self.operation = operation
        self.entity = entity
        self.skills = skills
        self.texts = texts
        self.credentials = credentials
    }

    public var kind: EntityKind { entity.kind }
    public var id: String { entity.id }
}

/// A credential attached to a candidate: what it claims and whether its proof verified.
public struct CredentialEvidence: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable {
        case verified
        case unverified
        case invalid
        /// Not checked (no verifier configured).
        case notVerified = "not_verified"
    }

    public var name: String
    public var issuer: String
    public var status: Status
    /// Why it is not verified, when it is not.
    public var reason: String?
    /// The skills the credential attests (its alignments), and its text for extraction.
    public var skills: [SkillReference]
    public var texts: [String]
    /// The credential document as received, to store with the candidate (`nil`: nothing to store).
    public var document: Data?
    /// The verifier's result to store with the document.
    public var record: Data = Data()

    public init(
        name: String, issuer: String, status: Status, reason: String? = nil, skills: [SkillReference] = [],
        texts: [String] = [], document: Data? = nil
    ) {
        self.document = document
        self.name = name
        self.issuer = issuer
        self.status = status
        self.reason = reason
        self.skills = skills
        self.texts = texts
    }
}
