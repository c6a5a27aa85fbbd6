import Synchronization

/// Request ids: the client's `X-Request-Id` when it is short and plain, else a process-unique one.
final class RequestIDGenerator: Sendable {
    private let prefix: String
    private let counter = Atomic<UInt64>(0)

    init() {
        let random = UInt64.random(in: 0...UInt64.max)
        let hex = String(random, radix: 16)
        prefix = String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// The id for a request carrying `header` (the raw `X-Request-Id` value, if any).
    func id(accepting header: String?) -> String {
        if let header, Self.isAcceptable(header) { return header }
        let sequence = counter.add(1, ordering: .relaxed).newValue
        return "\(prefix)-\(String(sequence, radix: 16))"
    }

    /// 1–128 characters from `[A-Za-z0-9._:-]`: safe to echo and to log.
    static func isAcceptable(_ value: String) -> Bool {
        let utf8 = value.utf8
        guard (1...128).contains(utf8.count) else { return false }
        return utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                || byte == 0x2E || byte == 0x5F || byte == 0x2D || byte == 0x3A
        }
    }
}
