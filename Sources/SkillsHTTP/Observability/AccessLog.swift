import Glibc

/// One access-log record. Deliberately no bodies, no query values and no raw path: the route
/// pattern identifies the endpoint without the ids or personal data a path may carry.
public struct AccessLogEntry: Sendable, Equatable {
    public var requestID: String
    public var method: String
    /// The matched route pattern, `(unmatched)` when none matched, `(invalid)` for unparsable requests.
    public var route: String
    public var status: Int
    public var durationSeconds: Double
    public var requestBytes: Int
    public var responseBytes: Int

    public init(requestID: String, method: String, route: String, status: Int, durationSeconds: Double, requestBytes: Int, responseBytes: Int) {
        self.requestID = requestID
        self.method = method
        self.route = route
        self.status = status
        self.durationSeconds = durationSeconds
        self.requestBytes = requestBytes
        self.responseBytes = responseBytes
    }

    /// The JSON line (without the newline).
    public func jsonLine(timestamp: String) -> String {
        let ms = (durationSeconds * 1_000_000).rounded() / 1000
        return "{\"ts\":\"\(timestamp)\",\"request_id\":\(JSONText.quoted(requestID)),\"method\":\(JSONText.quoted(method))"
            + ",\"route\":\(JSONText.quoted(route)),\"status\":\(status),\"duration_ms\":\(ms)"
            + ",\"bytes_in\":\(requestBytes),\"bytes_out\":\(responseBytes)}"
    }
}

/// Writes access-log entries as JSON lines to a sink (standard error by default).
public struct AccessLog: Sendable {
    private let sink: @Sendable (String) -> Void

    /// A log whose lines (each ending in a newline) go to `sink`.
    public init(sink: @escaping @Sendable (String) -> Void) { self.sink = sink }

    /// A log writing to a file descriptor; each line is one `write`, so lines never interleave.
    public static func fileDescriptor(_ fd: Int32) -> AccessLog {
        AccessLog { line in
            var line = line
            line.withUTF8 { bytes in _ = Glibc.write(fd, bytes.baseAddress, bytes.count) }
        }
    }

    public static var standardError: AccessLog { fileDescriptor(2) }

    public func record(_ entry: AccessLogEntry) {
        sink(entry.jsonLine(timestamp: Self.timestamp()) + "\n")
    }

    /// RFC 3339 UTC with milliseconds.
    static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var seconds = now.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2)).\(pad(Int32(now.tv_nsec / 1_000_000), 3))Z"
    }
}
