import Foundation
import SkillsCore

/// What one queue item turns into.
public enum IngestOutcome: Sendable {
    /// Write this entity; `expiresAt` makes it leave results (a job's `validThrough`).
    case upsert(Entity, expiresAt: Date?)
    /// Remove this entity.
    case delete(kind: EntityKind, id: String)
    /// Merge into the stored candidate (``CandidateMerge``) and store the credentials' documents.
    case merge(Candidate, credentials: [CredentialEvidence])
}

/// Turns one stored item into entities: parse, detect or check the format, adapt, resolve skills.
///
/// An item may also be a delete envelope: `{"delete": {"kind": "job", "id": "J-1"}}`.
/// Pure given its resolver, so replaying an item gives the same result.
public struct IngestProcessor: Sendable {
    public let resolver: DraftResolver
    public var limits: JSONParser.Limits
    private let adapters: [IngestFormat: any IngestAdapter]

    public init(resolver: DraftResolver, limits: JSONParser.Limits = JSONParser.Limits(maxDepth: 64, maxBytes: 4 << 20)) {
        self.resolver = resolver
        self.limits = limits
        let all: [any IngestAdapter] = [
            JobPostingAdapter(), JDXAdapter(), CTDLAdapter(), ProfileAdapter(), ETPLAdapter(),
            CredentialAdapter(format: .ob3), CredentialAdapter(format: .clr),
        ]
        self.adapters = Dictionary(uniqueKeysWithValues: all.map { ($0.format, $0) })
    }

    /// Adds or replaces the adapter for its format (the engine adds credential adapters that verify).
    public func adding(_ adapter: any IngestAdapter) -> IngestProcessor {
        var copy = self
        var table = adapters
        table[adapter.format] = adapter
        copy = IngestProcessor(resolver: resolver, limits: limits, adapters: table)
        return copy
    }

    private init(resolver: DraftResolver, limits: JSONParser.Limits, adapters: [IngestFormat: any IngestAdapter]) {
        self.resolver = resolver
        self.limits = limits
        self.adapters = adapters
    }

    /// - Parameter declaredFormat: a format name, or `auto`/empty to detect it per item.
    public func process(_ payload: Data, declaredFormat: String, context: IngestContext) throws(IngestError) -> [IngestOutcome] {
        let document: JSONValue
        do {
            document = try JSONParser(limits: limits).parse(payload)
        } catch {
            throw IngestError(.malformed, "\(error)")
        }
        if let delete = document["delete"], document.objectValue?.count == 1 {
            guard let kindName = delete["kind"]?.text, let kind = EntityKind(rawValue: kindName) ?? EntityKind(plural: kindName) else {
                throw .invalid("delete.kind", "must be candidate, job or program")
            }
            guard let id = delete["id"]?.text else { throw .missing("delete.id") }
            return [.delete(kind: kind, id: id)]
        }
        let format = try Self.format(named: declaredFormat, document: document)
        guard let adapter = adapters[format] else {
            throw IngestError(.unknownFormat, "format '\(format.rawValue)' is not read from JSON items")
        }
        let drafts = try adapter.drafts(from: document, context: context)
        return try drafts.map { draft throws(IngestError) in
            switch draft.operation {
            case .delete:
                return .delete(kind: draft.kind, id: draft.id)
            case .merge:
                guard case .candidate(let candidate) = try resolver.entity(for: draft) else {
                    throw IngestError(.invalidField, "only candidates can be merged into")
                }
                return .merge(candidate, credentials: draft.credentials)
            case .upsert:
                let entity = try resolver.entity(for: draft)
                var expiresAt: Date?
                if case .job(let job) = entity { expiresAt = job.expiresOn }
                return .upsert(entity, expiresAt: expiresAt)
            }
        }
    }

    static func format(named name: String, document: JSONValue) throws(IngestError) -> IngestFormat {
        if name.isEmpty || name == "auto" {
            guard let detected = IngestFormat.detect(document) else {
                throw IngestError(.unknownFormat, "cannot detect the format; declare one of \(IngestFormat.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return detected
        }
        guard let format = IngestFormat(rawValue: name) else {
            throw IngestError(.unknownFormat, "unknown format '\(name)'; use one of \(IngestFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return format
    }
}
