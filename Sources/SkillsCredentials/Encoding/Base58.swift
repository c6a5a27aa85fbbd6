/// Bitcoin-alphabet base58 (`base58btc`), used by multibase `z…` keys and proof values.
public enum Base58 {
    private static let alphabet = Array("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".utf8)
    private static let decodeTable: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (i, c) in alphabet.enumerated() { table[Int(c)] = UInt8(i) }
        return table
    }()

    /// Decodes base58btc; inputs over `maxLength` characters are refused (decoding is quadratic).
    public static func decode<S: StringProtocol>(_ text: S, maxLength: Int = 4096) throws(CredentialError) -> [UInt8] {
        let utf8 = Array(text.utf8)
        guard utf8.count <= maxLength else { throw CredentialError(.limit, "base58: input longer than \(maxLength)") }
        var zeros = 0
        while zeros < utf8.count && utf8[zeros] == UInt8(ascii: "1") { zeros += 1 }
        var number: [UInt8] = []  // big-endian base-256 digits
        for (i, c) in utf8.enumerated().dropFirst(zeros) {
            var carry = UInt32(decodeTable[Int(c)])
            if carry == 0xFF { throw CredentialError(.malformed, "base58: invalid character at \(i)") }
            for j in stride(from: number.count - 1, through: 0, by: -1) {
                carry += UInt32(number[j]) * 58
                number[j] = UInt8(truncatingIfNeeded: carry)
                carry >>= 8
            }
            while carry > 0 {
                number.insert(UInt8(truncatingIfNeeded: carry), at: 0)
                carry >>= 8
            }
        }
        return [UInt8](repeating: 0, count: zeros) + number
    }

    /// Encodes bytes as base58btc.
    public static func encode(_ bytes: [UInt8]) -> String {
        var zeros = 0
        while zeros < bytes.count && bytes[zeros] == 0 { zeros += 1 }
        var digits: [UInt8] = []  // little-endian base-58 digits
        for b in bytes.dropFirst(zeros) {
            var carry = UInt32(b)
            for j in 0..<digits.count {
                carry += UInt32(digits[j]) << 8
                digits[j] = UInt8(carry % 58)
                carry /= 58
            }
            while carry > 0 {
                digits.append(UInt8(carry % 58))
                carry /= 58
            }
        }
        let out = [UInt8](repeating: alphabet[0], count: zeros) + digits.reversed().map { alphabet[Int($0)] }
        return String(decoding: out, as: UTF8.self)
    }
}
