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

    /// The terms of `text`, in order, with repeats.
    public func terms(_ text: String) -> [String] {
        var out: [String] = []
        var token: [UInt8] = []
        token.reserveCapacity(32)
        func flush() {
            if token.count > 1 {
                let word = Self.stem(token)
                let term = String(decoding: word, as: UTF8.self)
                if !Self.stopwords.contains(term) { out.append(term) }
            }
            token.removeAll(keepingCapacity: true)
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): token.append(byte + 32)
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "+"), UInt8(ascii: "#"), 0x80...0xFF:
                token.append(byte)
            default: flush()
            }
        }
        flush()
        return out
    }

    /// Light English stemming: `-ies`→`-y`, `-sses`→`-ss`, plural `-s`, `-ing`, `-ed`.
    static func stem(_ word: [UInt8]) -> [UInt8] {
        let n = word.count
        func ends(_ suffix: String) -> Bool {
            let s = Array(suffix.utf8)
            return n > s.count && word[(n - s.count)...].elementsEqual(s)
        }
        if n > 4, ends("ies") { return Array(word[..<(n - 3)]) + [UInt8(ascii: "y")] }
        if ends("sses") { return Array(word[..<(n - 2)]) }
        if n > 5, ends("ing") { return Array(word[..<(n - 3)]) }
        if n > 4, ends("ed"), !ends("eed") { return Array(word[..<(n - 2)]) }
        if n > 3, ends("s"), !ends("ss"), !ends("us"), !ends("is") { return Array(word[..<(n - 1)]) }
        return word
    }
}
