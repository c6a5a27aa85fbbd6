import SkillsCore

/// RFC 8785 JSON Canonicalization Scheme.
///
/// Object members are sorted by the UTF-16 code units of their keys, numbers are written the way
/// ECMAScript's `Number.prototype.toString` writes the nearest double, strings use minimal
/// escaping, and there is no whitespace. Used by `eddsa-jcs-2022` and `ecdsa-jcs-2019`.
public enum JCS {
    /// The canonical UTF-8 bytes of `value`; fails on numbers outside the double range.
    public static func canonicalize(_ value: JSONValue) throws(CredentialError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        try write(value, into: &out)
        return out
    }

    private static func write(_ value: JSONValue, into out: inout [UInt8]) throws(CredentialError) {
        switch value {
        case .null, .bool, .string: JSONValue.write(value, into: &out)
        case .number(let n): out.append(contentsOf: try formatNumber(n.doubleValue).utf8)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (i, e) in elements.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                try write(e, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            out.append(UInt8(ascii: "{"))
            let sorted = object.members.sorted { $0.key.utf16.lexicographicallyPrecedes($1.key.utf16) }
            for (i, m) in sorted.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                JSONValue.writeString(m.key, into: &out)
                out.append(UInt8(ascii: ":"))
                try write(m.value, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// ECMAScript `Number.prototype.toString` for a finite double.
    public static func formatNumber(_ value: Double) throws(CredentialError) -> String {
        guard value.isFinite else { throw CredentialError(.malformed, "JCS: number outside the IEEE 754 double range") }
        if value == 0 { return "0" }
        // Swift prints the shortest digits that round-trip, as ECMAScript requires; re-layout them.
        var text = Substring(value.magnitude.description)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...]) ?? 0
            text = text[..<e]
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let integerPart = parts[0]
        let fraction = parts.count > 1 ? parts[1] : ""
        var digits = Array(integerPart.utf8) + Array(fraction.utf8)
        var n = integerPart.count + exponent  // decimal point position relative to the first digit
        while digits.first == UInt8(ascii: "0") { digits.removeFirst(); n -= 1 }
        while digits.last == UInt8(ascii: "0") { digits.removeLast() }
        let k = digits.count
        let s = String(decoding: digits, as: UTF8.self)
        var result: String
        if k <= n && n <= 21 {
            result = s + String(repeating: "0", count: n - k)
        } else if 0 < n && n <= 21 {
            result = String(s.prefix(n)) + "." + String(s.dropFirst(n))
        } else if -6 < n && n <= 0 {
            result = "0." + String(repeating: "0", count: -n) + s
        } else {
            let e = n - 1
            result = String(s.prefix(1)) + (k > 1 ? "." + String(s.dropFirst()) : "") + "e" + (e >= 0 ? "+" : "-") + String(abs(e))
        }
        if value < 0 { result = "-" + result }
        return result
    }
}
