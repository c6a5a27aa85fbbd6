/// Strict base64 and base64url decoding (RFC 4648), and base64url encoding.
///
/// JWS segments are unpadded base64url; status lists may be either alphabet. Whitespace and
/// characters outside the alphabet are rejected, as are non-zero trailing bits.
public enum Base64 {
    private static let decodeTable: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (i, c) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8.enumerated() {
            table[Int(c)] = UInt8(i)
        }
        table[Int(UInt8(ascii: "+"))] = 62
        table[Int(UInt8(ascii: "/"))] = 63
        table[Int(UInt8(ascii: "-"))] = 62
        table[Int(UInt8(ascii: "_"))] = 63
        return table
    }()

    /// Decodes base64 or base64url, with or without `=` padding.
    public static func decode<S: StringProtocol>(_ text: S) throws(CredentialError) -> [UInt8] {
        try decode(bytes: Array(text.utf8))
    }

    /// Decodes base64 or base64url given as ASCII bytes.
    public static func decode(bytes input: [UInt8]) throws(CredentialError) -> [UInt8] {
        var utf8 = input
        while utf8.last == UInt8(ascii: "=") { utf8.removeLast() }
        if input.count - utf8.count > 2 { throw CredentialError(.malformed, "base64: too much padding") }
        if utf8.count % 4 == 1 { throw CredentialError(.malformed, "base64: impossible length \(utf8.count)") }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count * 3 / 4)
        var buffer: UInt32 = 0
        var bits = 0
        let table = decodeTable
        for (i, c) in utf8.enumerated() {
            let v = table[Int(c)]
            if v == 0xFF { throw CredentialError(.malformed, "base64: invalid character at \(i)") }
            buffer = buffer << 6 | UInt32(v)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
            }
        }
        if bits > 0 && buffer & ((1 << UInt32(bits)) - 1) != 0 {
            throw CredentialError(.malformed, "base64: non-zero trailing bits")
        }
        return out
    }

    /// Unpadded base64url.
    public static func urlEncode<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        var out: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for b in bytes {
            buffer = buffer << 8 | UInt32(b)
            bits += 8
            while bits >= 6 {
                bits -= 6
                out.append(alphabet[Int((buffer >> UInt32(bits)) & 63)])
            }
        }
        if bits > 0 { out.append(alphabet[Int((buffer << UInt32(6 - bits)) & 63)]) }
        return String(decoding: out, as: UTF8.self)
    }
}
