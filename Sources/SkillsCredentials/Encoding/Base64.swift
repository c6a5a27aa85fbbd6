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

    /// `decodeTable` pre-shifted for each position of a 4-character group (bit 31 marks a bad
    /// character), so a group is four loads, three ORs and one test.
    private static let groupTable: [UInt32] = {
        var table = [UInt32](repeating: 0x8000_0000, count: 1024)
        for c in 0..<256 where decodeTable[c] != 0xFF {
            let v = UInt32(decodeTable[c])
            table[c] = v << 18
            table[256 + c] = v << 12
            table[512 + c] = v << 6
            table[768 + c] = v
        }
        return table
    }()

    /// Decodes base64 or base64url, with or without `=` padding.
    public static func decode<S: StringProtocol>(_ text: S) throws(CredentialError) -> [UInt8] {
        try decode(bytes: Array(text.utf8))
    }

    /// Decodes base64 or base64url given as ASCII bytes.
    public static func decode(bytes input: [UInt8]) throws(CredentialError) -> [UInt8] {
        try input.withUnsafeBufferPointer { buffer throws(CredentialError) in try decode(buffer: buffer) }
    }

    /// Decodes base64 or base64url given as ASCII bytes (a JWS segment, without copying it).
    public static func decode(slice input: ArraySlice<UInt8>) throws(CredentialError) -> [UInt8] {
        try input.withUnsafeBufferPointer { buffer throws(CredentialError) in try decode(buffer: buffer) }
    }

    /// The decoder: four characters to three bytes per step, one validity test per group.
    static func decode(buffer padded: UnsafeBufferPointer<UInt8>) throws(CredentialError) -> [UInt8] {
        var count = padded.count
        while count > 0, padded[count - 1] == UInt8(ascii: "=") { count -= 1 }
        if padded.count - count > 2 { throw CredentialError(.malformed, "base64: too much padding") }
        if count % 4 == 1 { throw CredentialError(.malformed, "base64: impossible length \(count)") }
        let input = UnsafeBufferPointer(rebasing: padded[..<count])
        let fullGroups = count / 4
        let rest = count % 4
        var bad = -1
        let out = decodeTable.withUnsafeBufferPointer { table in
            groupTable.withUnsafeBufferPointer { group in
                [UInt8](unsafeUninitializedCapacity: fullGroups * 3 + max(0, rest - 1)) { output, initialized in
                    var o = 0
                    var i = 0
                    defer { initialized = output.count }
                    for _ in 0..<fullGroups {
                        let v = group[Int(input[i])] | group[256 + Int(input[i + 1])] | group[512 + Int(input[i + 2])] | group[768 + Int(input[i + 3])]
                        if v & 0x8000_0000 != 0 { bad = i; output.initialize(repeating: 0); return }
                        output[o] = UInt8(truncatingIfNeeded: v >> 16)
                        output[o + 1] = UInt8(truncatingIfNeeded: v >> 8)
                        output[o + 2] = UInt8(truncatingIfNeeded: v)
                        o += 3
                        i += 4
                    }
                    if rest >= 2 {
                        let a = table[Int(input[i])], b = table[Int(input[i + 1])]
                        let c = rest == 3 ? table[Int(input[i + 2])] : 0
                        if (a | b | c) == 0xFF { bad = i; output.initialize(repeating: 0); return }
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
            let offset = (bad..<min(bad + 4, count)).first { decodeTable[Int(input[$0])] == 0xFF } ?? bad
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
