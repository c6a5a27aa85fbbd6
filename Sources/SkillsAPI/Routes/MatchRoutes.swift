import SkillsCore
import SkillsEngine
import SkillsHTTP
import SkillsIndex
import SkillsRanking

/// `POST /v1/match` and its shortcut `GET /v1/{kind}/{id}/matches/{kind}`.
extension APIService {
    func addMatchRoutes(to router: inout Router) {
        router.post("/v1/match") { request, context in
            let principal = try Principal.from(context)
            let body = BodyReader(object: try request.jsonObject())
            if body.object["profile"] != nil {
                throw APIError(.adhocProfileNotSupported, "Matching from an ad-hoc profile is not supported yet; PUT the profile as a candidate and match from its id.")
            }
            guard let sourceObject = body.object["source"]?.objectValue else {
                throw APIError(.invalidBody, "$.source must be an object {\"kind\": \"candidates\", \"id\": \"…\"}.")
            }
            let source = BodyReader(object: sourceObject)
            guard let sourceKindText = try source.string("kind"), let sourceID = try source.string("id") else {
                throw APIError(.invalidBody, "$.source needs string members kind and id.")
            }
            guard let targetText = try body.string("to") else { throw APIError(.invalidBody, "$.to is required (jobs, candidates, programs or occupations).") }
            var goal: EntityKey?
            if let goalObject = body.object["goal"], !goalObject.isNull {
                let reader = BodyReader(object: goalObject.objectValue ?? JSONObject())
                guard let kindText = try reader.string("kind"), let id = try reader.string("id"),
                      let kind = EntityKind(plural: kindText) ?? EntityKind(rawValue: kindText) else {
                    throw APIError(.invalidBody, "$.goal must be {\"kind\": \"jobs\"|\"occupations\", \"id\": \"…\"}.")
                }
                goal = EntityKey(kind, id)
            }
            var weights: [String: Double] = [:]
            if let weightValue = body.object["weights"], !weightValue.isNull {
                guard let object = weightValue.objectValue else { throw APIError(.invalidBody, "$.weights must be an object of feature → number.") }
                for member in object {
                    guard let number = member.value.doubleValue else { throw APIError(.invalidBody, "$.weights.\(member.key) must be a number.") }
                    weights[member.key] = number
                }
            }
            let options = MatchOptions(
                limit: try body.int("limit", in: 1...1000) ?? 10, cursor: try body.string("cursor"),
                explain: try body.bool("explain") ?? false, filters: try Self.filters(body), weights: weights, goal: goal)
            return try match(principal, sourceKind: sourceKindText, sourceID: sourceID, target: targetText, options: options)
        }
        router.get("/v1/:kind/:id/matches/:target") { request, context in
            let principal = try Principal.from(context)
            let explain: Bool
            switch request.query("explain") {
            case nil, "false", "0": explain = false
            case "true", "1": explain = true
            default: throw APIError(.invalidParameter, "Query parameter 'explain' must be true or false.")
            }
            let options = MatchOptions(
                limit: try request.intQuery("limit", in: 1...1000, default: 10), cursor: request.query("cursor"),
                explain: explain, filters: FilterSet(), weights: [:], goal: nil)
            return try match(principal, sourceKind: context.parameter("kind"), sourceID: context.parameter("id"),
                             target: context.parameter("target"), options: options)
        }
    }

    struct MatchOptions {
        var limit: Int
        var cursor: String?
        var explain: Bool
        var filters: FilterSet
        var weights: [String: Double]
        var goal: EntityKey?
    }

    func match(_ principal: Principal, sourceKind: String, sourceID: String, target: String, options: MatchOptions) throws -> HTTPResponse {
        guard let sourceKind = EntityKind(plural: sourceKind) ?? EntityKind(rawValue: sourceKind) else { throw APIError.unknownKind(sourceKind) }
        guard let targetKind = EntityKind(plural: target) ?? EntityKind(rawValue: target) else { throw APIError.unknownKind(target) }
        try principal.require(.employer, .learner, .analyst, action: "run matches")
        if principal.role == .learner {
            guard sourceKind == .candidate, sourceID == principal.candidateID else {
                throw APIError(.forbidden, "A learner key may match only from its own candidate.")
            }
        }
        if principal.role.seesOnlyConsentingCandidates, sourceKind == .candidate {
            guard let entity = try engine.entity(kind: .candidate, id: sourceID), Self.visible(entity, to: principal) else {
                throw APIError(.entityNotFound, "No candidate with id '\(sourceID)'.")
            }
        }
        var request = MatchRequest(
            source: EntityKey(sourceKind, sourceID), direction: try Engine.direction(from: sourceKind, to: targetKind),
            limit: options.limit, filters: options.filters, weightOverrides: options.weights, cursor: options.cursor,
            explain: options.explain, employerView: principal.role != .admin, goal: options.goal)
        if principal.role.seesOnlyConsentingCandidates { request.filters.consentingOnly = true }
        let page = try engine.match(request)
        return .json(renderer.matches(page, source: request.source))
    }

    /// `$.filters` decoded as ``FilterSet``, defaults filled in for members clients may omit.
    static func filters(_ body: BodyReader) throws(APIError) -> FilterSet {
        guard let value = body.object["filters"], !value.isNull else { return FilterSet() }
        guard var object = value.objectValue else { throw APIError(.invalidBody, "$.filters must be an object.") }
        object = Self.withDefaults(object, ["remoteOnly": .bool(false), "consentingOnly": .bool(false)])
        if let near = object["near"]?.objectValue {
            object = Self.replacing(object, "near", .object(Self.withDefaults(near, ["includeRemote": .bool(true)])))
        }
        if let pay = object["pay"]?.objectValue {
            object = Self.replacing(object, "pay", .object(Self.withDefaults(pay, ["currency": .string("USD")])))
        }
        return try BodyReader(object: JSONObject(["filters": .object(object)])).decode(FilterSet.self, "filters") ?? FilterSet()
    }

    private static func withDefaults(_ object: JSONObject, _ defaults: KeyValuePairs<String, JSONValue>) -> JSONObject {
        var members = object.members
        for (key, value) in defaults where object[key] == nil || object[key]?.isNull == true {
            members.removeAll { $0.key == key }
            members.append(.init(key: key, value: value))
        }
        return JSONObject(members: members)
    }

    private static func replacing(_ object: JSONObject, _ key: String, _ value: JSONValue) -> JSONObject {
        JSONObject(members: object.members.filter { $0.key != key } + [.init(key: key, value: value)])
    }
}
