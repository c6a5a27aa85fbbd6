import SkillsCore
import SkillsEngine
import SkillsHTTP
import SkillsTaxonomy

/// Skills autocomplete and detail, occupations, and `POST /v1/extract`. Any valid key may call them.
extension APIService {
    func addTaxonomyRoutes(to router: inout Router) {
        let search = TaxonomySearch(engine.taxonomy)
        router.get("/v1/skills") { request, context in
            _ = try Principal.from(context)
            let query = try Self.requiredQuery(request, "q")
            let limit = try request.intQuery("limit", in: 1...100, default: 10)
            let hits: [JSONValue] = search.search(query, limit: limit).map { hit in
                let skill = engine.taxonomy[hit.skill]
                return .object(JSONObject([
                    "id": .string(skill.id), "key": .string(Self.pathKey(ofSkill: skill.id)), "label": .string(skill.label), "matchedLabel": .string(hit.matchedLabel),
                    "type": .string(skill.type.rawValue), "score": .number(JSONNumber((hit.score * 1000).rounded() / 1000)),
                ]))
            }
            return .json(.object(JSONObject(["items": .array(hits)])))
        }
        router.get("/v1/skills/:id") { _, context in
            _ = try Principal.from(context)
            let key = try context.parameter("id")
            // ESCO ids are URIs, whose '/' cannot sit in one path segment: they are addressed by
            // their last segment (the UUID); O*NET technology ids (`onet-tech:python`) as they are.
            guard let index = engine.taxonomy.index(of: key) ?? engine.taxonomy.index(of: Self.escoSkillPrefix + key) else {
                throw APIError(.skillNotFound, "No skill with id '\(key)'.")
            }
            let id = engine.taxonomy[index].id
            let skill = engine.taxonomy[index]
            let related: [JSONValue] = engine.related.related(to: index).prefix(10).map { entry in
                .object(JSONObject([
                    "id": .string(engine.taxonomy[entry.skill].id), "label": .string(engine.taxonomy[entry.skill].label),
                    "similarity": .number(JSONNumber((Double(entry.similarity) * 1000).rounded() / 1000)),
                ]))
            }
            return .json(.object(JSONObject([
                "id": .string(skill.id), "label": .string(skill.label), "type": .string(skill.type.rawValue),
                "altLabels": .array(skill.altLabels.map(JSONValue.string)), "description": .string(skill.description),
                "broader": .array(engine.taxonomy.broader(of: id).map(JSONValue.string)),
                "narrower": .array(engine.taxonomy.narrower(of: id).map(JSONValue.string)),
                "related": .array(related),
            ])))
        }
        let occupations = OccupationSearch(taxonomy: engine.taxonomy)
        router.get("/v1/occupations") { request, context in
            _ = try Principal.from(context)
            let query = try Self.requiredQuery(request, "q")
            let limit = try request.intQuery("limit", in: 1...100, default: 10)
            let items: [JSONValue] = occupations.search(query, limit: limit).map { occupation in
                .object(JSONObject([
                    "code": .string(occupation.id), "title": .string(occupation.title), "socCode": .string(occupation.socCode),
                ]))
            }
            return .json(.object(JSONObject(["items": .array(items)])))
        }
        router.get("/v1/occupations/:code") { _, context in
            _ = try Principal.from(context)
            let code = try context.parameter("code")
            guard let occupation = engine.taxonomy.occupation(id: code) else {
                throw APIError(.occupationNotFound, "No occupation with code '\(code)'.")
            }
            let profile: [JSONValue] = engine.taxonomy.profile(ofOccupation: code).prefix(30).map { weight in
                .object(JSONObject([
                    "id": .string(engine.taxonomy[weight.skill].id), "label": .string(engine.taxonomy[weight.skill].label),
                    "weight": .number(JSONNumber((Double(weight.weight) * 1000).rounded() / 1000)),
                ]))
            }
            var wages: JSONValue = .null
            if let national = engine.taxonomy.wages.wage(socCode: occupation.socCode) {
                func number(_ value: Float?) -> JSONValue { value.map { .number(JSONNumber(Double($0))) } ?? .null }
                wages = .object(JSONObject([
                    "area": .string("national"),
                    "employment": national.employment.map { .number(JSONNumber($0)) } ?? .null,
                    "annualMean": number(national.annualMean), "annualMedian": number(national.annualMedian),
                    "annualP10": number(national.annualP10), "annualP90": number(national.annualP90),
                    "hourlyMean": number(national.hourlyMean),
                ]))
            }
            return .json(.object(JSONObject([
                "code": .string(occupation.id), "title": .string(occupation.title), "description": .string(occupation.description),
                "socCode": .string(occupation.socCode), "alternateTitles": .array(occupation.alternateTitles.prefix(20).map(JSONValue.string)),
                "tasks": .array(occupation.tasks.map(JSONValue.string)), "skills": .array(profile), "wages": wages,
            ])))
        }
        router.post("/v1/extract") { request, context in
            _ = try Principal.from(context)
            let body = BodyReader(object: try request.jsonObject())
            guard let text = try body.string("text") else { throw APIError(.invalidBody, "$.text is required.") }
            let skills: [JSONValue] = engine.extractor.extract(text).map { found in
                .object(JSONObject([
                    "id": .string(found.id), "label": .string(found.label), "type": .string(found.type.rawValue),
                    "confidence": .number(JSONNumber((found.confidence * 1000).rounded() / 1000)),
                ]))
            }
            return .json(.object(JSONObject(["skills": .array(skills)])))
        }
    }

    static let escoSkillPrefix = "http://data.europa.eu/esco/skill/"

    /// The path segment that addresses a skill in `GET /v1/skills/{id}`.
    static func pathKey(ofSkill id: String) -> String {
        id.hasPrefix(escoSkillPrefix) ? String(id.dropFirst(escoSkillPrefix.count)) : id
    }

    static func requiredQuery(_ request: HTTPRequest, _ name: String) throws(APIError) -> String {
        guard let value = request.query(name), !value.allSatisfy(\.isWhitespace) else {
            throw APIError(.invalidParameter, "Query parameter '\(name)' is required.")
        }
        guard value.count <= 200 else { throw APIError(.invalidParameter, "Query parameter '\(name)' is longer than 200 characters.") }
        return value
    }
}
