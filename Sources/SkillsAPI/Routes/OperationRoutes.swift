import SkillsCore
import SkillsEngine
import SkillsHTTP

/// `/healthz`, `/readyz`, `/metrics`, `/openapi.json`: no key needed.
extension APIService {
    func addOperationRoutes(to router: inout Router) {
        router.get("/healthz") { _, _ in .json(.object(JSONObject(["status": .string("ok")]))) }
        router.get("/readyz") { [engine] _, _ in
            // The engine is constructed only once the taxonomy is loaded and the index rebuilt, so a
            // running service is ready; the counts show what it serves.
            let counts = engine.counts()
            let members = EntityKind.allCases.map { JSONObject.Member(key: $0.plural, value: .number(JSONNumber(counts[$0] ?? 0))) }
            return .json(.object(JSONObject([
                "status": .string("ready"),
                "skills": .number(JSONNumber(engine.taxonomy.skills.count)),
                "index": .object(JSONObject(members: members)),
            ])))
        }
        router.get("/metrics") { [metrics] _, _ in metrics.response() }
        router.get("/openapi.json") { _, _ in
            HTTPResponse(status: .ok, headers: ["Content-Type": "application/json"], body: OpenAPIDocument.bytes)
        }
    }
}
