import SkillsCore
import SkillsEngine
import SkillsHTTP
import SkillsIndex

/// `POST /v1/search`: skills and/or free text over one kind, with filters and facets.
extension APIService {
    func addSearchRoutes(to router: inout Router) {
        router.post("/v1/search") { request, context in
            let principal = try Principal.from(context)
            try principal.require(.employer, .learner, .analyst, action: "search")
            let body = BodyReader(object: try request.jsonObject())
            guard let targetText = try body.string("to") else { throw APIError(.invalidBody, "$.to is required (jobs, candidates or programs).") }
            let kind = try Self.kind(targetText)
            if kind == .candidate && principal.role == .learner {
                throw APIError(.forbidden, "A learner key may not search candidates.")
            }
            var filters = try Self.filters(body)
            if principal.role.seesOnlyConsentingCandidates { filters.consentingOnly = true }
            var facets: [FacetField] = []
            for (index, name) in try body.strings("facets").enumerated() {
                guard let field = FacetField(rawValue: name) else {
                    throw APIError(.invalidBody, "$.facets[\(index)]: '\(name)' is not a facet; use \(FacetField.allCases.map(\.rawValue).joined(separator: ", ")).")
                }
                facets.append(field)
            }
            let found = try engine.search(
                skills: try body.strings("skills"), text: try body.string("text") ?? "", kind: kind, filters: filters,
                limit: try body.int("limit", in: 1...1000) ?? 10, cursor: try body.string("cursor"), facets: facets)
            let snapshot = engine.snapshot
            let hits: [JSONValue] = found.result.hits.map { hit in
                let entity = snapshot.entity(hit.id)
                return .object(JSONObject([
                    "kind": .string(kind.rawValue), "id": .string(entity?.id ?? ""), "title": .string(entity?.title ?? ""),
                    "score": .number(JSONNumber(Double((hit.score * 1000).rounded() / 1000))),
                ]))
            }
            let facetMembers = found.facets.sorted { $0.key.rawValue < $1.key.rawValue }.map { field, counts in
                JSONObject.Member(key: field.rawValue, value: .object(JSONObject(members: counts.sorted { $0.key < $1.key }.map {
                    .init(key: $0.key, value: .number(JSONNumber($0.value)))
                })))
            }
            return .json(.object(JSONObject([
                "hits": .array(hits),
                "nextCursor": found.result.nextCursor.map { .string($0.token) } ?? .null,
                "facets": .object(JSONObject(members: facetMembers)),
            ])))
        }
    }
}
