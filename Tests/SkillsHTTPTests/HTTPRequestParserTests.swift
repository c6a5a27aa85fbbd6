import SkillsTestSupport
import Testing
@testable import SkillsHTTP

/// The request parser. Properties checked:
/// 1. random requests (methods, UTF-8 paths, query items, headers, Content-Length or chunked
///    bodies) serialized back to back parse to exactly what was generated, however the byte stream
///    is split into arrivals (the parser never answers early or wrongly on a prefix);
/// 2. each limit fails with its status as soon as it is exceeded, before the rest arrives;
/// 3. framing attacks (Content-Length with Transfer-Encoding, conflicting lengths) are refused.
@Suite struct HTTPRequestParserTests {
    struct Generated {
        var method: String
        var path: String
        var query: [(String, String)]
        var headers: [(String, String)]
        var body: [UInt8]
        var wire: [UInt8]
    }

    static let alphabet: [Character] = ["a", "Z", "0", "-", "é", "ß", "漢", "😀", " ", "/", "?", "&", "=", "+", "%"]

    static func randomText(_ rng: inout SeededGenerator, maxLength: Int) -> String {
        String((0..<Int.random(in: 1...maxLength, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
    }

    static func percentEncoded(_ text: String, plusForSpace: Bool) -> String {
        var out = ""
        for byte in text.utf8 {
            let isUnreserved = (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == 0x2D
            if isUnreserved { out.append(Character(Unicode.Scalar(byte))) }
            else if byte == 0x20 && plusForSpace { out += "+" }
            else { out += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true) }
        }
        return out
    }

    static func generate(_ rng: inout SeededGenerator) -> Generated {
        let method = ["GET", "POST", "PUT", "DELETE", "PATCH"].randomElement(using: &rng)!
        let segments = (0..<Int.random(in: 0...3, using: &rng)).map { _ in randomText(&rng, maxLength: 6).replacingOccurrences(of: "/", with: "x") }
        let path = "/" + segments.joined(separator: "/")
        let query = (0..<Int.random(in: 0...3, using: &rng)).map { _ in (randomText(&rng, maxLength: 5), randomText(&rng, maxLength: 5)) }
        var target = "/" + segments.map { percentEncoded($0, plusForSpace: false) }.joined(separator: "/")
        if !query.isEmpty {
            target += "?" + query.map { percentEncoded($0.0, plusForSpace: true) + "=" + percentEncoded($0.1, plusForSpace: true) }.joined(separator: "&")
        }
        var headers = [("Host", "example.test")]
        for index in 0..<Int.random(in: 0...4, using: &rng) {
            headers.append(("X-Field-\(index)", "value \(UInt32.random(in: 0...UInt32.max, using: &rng))"))
        }
        let body = (0..<Int.random(in: 0...300, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
        var framing: [(String, String)] = []
        var encodedBody = body
        if !body.isEmpty || Bool.random(using: &rng) {
            if Bool.random(using: &rng) {
                framing = [("Transfer-Encoding", "chunked")]
                encodedBody = []
                var rest = body[...]
                while !rest.isEmpty {
                    let size = min(rest.count, Int.random(in: 1...64, using: &rng))
                    encodedBody += Array((String(size, radix: 16) + "\r\n").utf8) + rest.prefix(size) + Array("\r\n".utf8)
                    rest = rest.dropFirst(size)
                }
                encodedBody += Array("0\r\n\r\n".utf8)
            } else {
                framing = [("content-length", String(body.count))]
            }
        }
        let head = "\(method) \(target) HTTP/1.1\r\n" + (headers + framing).map { "\($0.0): \($0.1)\r\n" }.joined() + "\r\n"
        return Generated(method: method, path: path, query: query, headers: headers + framing, body: body, wire: Array(head.utf8) + encodedBody)
    }

    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func randomPipelinesParseIdenticallyUnderAnySplit(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let parser = HTTPRequestParser(limits: ServerConfiguration.Limits())
        let requests = (0..<20).map { _ in Self.generate(&rng) }
        let stream = requests.flatMap(\.wire)
        var received: [UInt8] = []
        var offset = 0
        var parsed: [HTTPRequest] = []
        while offset < stream.count || !received.isEmpty {
            let arrival = min(stream.count - offset, Int.random(in: 1...200, using: &rng))
            received += stream[offset..<(offset + arrival)]
            offset += arrival
            parsing: while !received.isEmpty {
                switch parser.parse(received) {
                case .complete(let request, let consumed):
                    parsed.append(request)
                    received.removeFirst(consumed)
                case .incomplete:
                    #expect(offset < stream.count, "a complete stream must parse completely")
                    if offset == stream.count { return }
                    break parsing
                case .failure(let error):
                    Issue.record("unexpected failure \(error)")
                    return
                }
            }
        }
        #expect(parsed.count == requests.count)
        for (request, expected) in zip(parsed, requests) {
            #expect(request.method.rawValue == expected.method)
            #expect(request.path == expected.path)
            #expect(request.queryItems.map { "\($0.name)=\($0.value)" } == expected.query.map { "\($0.0)=\($0.1)" })
            #expect(request.body == expected.body)
            for (name, value) in expected.headers {
                #expect(request.headers[name.uppercased()] == value)
            }
        }
    }

    static let tight: ServerConfiguration.Limits = {
        var limits = ServerConfiguration.Limits()
        limits.maxURILength = 64
        limits.maxHeaderBytes = 256
        limits.maxHeaderCount = 4
        limits.maxBodyBytes = 100
        return limits
    }()

    @Test(arguments: [
        ("GET /" + String(repeating: "a", count: 200), 414),  // no line end yet: refused early
        ("GET /" + String(repeating: "a", count: 80) + " HTTP/1.1\r\n", 414),
        ("GET / HTTP/1.1\r\nHost: t\r\nX: " + String(repeating: "v", count: 300), 431),
        ("GET / HTTP/1.1\r\nHost: t\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n", 431),
        ("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 101\r\n\r\n", 413),
        ("POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n65\r\n", 413),
        ("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: -3\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip\r\n\r\n", 501),
        ("GET / HTTP/1.1\r\nHost: t\r\n folded\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHo st: t\r\n\r\n", 400),
        ("GET /a%2 HTTP/1.1\r\nHost: t\r\n\r\n", 400),
        ("GET /?q=%C3%28 HTTP/1.1\r\nHost: t\r\n\r\n", 400),
        ("GET relative HTTP/1.1\r\nHost: t\r\n\r\n", 400),
    ])
    func limitsAndMalformedInputFailWithTheirStatus(input: String, status: Int) {
        guard case .failure(let error) = HTTPRequestParser(limits: Self.tight).parse(Array(input.utf8)) else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.status.code == status)
    }

    @Test func expectContinueIsReportedOnceHeadersAreComplete() {
        let parser = HTTPRequestParser(limits: ServerConfiguration.Limits())
        let head = Array("PUT /x HTTP/1.1\r\nHost: t\r\nExpect: 100-Continue\r\nContent-Length: 5\r\n\r\n".utf8)
        guard case .incomplete(true, true) = parser.parse(head) else {
            Issue.record("expected incomplete with continue")
            return
        }
        guard case .complete(let request, let consumed) = parser.parse(head + Array("hello".utf8)) else {
            Issue.record("expected complete")
            return
        }
        #expect(request.body == Array("hello".utf8))
        #expect(consumed == head.count + 5)
    }

    @Test func absoluteFormTargetsAndHTTP10Defaults() {
        let parser = HTTPRequestParser(limits: ServerConfiguration.Limits())
        guard case .complete(let request, _) = parser.parse(Array("GET http://host:80/a/b?x=1 HTTP/1.0\r\n\r\n".utf8)) else {
            Issue.record("expected complete")
            return
        }
        #expect(request.path == "/a/b")
        #expect(request.query("x") == "1")
        #expect(request.version == .http1_0)
        #expect(!request.keepAlive)
    }
}
