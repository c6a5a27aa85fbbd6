import Foundation
import SkillsAPI
import SkillsCore
import SkillsEngine
import SkillsHTTP
import SkillsTestSupport

/// One engine and one server for the whole suite (loading the shipped taxonomy takes seconds in
/// debug), with a key per role and a few entities: a consenting candidate, a private one, a job.
final class APIFixture: Sendable {
    let engine: Engine
    let server: HTTPServer
    let ingestion: IngestionService
    let keys: [Role: String]
    let revokedKey: String
    var port: Int { server.port }

    static let consenting = "c-consenting"
    static let privateCandidate = "c-private"
    static let job = "j-backend"

    /// The suite's fixture, built on first use.
    static let shared: APIFixture = {
        do { return try APIFixture() } catch { fatalError("API fixture failed: \(error)") }
    }()

    init() throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("skillmatch-api-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        var configuration = EngineConfiguration(
            dataDirectory: data.path, taxonomyDirectory: FixturePaths.taxonomies.path,
            configDirectory: FixturePaths.packageRoot.appendingPathComponent("Config").path)
        configuration.skillVectors = .taxonomy
        configuration.vectorCacheDirectory = FixturePaths.vectorCache.path
        engine = try Engine(configuration: configuration)
        _ = try engine.put(kind: .candidate, id: Self.consenting, json: try JSONParser().parse("""
            {"name": "Ada Lovelace", "headline": "Backend developer", "summary": "Builds web services in Python with PostgreSQL and Docker.",
             "skills": ["PostgreSQL", "Python"], "openToRemote": true, "consentToBeFound": true}
            """))
        _ = try engine.put(kind: .candidate, id: Self.privateCandidate, json: try JSONParser().parse("""
            {"name": "Bob Private", "headline": "Backend developer", "summary": "Writes Python services backed by PostgreSQL.",
             "skills": ["PostgreSQL", "Python"], "openToRemote": true, "consentToBeFound": false}
            """))
        _ = try engine.put(kind: .job, id: Self.job, json: Self.jobBody)
        var keys: [Role: String] = [:]
        for role in Role.allCases {
            let bound = role == .learner ? Self.consenting : nil
            keys[role] = try engine.createAPIKey(role: role.rawValue, boundCandidateID: bound, label: "test").secret
        }
        self.keys = keys
        let revoked = try engine.createAPIKey(role: "admin")
        try engine.revokeAPIKey(id: revoked.record.id)
        revokedKey = revoked.secret
        ingestion = IngestionService(engine: engine)
        try ingestion.start(workers: 1)
        var api = APIConfiguration()
        api.rateLimit.requestsPerSecond = 100_000
        api.rateLimit.burst = 100_000
        let service = try APIService(engine: engine, configuration: api)
        server = try HTTPServer.start(configuration: Self.httpConfiguration(), responder: service.responder(), metrics: service.metrics)
    }

    static func httpConfiguration() -> ServerConfiguration {
        var http = ServerConfiguration()
        http.port = 0
        http.workerThreads = 4
        http.limits.maxBodyBytes = 256 * 1024
        http.timeouts.readSeconds = 2
        return http
    }

    static let jobBody: JSONValue = {
        do {
            return try JSONParser().parse("""
                {"title": "Backend developer", "employer": "Acme", "description": "Build web services in Python on PostgreSQL.",
                 "workplace": "remote", "employmentType": "full_time", "requiredSkills": ["PostgreSQL", "Python"]}
                """)
        } catch { fatalError("\(error)") }
    }()

    func key(_ role: Role) -> String { keys[role]! }

    /// Sends one request on a fresh connection and reads the response.
    func send(_ method: String, _ target: String, key: String? = nil, body: [UInt8]? = nil, headers: String = "") throws -> TestResponse {
        let client = try TestClient(port: port)
        var head = "\(method) \(target) HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\(headers)"
        if let key { head += "Authorization: Bearer \(key)\r\n" }
        if let body { head += "Content-Type: application/json\r\nContent-Length: \(body.count)\r\n" }
        try client.send(Array((head + "\r\n").utf8) + (body ?? []))
        guard let response = try client.readResponse(bodyless: method == "HEAD") else {
            throw TestClientError(description: "no response to \(method) \(target)")
        }
        return response
    }

    func send(_ method: String, _ target: String, role: Role?, json: String? = nil) throws -> TestResponse {
        try send(method, target, key: role.map(key), body: json.map { Array($0.utf8) })
    }
}

extension TestResponse {
    /// The body parsed as JSON (`.null` when it is not JSON, so assertions fail with a clear value).
    var json: JSONValue { (try? JSONParser().parse(body)) ?? .null }
    /// The problem `code` of an error response.
    var code: String? { json["code"]?.stringValue }
}
