import SkillsCore
import SkillsEngine
import SkillsHTTP
import SkillsIndex

/// `PUT/GET/DELETE /v1/{kind}/{id}` and `GET /v1/{kind}` (list).
extension APIService {
    func addEntityRoutes(to router: inout Router) {
        router.get("/v1/:kind") { request, context in
            let principal = try Principal.from(context)
            let kind = try Self.kind(context.parameter("kind"))
            try Self.authorizeRead(principal, kind: kind, id: nil)
            let limit = try request.intQuery("limit", in: 1...1000, default: 50)
            let after = request.query("after")
            let page = try engine.list(kind: kind, limit: limit, after: after)
            let visible = page.entities.filter { Self.visible($0, to: principal) }
            let items = try visible.map { try renderer.entity($0, redactingPersonalData: principal.role.redactsPersonalData) }
            return .json(.object(JSONObject([
                "items": .array(items), "nextCursor": page.nextCursor.map(JSONValue.string) ?? .null,
            ])))
        }
        router.get("/v1/:kind/:id") { _, context in
            let principal = try Principal.from(context)
            let kind = try Self.kind(context.parameter("kind"))
            let id = try context.parameter("id")
            try Self.authorizeRead(principal, kind: kind, id: id)
            guard let entity = try engine.entity(kind: kind, id: id), Self.visible(entity, to: principal) else {
                throw APIError(.entityNotFound, "No \(kind.rawValue) with id '\(id)'.")
            }
            return .json(try renderer.entity(entity, redactingPersonalData: principal.role.redactsPersonalData))
        }
        router.put("/v1/:kind/:id") { request, context in
            let principal = try Principal.from(context)
            let kind = try Self.kind(context.parameter("kind"))
            let id = try context.parameter("id")
            try Self.authorizeWrite(principal, kind: kind, id: id)
            let body = try request.jsonObject()
            let (entity, outcome) = try engine.put(kind: kind, id: id, json: .object(body))
            let rendered = try renderer.entity(entity, redactingPersonalData: principal.role.redactsPersonalData)
            return .json(
                .object(JSONObject(["outcome": .string(outcome.rawValue), "entity": rendered])),
                status: outcome == .created ? .created : .ok)
        }
        router.delete("/v1/:kind/:id") { _, context in
            let principal = try Principal.from(context)
            let kind = try Self.kind(context.parameter("kind"))
            let id = try context.parameter("id")
            try Self.authorizeWrite(principal, kind: kind, id: id)
            guard try engine.delete(kind: kind, id: id) else {
                throw APIError(.entityNotFound, "No \(kind.rawValue) with id '\(id)'.")
            }
            return HTTPResponse(status: .noContent)
        }
    }

    /// A writable entity kind from its URL plural.
    static func kind(_ plural: String) throws(APIError) -> EntityKind {
        guard let kind = EntityKind(plural: plural), kind != .occupation else { throw APIError.unknownKind(plural) }
        return kind
    }

    /// Read access by role (consent is checked per entity by ``visible(_:to:)``).
    static func authorizeRead(_ principal: Principal, kind: EntityKind, id: String?) throws(APIError) {
        guard kind == .candidate else { return }  // jobs and programs are public to every key
        switch principal.role {
        case .admin, .ingest, .analyst, .employer: return
        case .learner:
            guard let id, id == principal.candidateID else {
                throw APIError(.forbidden, "A learner key may read only its own candidate.")
            }
        }
    }

    static func authorizeWrite(_ principal: Principal, kind: EntityKind, id: String) throws(APIError) {
        switch (principal.role, kind) {
        case (.admin, _), (.ingest, _), (.employer, .job): return
        case (.learner, .candidate):
            guard id == principal.candidateID else {
                throw APIError(.forbidden, "A learner key may edit only its own candidate.")
            }
        default:
            throw APIError(.forbidden, "The \(principal.role.rawValue) role may not write \(kind.plural).")
        }
    }

    /// Employers see only candidates who consented to be found; everything else is visible once
    /// the role check passed.
    static func visible(_ entity: Entity, to principal: Principal) -> Bool {
        guard principal.role.seesOnlyConsentingCandidates, case .candidate(let candidate) = entity else { return true }
        return candidate.consentToBeFound
    }
}
