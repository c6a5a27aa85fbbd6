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
        let fullGroups = utf8.count / 4
        let rest = utf8.count % 4
        var out = [UInt8](repeating: 0, count: fullGroups * 3 + max(0, rest - 1))
        var bad = -1
        decodeTable.withUnsafeBufferPointer { table in
            utf8.withUnsafeBufferPointer { input in
                out.withUnsafeMutableBufferPointer { output in
                    var o = 0
                    var i = 0
                    for _ in 0..<fullGroups {
                        let a = table[Int(input[i])], b = table[Int(input[i + 1])], c = table[Int(input[i + 2])], d = table[Int(input[i + 3])]
                        if (a | b | c | d) == 0xFF { bad = i; return }
                        output[o] = a << 2 | b >> 4
                        output[o + 1] = b << 4 | c >> 2
                        output[o + 2] = c << 6 | d
                        o += 3
                        i += 4
                    }
                    if rest >= 2 {
                        let a = table[Int(input[i])], b = table[Int(input[i + 1])]
                        let c = rest == 3 ? table[Int(input[i + 2])] : 0
                        if (a | b | c) == 0xFF { bad = i; return }
                        output[o] = a << 2 | b >> 4
                        if rest == 3 {
                            output[o + 1] = b << 4 | c >> 2
                            if c & 0x03 != 0 { bad = -2 }
                        } else if b & 0x0F != 0 {
                            bad = -2
                        }
                    }
                }
            }
        }
        if bad == -2 { throw CredentialError(.malformed, "base64: non-zero trailing bits") }
        if bad >= 0 {
            let offset = utf8[bad..<min(bad + 4, utf8.count)].firstIndex { decodeTable[Int($0)] == 0xFF } ?? bad
            throw CredentialError(.malformed, "base64: invalid character at \(offset)")
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
