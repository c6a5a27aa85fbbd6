import Foundation
import SkillsAPI
import SkillsCore
import SkillsEngine
import Testing

/// Each endpoint's success and error paths.
@Suite struct EndpointTests {
    let fixture = APIFixture.shared

    @Test func entityLifecycle() throws {
        let body = APIFixture.jobBody.serialized()
        let created = try fixture.send("PUT", "/v1/jobs/j-lifecycle", role: .ingest, json: body)
        #expect(created.status == 201)
        #expect(created.json["outcome"]?.stringValue == "created")
        #expect(created.json["entity"]?["id"]?.stringValue == "j-lifecycle")
        let again = try fixture.send("PUT", "/v1/jobs/j-lifecycle", role: .ingest, json: body)
        #expect(again.status == 200)
        #expect(again.json["outcome"]?.stringValue == "unchanged")
        let fetched = try fixture.send("GET", "/v1/jobs/j-lifecycle", role: .analyst)
        #expect(fetched.status == 200)
        #expect(fetched.json["title"]?.stringValue == "Backend developer")
        #expect(try fixture.send("DELETE", "/v1/jobs/j-lifecycle", role: .ingest).status == 204)
        let gone = try fixture.send("GET", "/v1/jobs/j-lifecycle", role: .analyst)
        #expect(gone.status == 404)
        #expect(gone.code == "entity_not_found")
        #expect(try fixture.send("DELETE", "/v1/jobs/j-lifecycle", role: .ingest).status == 404)
    }

    @Test func entityErrors() throws {
        let unknownKind = try fixture.send("GET", "/v1/widgets/1", role: .admin)
        #expect(unknownKind.status == 400)
        #expect(unknownKind.code == "unknown_kind")
        #expect(try fixture.send("PUT", "/v1/occupations/x", role: .admin, json: "{}").code == "unknown_kind")
        let wrongType = try fixture.send("PUT", "/v1/jobs/j-bad", role: .admin, json: #"{"title": 42, "employer": "A"}"#)
        #expect(wrongType.status == 400)
        #expect(wrongType.code == "invalid_entity")
        let notObject = try fixture.send("PUT", "/v1/jobs/j-bad", role: .admin, json: "[1, 2]")
        #expect(notObject.code == "invalid_body")
        let mismatch = try fixture.send("PUT", "/v1/jobs/j-bad", role: .admin, json: #"{"id": "other"}"#)
        #expect(mismatch.status == 400)
        #expect(try fixture.send("GET", "/v1/jobs?limit=0", role: .admin).code == "invalid_parameter")
        #expect(try fixture.send("GET", "/v1/jobs?limit=abc", role: .admin).status == 400)
    }

    @Test func listPagesThroughEveryEntity() throws {
        for index in 0..<5 {
            _ = try fixture.send("PUT", "/v1/programs/p-page-\(index)", role: .admin, json: """
                {"title": "Python course \(index)", "provider": "College", "description": "Learn Python programming.", "skillsTaught": ["Python"],
                 "occupationCodes": [], "modality": "online", "credentialAwarded": "certificate", "startDates": [], "outcomes": {}}
                """)
        }
        var seen: [String] = []
        var cursor: String?
        repeat {
            let query = "/v1/programs?limit=2" + (cursor.map { "&after=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" } ?? "")
            let page = try fixture.send("GET", query, role: .admin)
            #expect(page.status == 200, "\(page.text)")
            let items = page.json["items"]?.asArray ?? []
            #expect(items.count <= 2)
            seen += items.compactMap { $0["id"]?.stringValue }
            cursor = page.json["nextCursor"]?.stringValue
        } while cursor != nil && seen.count < 100
        #expect(Set(seen).count == seen.count)
        #expect(seen == seen.sorted())
    }

    @Test func matchFromEntityWithExplanation() throws {
        let response = try fixture.send("POST", "/v1/match", role: .admin, json: """
            {"source": {"kind": "candidates", "id": "\(APIFixture.consenting)"}, "to": "jobs", "limit": 5, "explain": true,
             "filters": {"remoteOnly": true}}
            """)
        #expect(response.status == 200, "\(response.text)")
        let matches = response.json["matches"]?.asArray ?? []
        #expect(matches.contains { $0["id"]?.stringValue == APIFixture.job })
        #expect(matches.allSatisfy { $0["explanation"]?["contributions"] != nil })
        let scores = matches.compactMap { $0["score"]?.doubleValue }
        #expect(scores == scores.sorted(by: >))
        // Shortcut agrees with the body form.
        let shortcut = try fixture.send("GET", "/v1/candidates/\(APIFixture.consenting)/matches/jobs?limit=5", role: .admin)
        #expect(shortcut.status == 200)
        #expect((shortcut.json["matches"]?.asArray ?? []).count == matches.count)
    }

    @Test func matchErrors() throws {
        func post(_ body: String) throws -> TestResponse { try fixture.send("POST", "/v1/match", role: .admin, json: body) }
        #expect(try post(#"{"source": {"kind": "candidates", "id": "nobody"}, "to": "jobs"}"#).code == "entity_not_found")
        #expect(try post(#"{"source": {"kind": "candidates", "id": "c-consenting"}, "to": "candidates"}"#).status == 400)
        #expect(try post(#"{"source": {"kind": "candidates", "id": "c-consenting"}, "to": "gizmos"}"#).code == "unknown_kind")
        #expect(try post(#"{"profile": {"skills": ["Python"]}, "to": "jobs"}"#).code == "adhoc_profile_not_supported")
        #expect(try post(#"{"source": "c-consenting", "to": "jobs"}"#).code == "invalid_body")
        #expect(try post(#"{"source": {"kind": "candidates", "id": "c-consenting"}, "to": "jobs", "limit": "ten"}"#).code == "invalid_body")
        #expect(try post(#"{"source": {"kind": "candidates", "id": "c-consenting"}, "to": "jobs", "filters": {"maximumCost": "cheap"}}"#).code == "invalid_body")
        #expect(try post(#"{"source": {"kind": "candidates", "id": "c-consenting"}, "to": "jobs", "weights": {"no_such_feature": 1}}"#).status == 400)
        #expect(try post(#"{"source": {"kind": "candidates", "id": "c-consenting"}, "to": "jobs", "cursor": "@@@"}"#).status == 400)
        #expect(try fixture.send("GET", "/v1/candidates/c-consenting/matches/jobs?explain=maybe", role: .admin).code == "invalid_parameter")
    }

    @Test func searchWithFacets() throws {
        let response = try fixture.send("POST", "/v1/search", role: .admin, json: """
            {"to": "jobs", "skills": ["PostgreSQL"], "text": "backend", "facets": ["workplace", "employment_type"], "limit": 10}
            """)
        #expect(response.status == 200, "\(response.text)")
        let hits = response.json["hits"]?.asArray ?? []
        #expect(hits.contains { $0["id"]?.stringValue == APIFixture.job })
        let workplace = response.json["facets"]?["workplace"]?.objectValue
        #expect(workplace?["remote"]?.intValue ?? 0 >= 1)
        #expect(try fixture.send("POST", "/v1/search", role: .admin, json: #"{"to": "jobs"}"#).code == "invalid_query")
        #expect(try fixture.send("POST", "/v1/search", role: .admin, json: #"{"to": "jobs", "skills": ["no such skill xyz"]}"#).code == "unknown_skill")
        #expect(try fixture.send("POST", "/v1/search", role: .admin, json: #"{"to": "jobs", "text": "x", "facets": ["colour"]}"#).code == "invalid_body")
        #expect(try fixture.send("POST", "/v1/search", role: .admin, json: #"{"to": "jobs", "skills": "Python"}"#).code == "invalid_body")
    }

    @Test func taxonomyEndpoints() throws {
        let skills = try fixture.send("GET", "/v1/skills?q=postgres&limit=5", role: .learner)
        #expect(skills.status == 200)
        let items = skills.json["items"]?.asArray ?? []
        #expect(!items.isEmpty && items.count <= 5)
        let id = try #require(items.first?["id"]?.stringValue)
        let key = try #require(items.first?["key"]?.stringValue)
        let detail = try fixture.send("GET", "/v1/skills/\(key.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)", role: .learner)
        #expect(detail.status == 200, "\(detail.text)")
        #expect(detail.json["id"]?.stringValue == id)
        #expect(detail.json["related"]?.arrayValue != nil)
        #expect(try fixture.send("GET", "/v1/skills/no-such-skill", role: .learner).code == "skill_not_found")
        #expect(try fixture.send("GET", "/v1/skills", role: .learner).code == "invalid_parameter")

        let occupations = try fixture.send("GET", "/v1/occupations?q=software%20developers", role: .analyst)
        #expect(occupations.status == 200)
        let code = try #require(occupations.json["items"]?.asArray.first?["code"]?.stringValue)
        let occupation = try fixture.send("GET", "/v1/occupations/\(code)", role: .analyst)
        #expect(occupation.status == 200)
        #expect(occupation.json["title"]?.stringValue?.lowercased().contains("software") == true)
        #expect(try fixture.send("GET", "/v1/occupations/00-0000.99", role: .analyst).code == "occupation_not_found")

        let extracted = try fixture.send("POST", "/v1/extract", role: .learner, json: #"{"text": "Experience with PostgreSQL and Python required."}"#)
        #expect(extracted.status == 200)
        let labels = (extracted.json["skills"]?.asArray ?? []).compactMap { $0["label"]?.stringValue }
        #expect(labels.contains { $0.contains("PostgreSQL") })
        #expect(try fixture.send("POST", "/v1/extract", role: .learner, json: #"{"text": 7}"#).code == "invalid_body")
    }

    @Test func ingestAnswers202AndTasksReport() throws {
        let ndjson = """
            {"id": "c-ingest-1", "name": "Ingested One", "skills": ["Python"], "consentToBeFound": true}
            {"id": "c-ingest-2", "name": "Ingested Two", "skills": ["PostgreSQL"]}
            {not json
            """
        let accepted = try fixture.send("POST", "/v1/ingest?format=profile&source=test", key: fixture.key(.ingest), body: Array(ndjson.utf8))
        #expect(accepted.status == 202, "\(accepted.text)")
        #expect(accepted.json["received"]?.intValue == 3)
        #expect(accepted.json["rejected"]?.intValue == 1)
        let task = try #require(accepted.json["taskId"]?.intValue)
        #expect(accepted.headers["Location"] == "/v1/tasks/\(task)")
        var state = ""
        for _ in 0..<100 where !state.hasPrefix("completed") {
            Thread.sleep(forTimeInterval: 0.1)
            state = try fixture.send("GET", "/v1/tasks/\(task)", role: .ingest).json["state"]?.stringValue ?? ""
        }
        let report = try fixture.send("GET", "/v1/tasks/\(task)", role: .analyst)
        #expect(report.json["state"]?.stringValue == "completed_with_errors")
        #expect(report.json["counts"]?["processed"]?.intValue == 2)
        #expect((report.json["errors"]?.asArray ?? []).count == 1)
        let listed = try fixture.send("GET", "/v1/tasks?limit=50", role: .ingest).json["items"]?.asArray ?? []
        #expect(listed.contains { $0["id"]?.intValue == task })
        #expect(try fixture.send("GET", "/v1/candidates/c-ingest-1", role: .admin).status == 200)

        #expect(try fixture.send("GET", "/v1/tasks/999999", role: .ingest).code == "task_not_found")
        #expect(try fixture.send("GET", "/v1/tasks/abc", role: .ingest).code == "invalid_parameter")
        #expect(try fixture.send("POST", "/v1/ingest?format=nonsense", key: fixture.key(.ingest), body: Array("{}".utf8)).code == "invalid_query")
        #expect(try fixture.send("POST", "/v1/ingest", key: fixture.key(.ingest), body: Array("[]".utf8)).code == "invalid_body")
        #expect(try fixture.send("POST", "/v1/ingest", key: fixture.key(.ingest), body: Array("  \n ".utf8)).code == "invalid_body")
        #expect(try fixture.send("POST", "/v1/tasks/items/retry", role: .ingest, json: #"{"itemIds": [999999]}"#).status == 200)
        #expect(try fixture.send("POST", "/v1/tasks/items/retry", role: .ingest, json: #"{"itemIds": "all"}"#).code == "invalid_body")
    }

    @Test func metricsExposeRoutesIndexSizesAndQueueDepth() throws {
        _ = try fixture.send("GET", "/v1/jobs/\(APIFixture.job)", role: .admin)
        let text = try fixture.send("GET", "/metrics", role: nil).text
        #expect(text.contains("/v1/:kind/:id"))
        #expect(text.contains("skillmatch_index_jobs"))
        #expect(text.contains("skillmatch_ingest_queue_pending"))
        #expect(text.contains("_bucket"))
    }

    @Test func everyErrorCodeHasOneStatusAndEngineCodesMap() {
        for code in EngineError.Code.allCases {
            #expect(APIErrorCode(rawValue: code.rawValue) != nil, "engine code \(code.rawValue) missing from APIErrorCode")
        }
        for code in APIErrorCode.allCases {
            #expect((400...599).contains(code.status.code))
        }
    }
}
