import Foundation
import SkillsAPI
import SkillsCore
import SkillsHTTP
import Testing

/// Hostile and malformed input: each gets the right status and the server keeps serving.
@Suite struct RobustnessTests {
    let fixture = APIFixture.shared

    func stillServing() throws -> Bool {
        try fixture.send("GET", "/healthz", role: nil).status == 200
    }

    @Test func malformedJSON() throws {
        for body in ["{", "{\"to\": }", "nul", "{\"text\": \"unterminated}", String(repeating: "[", count: 500)] {
            let response = try fixture.send("POST", "/v1/extract", role: .admin, json: body)
            #expect(response.status == 400, "\(body.prefix(20))")
            #expect(response.code == "malformed_json")
        }
        #expect(try fixture.send("POST", "/v1/extract", role: .admin, json: "").code == "invalid_body")
        #expect(try stillServing())
    }

    @Test func invalidUTF8InBodyAndPath() throws {
        let body: [UInt8] = Array(#"{"text": ""#.utf8) + [0xC3, 0x28, 0xFF] + Array(#""}"#.utf8)
        let response = try fixture.send("POST", "/v1/extract", key: fixture.key(.admin), body: body)
        #expect(response.status == 400)
        #expect(response.code == "malformed_json")
        let path = try fixture.send("GET", "/v1/jobs/%C3%28%FF", role: .admin)
        #expect(path.status == 400)
        #expect(try stillServing())
    }

    @Test func hugeBodyGets413() throws {
        let body = [UInt8](repeating: UInt8(ascii: "a"), count: 2 * 1024 * 1024)
        let client = try TestClient(port: fixture.port)
        let head = "PUT /v1/jobs/j-huge HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer \(fixture.key(.admin))\r\nContent-Length: \(body.count)\r\n\r\n"
        try client.send(Array(head.utf8))
        // The server answers as soon as it sees the declared length, without reading the body.
        let response = try client.readResponse()
        #expect(response?.status == 413)
        #expect(try stillServing())
    }

    @Test func pipelinedRequestsAnsweredInOrder() throws {
        let client = try TestClient(port: fixture.port)
        let key = fixture.key(.analyst)
        let paths = ["/v1/jobs/\(APIFixture.job)", "/healthz", "/v1/jobs/missing", "/v1/skills?q=python&limit=1", "/v1/widgets"]
        let requests = paths.map { "GET \($0) HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer \(key)\r\n\r\n" }.joined()
        try client.send(requests)
        var statuses: [Int] = []
        for _ in paths { statuses.append(try client.readResponse()?.status ?? -1) }
        #expect(statuses == [200, 200, 404, 200, 400])  // the last is unknown_kind
    }

    @Test func abruptDisconnectMidRequest() throws {
        do {
            let client = try TestClient(port: fixture.port)
            try client.send("POST /v1/extract HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\n{\"te")
        }  // closed here
        #expect(try stillServing())
    }

    @Test func slowBodyGets408WhileOthersAreServed() throws {
        let slow = try TestClient(port: fixture.port)
        let started = Date()
        try slow.send("POST /v1/extract HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer \(fixture.key(.admin))\r\nContent-Length: 100\r\n\r\n{")
        var served = 0
        while Date().timeIntervalSince(started) < 1 {
            try slow.send(" ")  // progress, but the body never completes
            if try stillServing() { served += 1 }
            Thread.sleep(forTimeInterval: 0.1)
        }
        let response = try #require(try slow.readResponse())
        #expect(response.status == 408)
        #expect(response.code == "request_timeout")
        #expect(Date().timeIntervalSince(started) < 4)  // readSeconds is 2 in the fixture
        #expect(served >= 5)
        #expect(try stillServing())
    }

    @Test func requestIDIsEchoed() throws {
        let response = try fixture.send("GET", "/healthz", headers: "X-Request-Id: trace-123\r\n")
        #expect(response.headers["X-Request-Id"] == "trace-123")
    }

    @Test func rateLimitPerKeyGives429() throws {
        var api = APIConfiguration()
        api.rateLimit.requestsPerSecond = 0.01
        api.rateLimit.burst = 2
        let service = try APIService(engine: fixture.engine, configuration: api, metrics: MetricsRegistry())
        let server = try HTTPServer.start(configuration: APIFixture.httpConfiguration(), responder: service.responder())
        defer { server.shutdown(); server.waitUntilStopped() }
        func get(_ key: String) throws -> TestResponse {
            let client = try TestClient(port: server.port)
            try client.send("GET /v1/jobs HTTP/1.1\r\nHost: t\r\nConnection: close\r\nAuthorization: Bearer \(key)\r\n\r\n")
            return try #require(try client.readResponse())
        }
        let statuses = try (0..<4).map { _ in try get(fixture.key(.analyst)).status }
        #expect(statuses == [200, 200, 429, 429])
        let limited = try get(fixture.key(.analyst))
        #expect(limited.code == "rate_limited")
        #expect(limited.headers["Retry-After"] != nil)
        // Another key has its own bucket.
        #expect(try get(fixture.key(.employer)).status == 200)
    }

    @Test func openAPIDocumentsEveryRoute() throws {
        let document = try fixture.send("GET", "/openapi.json", role: nil).json
        #expect(document["openapi"]?.stringValue == "3.1.0")
        let paths = document["paths"]?.objectValue?.keys ?? []
        for path in ["/v1/{kind}", "/v1/{kind}/{id}", "/v1/{kind}/{id}/matches/{target}", "/v1/match", "/v1/search", "/v1/skills",
                     "/v1/skills/{id}", "/v1/occupations", "/v1/occupations/{code}", "/v1/extract", "/v1/ingest", "/v1/tasks",
                     "/v1/tasks/{id}", "/v1/tasks/items/retry", "/healthz", "/readyz", "/metrics", "/openapi.json"] {
            #expect(paths.contains(path), "\(path) missing from openapi.json")
        }
    }
}
