import Foundation
import Synchronization
import Testing
@testable import SkillsHTTP

/// The transport over a real loopback socket. Properties checked:
/// 1. keep-alive: several requests on one connection; HTTP/1.0 and `Connection: close` close it;
/// 2. pipelined requests are answered in order even when earlier ones are slower;
/// 3. chunked and Content-Length bodies arrive intact, `Expect: 100-continue` gets an interim 100;
/// 4. each limit gets its status (414, 431, 413) and the server keeps serving;
/// 5. a client trickling headers gets 408 and is cut off while others are served;
/// 6. an abrupt disconnect mid-request, and an invalid UTF-8 path (400), leave the server serving;
/// 7. a full worker pool answers 503 with Retry-After without running the handler;
/// 8. shutdown finishes in-flight and pipelined requests, then stops accepting; a signal sent right after
///    `shutdownOnSignals` is never lost.
@Suite struct ServerSocketTests {
    @Test func keepAliveServesSequentialRequestsOnOneConnection() throws {
        try withServer { server in
            let client = try TestClient(port: server.port)
            for index in 0..<5 {
                try client.send(get("/items/\(index)"))
                let response = try #require(try client.readResponse())
                #expect(response.status == 200)
                #expect(response.text == "\(index)")
                #expect(response.headers["Connection"] == nil)
                #expect(response.headers["X-Request-Id"]?.isEmpty == false)
            }
        }
    }

    @Test func http10AndConnectionCloseCloseAfterTheResponse() throws {
        try withServer { server in
            let old = try TestClient(port: server.port)
            try old.send("GET /hello HTTP/1.0\r\n\r\n")
            #expect(try old.readResponse()?.headers["Connection"] == "close")
            #expect(try old.waitForClose())

            let oldKeepAlive = try TestClient(port: server.port)
            try oldKeepAlive.send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            #expect(try oldKeepAlive.readResponse()?.headers["Connection"] == "keep-alive")
            try oldKeepAlive.send("GET /hello HTTP/1.0\r\n\r\n")
            #expect(try oldKeepAlive.readResponse()?.status == 200)

            let closing = try TestClient(port: server.port)
            try closing.send(get("/hello", headers: "Connection: close\r\n"))
            #expect(try closing.readResponse()?.status == 200)
            #expect(try closing.waitForClose())
        }
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() throws {
        try withServer { server in
            let client = try TestClient(port: server.port)
            // The first is the slowest: a server answering out of order would reply to a later one first.
            let delays = [60, 0, 30, 0, 10, 0]
            try client.send(delays.map { get("/sleep?ms=\($0)", headers: "X-Request-Id: req-\($0)\r\n") }.joined())
            for delay in delays {
                let response = try #require(try client.readResponse())
                #expect(response.text == "slept \(delay)")
                #expect(response.headers["X-Request-Id"] == "req-\(delay)")
            }
        }
    }

    @Test func chunkedAndLengthBodiesAreEchoed() throws {
        try withServer { server in
            let client = try TestClient(port: server.port)
            try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n1;ext=1\r\n \r\n5\r\nworld\r\n0\r\nTrailer: x\r\n\r\n")
            #expect(try client.readResponse()?.text == "hello world")
            let payload = [UInt8]((0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
            try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: \(payload.count)\r\n\r\n")
            try client.send(payload)
            #expect(try client.readResponse()?.body == payload)
        }
    }

    @Test func expectContinueGetsAnInterimResponse() throws {
        try withServer { server in
            let client = try TestClient(port: server.port)
            try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n")
            #expect(try client.readResponse()?.status == 100)
            try client.send("ping")
            let response = try #require(try client.readResponse())
            #expect(response.status == 200)
            #expect(response.text == "ping")
        }
    }

    @Test(arguments: [
        (get("/" + String(repeating: "a", count: 300)), 414),
        (get("/hello", headers: "X-Big: " + String(repeating: "b", count: 600) + "\r\n"), 431),
        (get("/hello", headers: (0..<12).map { "X-H\($0): v\r\n" }.joined()), 431),
        ("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 2000\r\n\r\n", 413),
        ("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n400\r\n" + String(repeating: "x", count: 1024) + "\r\n400\r\n", 413),
        ("GET /%FF%FE HTTP/1.1\r\nHost: t\r\n\r\n", 400),
        ("GET /caf\u{E9} HTTP/1.1\r\nHost: t\r\n\r\n", 400),
        ("GET /hello HTTP/1.1\r\n\r\n", 400),
        ("GARBAGE\r\n\r\n", 400),
        ("GET /hello HTTP/2.0\r\nHost: t\r\n\r\n", 505),
    ])
    func limitsAndMalformedRequestsGetTheirStatus(request: String, status: Int) throws {
        try withServer({ configuration in
            configuration.limits.maxURILength = 256
            configuration.limits.maxHeaderBytes = 512
            configuration.limits.maxHeaderCount = 10
            configuration.limits.maxBodyBytes = 1500
        }) { server in
            let client = try TestClient(port: server.port)
            try client.send(request)
            let response = try #require(try client.readResponse())
            #expect(response.status == status)
            #expect(response.headers["Content-Type"] == "application/problem+json")
            #expect(response.headers["Connection"] == "close")
            #expect(try client.waitForClose())
            try expectServing(server)
        }
    }

    @Test func slowClientIsCutOffWhileOthersAreServed() throws {
        try withServer({ $0.timeouts.readSeconds = 0.4 }) { server in
            let slow = try TestClient(port: server.port)
            let started = Date()
            try slow.send("GET /hello HTTP/1.1\r\n")
            // Trickle a header byte every 50 ms: each byte is progress, but the request never completes.
            var others = 0
            while Date().timeIntervalSince(started) < 0.3 {
                try slow.send("X")
                try expectServing(server)
                others += 1
                usleep(50_000)
            }
            let response = try #require(try slow.readResponse())
            #expect(response.status == 408)
            #expect(Date().timeIntervalSince(started) < 2)
            #expect(others >= 3)
            try expectServing(server)
        }
    }

    @Test func abruptDisconnectsLeaveTheServerServing() throws {
        try withServer { server in
            for partial in ["GET /hel", "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\nabc", get("/sleep?ms=50")] {
                var client: TestClient? = try TestClient(port: server.port)
                try client?.send(partial)
                client = nil  // closes the socket mid-request (or before the response)
                try expectServing(server)
            }
            // Reset (RST) instead of FIN.
            let client = try TestClient(port: server.port)
            var linger = linger(l_onoff: 1, l_linger: 0)
            setsockopt(client.fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<linger>.size))
            try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\n12")
            try expectServing(server)
        }
    }

    @Test func fullPoolAnswers503WithoutRunningTheHandler() throws {
        let gate = DispatchSemaphore(value: 0)
        let runs = Atomic<Int>(0)
        var router = Router()
        router.get("/block") { _, _ in
            runs.add(1, ordering: .relaxed)
            gate.wait()
            return .text("done")
        }
        let metrics = MetricsRegistry()
        try withServer({ $0.workerThreads = 1; $0.queueCapacity = 1; $0.retryAfterSeconds = 7 }, responder: router, metrics: metrics) { server in
            // Whatever fails below, release the handlers: shutting down waits for them.
            defer { for _ in 0..<3 { gate.signal() } }
            // Each step waits for the server's state rather than for a fixed time, which a loaded
            // machine outlasts: the first request running, then the second queued.
            let first = try TestClient(port: server.port)
            try first.send(get("/block"))
            waitFor { runs.load(ordering: .relaxed) == 1 }
            let second = try TestClient(port: server.port)
            try second.send(get("/block"))
            waitFor { gauge(metrics, "http_worker_queue_depth") == 1 }
            let third = try TestClient(port: server.port)
            try third.send(get("/block"))
            let refused = try #require(try third.readResponse())
            #expect(refused.status == 503)
            #expect(refused.headers["Retry-After"] == "7")
            #expect(refused.text.contains("\"code\":\"overloaded\""))
            #expect(runs.load(ordering: .relaxed) == 1)
            gate.signal()
            gate.signal()
            #expect(try first.readResponse()?.text == "done")
            #expect(try second.readResponse()?.text == "done")
            #expect(runs.load(ordering: .relaxed) == 2)
            // The refused connection stays usable.
            gate.signal()
            try third.send(get("/block"))
            #expect(try third.readResponse()?.status == 200)
        }
    }

    @Test func gracefulShutdownFinishesInFlightAndPipelinedRequests() throws {
        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.workerThreads = 2
        let server = try HTTPServer.start(configuration: configuration, responder: testRouter())
        let busy = try TestClient(port: server.port)
        try busy.send(get("/sleep?ms=300") + get("/items/next"))
        let idle = try TestClient(port: server.port)
        try idle.send(get("/hello"))
        #expect(try idle.readResponse()?.status == 200)
        usleep(50_000)
        server.shutdown()
        let first = try #require(try busy.readResponse())
        #expect(first.text == "slept 300")
        let second = try #require(try busy.readResponse())
        #expect(second.text == "next")
        #expect(second.headers["Connection"] == "close")
        #expect(try idle.waitForClose())
        #expect(server.waitUntilStopped(timeout: 5))
        #expect(throws: TestClientError.self) { try TestClient(port: server.port) }
    }

    @Test func aSignalSentRightAfterRegistrationIsNotLost() throws {
        // SIGUSR2 stands in for SIGTERM, whose default action would end the test runner. The old
        // DispatchSource-based handling ignored the signal until its asynchronous registration
        // completed, so a signal sent at once was lost and the server kept running.
        var configuration = ServerConfiguration()
        configuration.port = 0
        for round in 0..<20 {
            let server = try HTTPServer.start(configuration: configuration, responder: testRouter())
            server.shutdownOnSignals([SIGUSR2])
            kill(getpid(), SIGUSR2)
            #expect(server.waitUntilStopped(timeout: 5), "round \(round): the signal was lost")
            if !server.waitUntilStopped(timeout: 0) { server.shutdown() }
        }
    }

    @Test func idleKeepAliveConnectionsAreClosed() throws {
        try withServer({ $0.timeouts.idleSeconds = 0.3 }) { server in
            let client = try TestClient(port: server.port)
            try client.send(get("/hello"))
            #expect(try client.readResponse()?.status == 200)
            let started = Date()
            #expect(try client.waitForClose())
            #expect(Date().timeIntervalSince(started) >= 0.2)
            try expectServing(server)
        }
    }

    @Test func headGetsTheGetHeadersWithoutABody() throws {
        try withServer { server in
            let client = try TestClient(port: server.port)
            try client.send("HEAD /hello HTTP/1.1\r\nHost: t\r\n\r\n" + get("/items/after"))
            let head = try #require(try client.readResponse(bodyless: true))
            #expect(head.status == 200)
            #expect(head.headers["Content-Length"] == "5")
            #expect(try client.readResponse()?.text == "after")
        }
    }

    @Test func clientThatStopsReadingIsCutOff() throws {
        let size = 32 << 20
        var router = testRouter()
        router.get("/big") { _, _ in HTTPResponse(body: [UInt8](repeating: 0x61, count: size)) }
        let metrics = MetricsRegistry()
        try withServer({ $0.timeouts.readSeconds = 0.3 }, responder: router, metrics: metrics) { server in
            let client = try TestClient(port: server.port)
            try client.send(get("/big"))
            // Never read: the server's writes stall. Wait until it has answered and closed the
            // connection rather than for a fixed time, which a loaded machine can outlast before
            // the 32 MB response is even built.
            waitFor { metrics.requestCount(route: "/big") == 1 && gauge(metrics, "http_open_connections") == 0 }
            #expect(metrics.requestCount(route: "/big") == 1)
            #expect(gauge(metrics, "http_open_connections") == 0, "the server should have closed the stalled connection")
            try expectServing(server)
            var received = 0
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let count = chunk.withUnsafeMutableBytes { recv(client.fd, $0.baseAddress, $0.count, 0) }
                if count <= 0 { break }
                received += count
            }
            #expect(received < size, "the server should have given up on the stalled response")
        }
    }

    @Test func handlerErrorsBecomeProblemResponses() throws {
        try withServer { server in
            let client = try TestClient(port: server.port)
            try client.send(get("/fail") + get("/nowhere") + "DELETE /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            let failed = try #require(try client.readResponse())
            #expect(failed.status == 500)
            #expect(failed.text.contains("\"code\":\"internal_error\""))
            #expect(!failed.text.contains("boom"))
            #expect(try client.readResponse()?.status == 404)
            let wrongMethod = try #require(try client.readResponse())
            #expect(wrongMethod.status == 405)
            #expect(wrongMethod.headers["Allow"] == "GET, HEAD")
        }
    }

    @Test func accessLogAndMetricsRecordRoutePatternsNotPaths() throws {
        let lines = Mutex<[String]>([])
        let log = AccessLog { line in lines.withLock { $0.append(line) } }
        let metrics = MetricsRegistry()
        try withServer(accessLog: log, metrics: metrics) { server in
            let client = try TestClient(port: server.port)
            try client.send(get("/items/secret-42?email=a@b.c", headers: "X-Request-Id: trace-1\r\n"))
            #expect(try client.readResponse()?.headers["X-Request-Id"] == "trace-1")
            try client.send(get("/items/7", headers: "X-Request-Id: bad id with spaces\r\n"))
            let generated = try #require(try client.readResponse()?.headers["X-Request-Id"])
            #expect(generated != "bad id with spaces")
        }
        let recorded = lines.withLock { $0 }
        #expect(recorded.count == 2)
        let first = try JSONSerialization.jsonObject(with: Data(recorded[0].utf8)) as? [String: Any]
        #expect(first?["route"] as? String == "/items/:id")
        #expect(first?["request_id"] as? String == "trace-1")
        #expect(first?["status"] as? Int == 200)
        #expect(!recorded[0].contains("secret-42") && !recorded[0].contains("a@b.c"))
        #expect(metrics.requestCount(route: "/items/:id") == 2)
        #expect(metrics.render().contains("http_requests_total{method=\"GET\",route=\"/items/:id\",status=\"200\"} 2"))
    }
}

/// A fresh connection gets a normal answer.
/// Polls `condition` every millisecond for up to a minute (the caller checks the outcome).
func waitFor(_ condition: () -> Bool) {
    let deadline = Date().addingTimeInterval(60)
    while !condition(), Date() < deadline { usleep(1_000) }
}

/// The current value of gauge `name` in `metrics`' exposition text.
func gauge(_ metrics: MetricsRegistry, _ name: String) -> Double? {
    metrics.render().split(separator: "\n").first { $0.hasPrefix(name + " ") }.flatMap { Double($0.split(separator: " ")[1]) }
}

func expectServing(_ server: HTTPServer, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let client = try TestClient(port: server.port)
    try client.send(get("/hello"))
    let response = try client.readResponse()
    #expect(response?.status == 200, sourceLocation: sourceLocation)
    #expect(response?.text == "hello", sourceLocation: sourceLocation)
}
