/// Splits text into index terms: ASCII lowercase, split on anything but letters, digits, `+` and `#`,
/// drop English stopwords and one-letter tokens, then a light suffix stemmer.
///
/// Works on UTF-8 bytes because per-`Character` iteration is an order of magnitude slower; non-ASCII
/// bytes stay inside tokens unchanged (no Unicode case folding).
public struct TextAnalyzer: Sendable {
    public init() {}

    static let stopwords: Set<String> = [
        "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "is", "it",
        "its", "of", "on", "or", "our", "that", "the", "their", "this", "to", "was", "we", "were", "will",
        "with", "you", "your",
    ]
    /// The stopwords packed into integers (all are at most 8 bytes), so the indexing loop tests a
    /// token without making a `String` of it.
    static let packedStopwords: Set<UInt64> = Set(stopwords.map { pack($0.utf8) })

    /// The terms of `text`, in order, with repeats.
    public func terms(_ text: String) -> [String] {
        var out: [String] = []
        forEachTerm(text) { out.append(String(decoding: $0, as: UTF8.self)) }
        return out
    }

    /// Calls `body` with the bytes of each term of `text` in order (the same terms as
    /// ``terms(_:)``); the buffer is valid only during the call. Returns the number of terms.
    @discardableResult
    public func forEachTerm(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows -> Int {
        var emitted = 0
        var token: [UInt8] = []
        token.reserveCapacity(32)  // reused for every token: no allocation per word
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): token.append(byte + 32)
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "+"), UInt8(ascii: "#"), 0x80...0xFF:
                token.append(byte)
            default: emitted += try Self.emit(&token, body)
            }
        }
        emitted += try Self.emit(&token, body)
        return emitted
    }

    /// Stems `token` in place and hands it to `body` unless it is too short or a stopword; empties it.
    private static func emit(_ token: inout [UInt8], _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows -> Int {
        defer { token.removeAll(keepingCapacity: true) }
        guard token.count > 1 else { return 0 }
        return try token.withUnsafeMutableBufferPointer { buffer in
            let n = stem(buffer, count: buffer.count)
            let word = UnsafeBufferPointer(rebasing: buffer[..<n])
            if n <= 8, packedStopwords.contains(pack(word)) { return 0 }
            try body(word)
            return 1
        }
    }

    /// The first 8 bytes as one integer (little-endian).
    static func pack(_ bytes: some Collection<UInt8>) -> UInt64 {
        var value: UInt64 = 0
        for (i, byte) in bytes.prefix(8).enumerated() { value |= UInt64(byte) << (8 * UInt64(i)) }
        return value
    }

    /// Light English stemming in place: `-ies`→`-y`, `-sses`→`-ss`, plural `-s`, `-ing`, `-ed`.
    /// Returns the stemmed length.
    static func stem(_ word: UnsafeMutableBufferPointer<UInt8>, count n: Int) -> Int {
        func ends(_ suffix: StaticString) -> Bool {
            let s = suffix.utf8Start, m = suffix.utf8CodeUnitCount
            guard n > m else { return false }
            for i in 0..<m where word[n - m + i] != s[i] { return false }
            return true
        }
        if n > 4, ends("ies") {
            word[n - 3] = UInt8(ascii: "y")
            return n - 2
        }
        if ends("sses") { return n - 2 }
        if n > 5, ends("ing") { return n - 3 }
        if n > 4, ends("ed"), !ends("eed") { return n - 2 }
        if n > 3, ends("s"), !ends("ss"), !ends("us"), !ends("is") { return n - 1 }
        return n
    }
}
