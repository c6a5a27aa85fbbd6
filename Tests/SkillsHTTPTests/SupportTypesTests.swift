import Foundation
import SkillsTestSupport
import Synchronization
import Testing
@testable import SkillsHTTP

/// Rate limiter, metrics, configuration and access-log lines.
@Suite struct SupportTypesTests {
    /// A reference token bucket, written the obvious way, driven by the same random schedule.
    struct ReferenceBucket {
        var tokens: Double
        var last: Double
        mutating func take(now: Double, rate: Double, burst: Double) -> Bool {
            tokens = min(burst, tokens + (now - last) * rate)
            last = now
            if tokens >= 1 { tokens -= 1; return true }
            return false
        }
    }

    @Test(arguments: [11, 12, 13] as [UInt64])
    func rateLimiterMatchesAReferenceBucketPerKey(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let time = Mutex<Double>(0)
        let limiter = try TokenBucketRateLimiter(ratePerSecond: 5, burst: 3, clock: { time.withLock { $0 } })
        var reference: [String: ReferenceBucket] = [:]
        for _ in 0..<2000 {
            time.withLock { $0 += Double.random(in: 0...0.3, using: &rng) }
            let now = time.withLock { $0 }
            let key = ["alice", "bob", "carol"].randomElement(using: &rng)!
            var bucket = reference[key] ?? ReferenceBucket(tokens: 3, last: now)
            let allowed = bucket.take(now: now, rate: 5, burst: 3)
            reference[key] = bucket
            switch limiter.acquire(key: key) {
            case .allowed: #expect(allowed)
            case .limited(let retryAfter):
                #expect(!allowed)
                #expect(retryAfter > 0 && retryAfter <= 0.2 + 1e-9)
            }
        }
    }

    @Test func rateLimiterRejectsBadSettingsWithKeyPaths() {
        #expect(throws: HTTPServerError.invalid("rateLimit.ratePerSecond", "must be a positive number (got 0.0)")) {
            try TokenBucketRateLimiter(ratePerSecond: 0, burst: 1)
        }
    }

    @Test func metricsRenderCountersHistogramsAndGauges() throws {
        let metrics = MetricsRegistry(latencyBuckets: [0.01, 0.1])
        metrics.recordRequest(method: "GET", route: "/v1/jobs/:id", status: 200, seconds: 0.005)
        metrics.recordRequest(method: "GET", route: "/v1/jobs/:id", status: 200, seconds: 0.05)
        metrics.recordRequest(method: "GET", route: "/v1/jobs/:id", status: 200, seconds: 5)
        try metrics.registerGauge("index_jobs", help: "Jobs in the index.") { 1234 }
        #expect(throws: HTTPServerError.self) { try metrics.registerGauge("9bad name", help: "") { 0 } }
        let text = metrics.render()
        let labels = "method=\"GET\",route=\"/v1/jobs/:id\",status=\"200\""
        #expect(text.contains("http_requests_total{\(labels)} 3\n"))
        #expect(text.contains("http_request_duration_seconds_bucket{\(labels),le=\"0.01\"} 1\n"))
        #expect(text.contains("http_request_duration_seconds_bucket{\(labels),le=\"0.1\"} 2\n"))
        #expect(text.contains("http_request_duration_seconds_bucket{\(labels),le=\"+Inf\"} 3\n"))
        #expect(text.contains("http_request_duration_seconds_count{\(labels)} 3\n"))
        #expect(text.contains("# TYPE index_jobs gauge\nindex_jobs 1234\n"))
    }

    @Test func configurationDecodesPartialDocumentsWithDefaults() throws {
        let json = #"{"port": 0, "limits": {"maxBodyBytes": 10}, "timeouts": {"readSeconds": 2.5}}"#
        let configuration = try JSONDecoder().decode(ServerConfiguration.self, from: Data(json.utf8))
        var expected = ServerConfiguration()
        expected.port = 0
        expected.limits.maxBodyBytes = 10
        expected.timeouts.readSeconds = 2.5
        #expect(configuration == expected)
        try configuration.validate()
        let roundTrip = try JSONDecoder().decode(ServerConfiguration.self, from: JSONEncoder().encode(configuration))
        #expect(roundTrip == configuration)
    }

    @Test(arguments: [
        (#"{"port": 70000}"#, "port"),
        (#"{"host": "example.com"}"#, "host"),
        (#"{"workerThreads": 0}"#, "workerThreads"),
        (#"{"limits": {"maxHeaderCount": 0}}"#, "limits.maxHeaderCount"),
        (#"{"timeouts": {"idleSeconds": -1}}"#, "timeouts.idleSeconds"),
    ])
    func validationNamesTheBadKey(json: String, keyPath: String) throws {
        let configuration = try JSONDecoder().decode(ServerConfiguration.self, from: Data(json.utf8))
        do {
            try configuration.validate()
            Issue.record("expected a validation error")
        } catch {
            #expect(error.keyPath == keyPath)
            #expect(error.code == .invalidConfiguration)
        }
    }

    @Test func startFailsWithAPreciseErrorWhenThePortIsTaken() throws {
        try withServer { server in
            var configuration = ServerConfiguration()
            configuration.port = server.port
            #expect(throws: HTTPServerError.self) { try HTTPServer.start(configuration: configuration, responder: Router()) }
        }
    }

    @Test func accessLogLinesAreJSONWithoutSurprises() throws {
        let entry = AccessLogEntry(
            requestID: "id\"1", method: "GET", route: "/v1/jobs/:id", status: 200, durationSeconds: 0.0012345, requestBytes: 10, responseBytes: 20
        )
        let line = entry.jsonLine(timestamp: AccessLog.timestamp())
        let json = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(json["request_id"] as? String == "id\"1")
        #expect(json["duration_ms"] as? Double == 1.235)
        #expect((json["ts"] as? String)?.hasSuffix("Z") == true)
        #expect(Set(json.keys) == ["ts", "request_id", "method", "route", "status", "duration_ms", "bytes_in", "bytes_out"])
    }
}
