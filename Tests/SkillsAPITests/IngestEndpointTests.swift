// POST /v1/ingest over a real loopback socket with hostile bodies (issue 6, bad input):
// 1. One NDJSON body mixing valid postings with a malformed line, a missing id, wrong types, an
//    unknown type, nesting 10,000 deep and invalid UTF-8 is acknowledged (202); the task reports
//    one error per bad item naming its line or field, and the valid items land.
// 2. A JSON-array body with a non-object member: the member fails, the rest land.
// 3. A 50 MB body is refused with 413 `body_too_large` as soon as its length is read (nothing is
//    stored), and the server keeps serving; an unknown declared format is 400 before storing.
import Foundation
import SkillsAPI
import SkillsCore
import Testing

@Suite struct IngestEndpointTests {
    let fixture = APIFixture.shared

    func posting(_ id: String) -> String {
        #"{"@type": "JobPosting", "identifier": "\#(id)", "title": "Welder", "description": "Arc welding of steel frames.", "datePosted": "2026-01-01"}"#
    }

    /// Polls the task until no item is pending; returns its report.
    func finishedTask(_ id: Int) throws -> JSONValue {
        for _ in 0..<200 {
            let report = try fixture.send("GET", "/v1/tasks/\(id)", role: .ingest).json
            if let state = report["state"]?.stringValue, state.hasPrefix("completed") { return report }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Issue.record("task \(id) did not finish")
        return .null
    }

    @Test func badItemsGetPerItemErrorsWhileValidItemsLand() throws {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        var body: [UInt8] = []
        for line in [
            posting("api-bad-ok-1"),
            "{not json",                                                                          // line 2
            #"{"@type": "JobPosting", "title": "no id", "datePosted": "2026-01-01"}"#,           // line 3
            #"{"@type": "JobPosting", "identifier": 17, "title": ["x"], "datePosted": "soon"}"#, // line 4
            #"{"@type": "Spaceship", "id": "x"}"#,                                              // line 5
            #"{"a": "#.appending(deep).appending("}"),                                            // line 6
        ] {
            body += Array(line.utf8) + [0x0A]
        }
        body += Array(#"{"@type": "JobPosting", "identifier": "x"#.utf8) + [0xFF, 0xFE] + Array(#"", "title": "t"}"#.utf8) + [0x0A]  // line 7
        body += Array(posting("api-bad-ok-2").utf8)
        let accepted = try fixture.send("POST", "/v1/ingest?source=api-bad", key: fixture.key(.ingest), body: body)
        #expect(accepted.status == 202, "\(accepted.text)")
        #expect(accepted.json["received"]?.intValue == 8)
        let report = try finishedTask(try #require(accepted.json["taskId"]?.intValue))
        #expect(report["state"]?.stringValue == "completed_with_errors")
        #expect(report["counts"]?["processed"]?.intValue == 2)
        #expect(report["counts"]?["failed"]?.intValue == 6, "\(report)")
        let errors = (report["errors"]?.asArray ?? []).compactMap { $0["error"]?.stringValue }
        #expect(errors.count == 6)
        for expected in ["line 2", "identifier", "unknown_format", "line 6", "line 7"] {
            #expect(errors.contains { $0.contains(expected) }, "\(expected) in \(errors)")
        }
        #expect(errors.contains { $0.contains("invalid_field") }, "wrong types name the field: \(errors)")
        #expect(try fixture.send("GET", "/v1/jobs/api-bad-ok-1", role: .admin).status == 200)
        #expect(try fixture.send("GET", "/v1/jobs/api-bad-ok-2", role: .admin).status == 200)
    }

    @Test func arrayMembersThatAreNotObjectsFailAlone() throws {
        let body = "[\(posting("api-array-1")), 42, \(posting("api-array-2"))]"
        let accepted = try fixture.send("POST", "/v1/ingest?format=jobposting", key: fixture.key(.ingest), body: Array(body.utf8))
        #expect(accepted.status == 202, "\(accepted.text)")
        #expect(accepted.json["received"]?.intValue == 3)
        #expect(accepted.json["rejected"]?.intValue == 1)
        let report = try finishedTask(try #require(accepted.json["taskId"]?.intValue))
        #expect(report["counts"]?["processed"]?.intValue == 2)
        #expect((report["errors"]?.asArray ?? []).first?["error"]?.stringValue?.contains("not a JSON object") == true)
        #expect(try fixture.send("GET", "/v1/jobs/api-array-2", role: .admin).status == 200)
    }

    @Test func fiftyMegabyteBodyIsRefusedAndNothingIsStored() throws {
        let source = "api-huge-\(UUID().uuidString)"
        let client = try TestClient(port: fixture.port)
        let length = 50 << 20
        let head = "POST /v1/ingest?source=\(source) HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer \(fixture.key(.ingest))\r\nContent-Length: \(length)\r\n\r\n"
        try client.send(Array(head.utf8) + Array(repeating: UInt8(ascii: " "), count: 64 * 1024))
        let response = try #require(try client.readResponse())
        #expect(response.status == 413)
        #expect(response.code == "body_too_large")
        #expect(try fixture.engine.recentTasks(limit: 1000).allSatisfy { $0.source != source })
        #expect(try fixture.send("POST", "/v1/ingest?format=yaml", key: fixture.key(.ingest), body: Array(posting("y").utf8)).code == "invalid_query")
        #expect(try fixture.send("GET", "/healthz", role: nil).status == 200)
    }
}
