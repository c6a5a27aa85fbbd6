import Foundation
import SkillsAPI
import SkillsCore
import Testing

/// Authentication (401) and the role × endpoint-class matrix (403), over a real loopback socket.
@Suite struct AccessControlTests {
    let fixture = APIFixture.shared

    @Test func operationalEndpointsNeedNoKey() throws {
        for path in ["/healthz", "/readyz", "/metrics", "/openapi.json"] {
            #expect(try fixture.send("GET", path, role: nil).status == 200, "\(path)")
        }
    }

    @Test func missingUnknownAndRevokedKeysGet401() throws {
        let missing = try fixture.send("GET", "/v1/jobs", role: nil)
        #expect(missing.status == 401)
        #expect(missing.code == "unauthorized")
        #expect(missing.headers["Content-Type"] == "application/problem+json")
        #expect(try fixture.send("GET", "/v1/jobs", key: "sk_not-a-real-key").status == 401)
        #expect(try fixture.send("GET", "/v1/jobs", key: "garbage").status == 401)
        #expect(try fixture.send("GET", "/v1/jobs", key: fixture.revokedKey).status == 401)
    }

    @Test func xAPIKeyHeaderWorksLikeBearer() throws {
        let response = try fixture.send("GET", "/v1/jobs", headers: "X-API-Key: \(fixture.key(.analyst))\r\n")
        #expect(response.status == 200)
    }

    /// One request per endpoint class; the expected status for each role.
    @Test(arguments: [
        // (method, path, body, allowed roles)
        ("GET", "/v1/jobs/\(APIFixture.job)", nil, Set(Role.allCases)),
        ("GET", "/v1/candidates?limit=5", nil, [.admin, .ingest, .employer, .analyst]),
        ("GET", "/v1/candidates/\(APIFixture.consenting)", nil, Set(Role.allCases)),
        ("POST", "/v1/search", #"{"to": "jobs", "text": "backend developer"}"#, [.admin, .employer, .learner, .analyst]),
        ("POST", "/v1/match", #"{"source": {"kind": "candidates", "id": "c-consenting"}, "to": "jobs"}"#, [.admin, .employer, .learner, .analyst]),
        ("GET", "/v1/skills?q=python", nil, Set(Role.allCases)),
        ("POST", "/v1/extract", #"{"text": "We use Python and PostgreSQL."}"#, Set(Role.allCases)),
        ("GET", "/v1/tasks", nil, [.admin, .ingest, .analyst]),
        ("POST", "/v1/ingest?format=profile", #"{"id": "c-ingested-matrix", "skills": ["Python"]}"#, [.admin, .ingest]),
        ("PUT", "/v1/programs/p-matrix", #"{"title": 5}"#, [.admin, .ingest]),
        // Invalid bodies and unknown ids: an allowed role gets 400/404, never 401/403.
        ("PUT", "/v1/jobs/j-matrix", #"{"title": 5}"#, [.admin, .ingest, .employer]),
        ("DELETE", "/v1/jobs/j-matrix-none", nil, [.admin, .ingest, .employer]),
        ("PUT", "/v1/candidates/c-matrix", #"{"skills": 5}"#, [.admin, .ingest]),
        ("GET", "/v1/programs?limit=5", nil, Set(Role.allCases)),
        ("GET", "/v1/occupations?q=welders", nil, Set(Role.allCases)),
        ("GET", "/v1/tasks/999999", nil, [.admin, .ingest, .analyst]),
        ("POST", "/v1/tasks/items/retry", #"{"itemIds": [999999]}"#, [.admin, .ingest]),
        ("GET", "/v1/jobs/\(APIFixture.job)/matches/candidates?limit=3", nil, [.admin, .employer, .analyst]),
    ] as [(String, String, String?, Set<Role>)])
    func accessMatrix(method: String, path: String, body: String?, allowed: Set<Role>) throws {
        for role in Role.allCases {
            let response = try fixture.send(method, path, role: role, json: body)
            if allowed.contains(role) {
                #expect(response.status != 401 && response.status != 403, "\(role) \(method) \(path): \(response.status) \(response.text)")
            } else {
                #expect(response.status == 403, "\(role) \(method) \(path): \(response.status)")
                #expect(response.code == "forbidden")
            }
        }
    }

    @Test func writesByRoleAndKind() throws {
        // Employers write jobs, not programs or candidates; analysts write nothing.
        let job = APIFixture.jobBody.serialized()
        #expect(try fixture.send("PUT", "/v1/jobs/j-employer", role: .employer, json: job).status == 201)
        #expect(try fixture.send("DELETE", "/v1/jobs/j-employer", role: .employer).status == 204)
        #expect(try fixture.send("PUT", "/v1/candidates/c-x", role: .employer, json: "{}").status == 403)
        #expect(try fixture.send("PUT", "/v1/jobs/j-analyst", role: .analyst, json: job).status == 403)
        #expect(try fixture.send("DELETE", "/v1/jobs/\(APIFixture.job)", role: .learner).status == 403)
    }

    @Test func learnerSeesAndEditsOnlyItsCandidate() throws {
        let own = try fixture.send("GET", "/v1/candidates/\(APIFixture.consenting)", role: .learner)
        #expect(own.status == 200)
        #expect(own.json["name"]?.stringValue == "Ada Lovelace")
        #expect(try fixture.send("GET", "/v1/candidates/\(APIFixture.privateCandidate)", role: .learner).status == 403)
        #expect(try fixture.send("PUT", "/v1/candidates/\(APIFixture.privateCandidate)", role: .learner, json: "{}").status == 403)
        let other = #"{"source": {"kind": "candidates", "id": "c-private"}, "to": "jobs"}"#
        #expect(try fixture.send("POST", "/v1/match", role: .learner, json: other).status == 403)
        #expect(try fixture.send("POST", "/v1/search", role: .learner, json: #"{"to": "candidates", "text": "backend"}"#).status == 403)
    }

    @Test func employersSeeOnlyConsentingCandidatesWithoutNames() throws {
        let consenting = try fixture.send("GET", "/v1/candidates/\(APIFixture.consenting)", role: .employer)
        #expect(consenting.status == 200)
        #expect(consenting.json["name"] == nil)
        #expect(consenting.json["id"]?.stringValue == APIFixture.consenting)
        #expect(try fixture.send("GET", "/v1/candidates/\(APIFixture.privateCandidate)", role: .employer).status == 404)

        let listed = try fixture.send("GET", "/v1/candidates?limit=1000", role: .employer).json["items"]?.asArray ?? []
        let ids = listed.compactMap { $0["id"]?.stringValue }
        #expect(ids.contains(APIFixture.consenting))
        #expect(!ids.contains(APIFixture.privateCandidate))
        #expect(listed.allSatisfy { $0["name"] == nil })

        let search = #"{"to": "candidates", "skills": ["PostgreSQL"], "limit": 100}"#
        let employerHits = try fixture.send("POST", "/v1/search", role: .employer, json: search).json["hits"]?.asArray ?? []
        let adminHits = try fixture.send("POST", "/v1/search", role: .admin, json: search).json["hits"]?.asArray ?? []
        #expect(adminHits.contains { $0["id"]?.stringValue == APIFixture.privateCandidate })
        #expect(!employerHits.contains { $0["id"]?.stringValue == APIFixture.privateCandidate })
        #expect(employerHits.contains { $0["id"]?.stringValue == APIFixture.consenting })

        let matches = try fixture.send("GET", "/v1/jobs/\(APIFixture.job)/matches/candidates?limit=100", role: .employer)
        #expect(matches.status == 200)
        let matched = (matches.json["matches"]?.asArray ?? []).compactMap { $0["id"]?.stringValue }
        #expect(!matched.contains(APIFixture.privateCandidate))
        let fromPrivate = #"{"source": {"kind": "candidates", "id": "c-private"}, "to": "jobs"}"#
        #expect(try fixture.send("POST", "/v1/match", role: .employer, json: fromPrivate).status == 404)
    }

    @Test func analystsReadWithoutPersonalData() throws {
        let response = try fixture.send("GET", "/v1/candidates/\(APIFixture.privateCandidate)", role: .analyst)
        #expect(response.status == 200)
        #expect(response.json["name"] == nil)
        let admin = try fixture.send("GET", "/v1/candidates/\(APIFixture.privateCandidate)", role: .admin)
        #expect(admin.json["name"]?.stringValue == "Bob Private")
        let explained = try fixture.send("GET", "/v1/jobs/\(APIFixture.job)/matches/candidates?explain=true", role: .analyst)
        #expect(explained.status == 200)
    }
}
