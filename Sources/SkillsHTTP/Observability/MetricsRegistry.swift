import Synchronization

/// Prometheus metrics in the text exposition format (version 0.0.4).
///
/// The server records every request here (`http_requests_total` and the
/// `http_request_duration_seconds` histogram, labelled by method, route pattern and status); other
/// modules register gauges (index sizes, queue depth) whose values are read when `/metrics` is scraped.
public final class MetricsRegistry: Sendable {
    private struct RequestKey: Hashable {
        var method: String
        var route: String
        var status: Int
    }

    private struct Histogram {
        var bucketCounts: [UInt64]
        var sum: Double = 0
        var count: UInt64 = 0
    }

    private struct Gauge {
        var help: String
        var read: @Sendable () -> Double
    }

    private struct State {
        var requests: [RequestKey: Histogram] = [:]
        var gauges: [String: Gauge] = [:]
    }

    /// Upper bounds of the latency histogram buckets, in seconds (`+Inf` is implied).
    public let latencyBuckets: [Double]
    private let state = Mutex(State())

    public init(latencyBuckets: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]) {
        self.latencyBuckets = latencyBuckets.sorted()
    }

    /// Counts one finished request and its latency.
    public func recordRequest(method: String, route: String, status: Int, seconds: Double) {
        let key = RequestKey(method: method, route: route, status: status)
        let bucket = latencyBuckets.firstIndex { seconds <= $0 } ?? latencyBuckets.count
        state.withLock { state in
            var histogram = state.requests[key] ?? Histogram(bucketCounts: Array(repeating: 0, count: latencyBuckets.count + 1))
            histogram.bucketCounts[bucket] += 1
            histogram.sum += seconds
            histogram.count += 1
            state.requests[key] = histogram
        }
    }

    /// Registers (or replaces) a gauge read at each scrape. `name` must be a valid Prometheus name.
    public func registerGauge(_ name: String, help: String, value: @escaping @Sendable () -> Double) throws(HTTPServerError) {
        guard Self.isValidName(name) else {
            throw HTTPServerError(.invalidConfiguration, "invalid metric name \"\(name)\"")
        }
        state.withLock { $0.gauges[name] = Gauge(help: help, read: value) }
    }

    /// The total number of requests recorded for `route` (all methods and statuses).
    public func requestCount(route: String) -> UInt64 {
        state.withLock { $0.requests.filter { $0.key.route == route }.values.reduce(0) { $0 + $1.count } }
    }

    /// The exposition text.
    public func render() -> String {
        let (requests, gauges) = state.withLock { ($0.requests, $0.gauges) }
        var out = ""
        let keys = requests.keys.sorted { ($0.route, $0.method, $0.status) < ($1.route, $1.method, $1.status) }
        out += "# HELP http_requests_total HTTP requests answered, by method, route pattern and status.\n"
        out += "# TYPE http_requests_total counter\n"
        for key in keys {
            out += "http_requests_total{\(labels(key))} \(requests[key]!.count)\n"
        }
        out += "# HELP http_request_duration_seconds Time from a complete request to its response.\n"
        out += "# TYPE http_request_duration_seconds histogram\n"
        for key in keys {
            let histogram = requests[key]!
            var cumulative: UInt64 = 0
            for (index, bound) in latencyBuckets.enumerated() {
                cumulative += histogram.bucketCounts[index]
                out += "http_request_duration_seconds_bucket{\(labels(key)),le=\"\(format(bound))\"} \(cumulative)\n"
            }
            out += "http_request_duration_seconds_bucket{\(labels(key)),le=\"+Inf\"} \(histogram.count)\n"
            out += "http_request_duration_seconds_sum{\(labels(key))} \(format(histogram.sum))\n"
            out += "http_request_duration_seconds_count{\(labels(key))} \(histogram.count)\n"
        }
        // Gauges are read outside the lock: their closures may take locks of their own.
        for name in gauges.keys.sorted() {
            let gauge = gauges[name]!
            out += "# HELP \(name) \(gauge.help.replacingBackslashesAndNewlines())\n# TYPE \(name) gauge\n"
            out += "\(name) \(format(gauge.read()))\n"
        }
        return out
    }

    /// `render()` as a response with the Prometheus content type.
    public func response() -> HTTPResponse {
        HTTPResponse(status: .ok, headers: ["Content-Type": "text/plain; version=0.0.4; charset=utf-8"], body: Array(render().utf8))
    }

    private func labels(_ key: RequestKey) -> String {
        "method=\"\(Self.escape(key.method))\",route=\"\(Self.escape(key.route))\",status=\"\(key.status)\""
    }

    private func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    static func escape(_ label: String) -> String {
        var out = ""
        for character in label {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }

    static func isValidName(_ name: String) -> Bool {
        guard let first = name.utf8.first, !(0x30...0x39).contains(first) else { return false }
        return name.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == 0x5F || byte == 0x3A
        }
    }
}

private extension String {
    func replacingBackslashesAndNewlines() -> String {
        var out = ""
        for character in self {
            switch character {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }
}
