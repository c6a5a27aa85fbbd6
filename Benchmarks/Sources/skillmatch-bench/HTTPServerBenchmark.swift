// HTTP transport benchmark server: the SkillsHTTP server answering `GET /healthz` through a Router,
// for `Benchmarks/http-load.sh`, which drives it and nginx side by side with wrk.
// Run: `swift build -c release --product skillmatch-bench`, then
// `.build/release/skillmatch-bench http-server --port 0 [--host 127.0.0.1] [--workers N] [--queue N] [--access-log]`.
// Prints `listening on <port>` once bound; SIGTERM or SIGINT drains and exits 0.
import Foundation
import SkillsHTTP

func runHTTPServerBenchmark(_ arguments: [String]) throws {
    var configuration = ServerConfiguration()
    configuration.port = 0
    var accessLog = false
    var index = 0
    func value() throws -> String {
        index += 1
        guard index < arguments.count else { throw HTTPServerError(.invalidConfiguration, "\(arguments[index - 1]) needs a value") }
        return arguments[index]
    }
    func integer(_ key: String) throws -> Int {
        let text = try value()
        guard let number = Int(text) else { throw HTTPServerError(.invalidConfiguration, keyPath: key, "not an integer: \(text)") }
        return number
    }
    while index < arguments.count {
        switch arguments[index] {
        case "--port": configuration.port = try integer("port")
        case "--host": configuration.host = try value()
        case "--workers": configuration.workerThreads = try integer("workerThreads")
        case "--queue": configuration.queueCapacity = try integer("queueCapacity")
        case "--access-log": accessLog = true
        default: throw HTTPServerError(.invalidConfiguration, "unknown option \(arguments[index])")
        }
        index += 1
    }
    let metrics = MetricsRegistry()
    var router = Router()
    router.get("/healthz") { _, _ in .json(Array("{\"status\":\"ok\"}".utf8)) }
    router.get("/metrics") { _, _ in metrics.response() }
    let server = try HTTPServer.start(
        configuration: configuration, responder: router, accessLog: accessLog ? .standardError : nil, metrics: metrics
    )
    print("listening on \(server.port)")
    fflush(nil)
    server.runUntilTerminated()
    print("stopped")
}
