/// Multibase strings (`z` = base58btc, `u` = base64url) and the multicodec key prefixes in them.
public enum Multibase {
    /// Decodes a multibase string by its prefix character.
    public static func decode(_ text: String) throws(CredentialError) -> [UInt8] {
        guard let prefix = text.first else { throw CredentialError(.malformed, "multibase: empty string") }
        let body = text.dropFirst()
        switch prefix {
        case "z": return try Base58.decode(body)
        case "u": return try Base64.decode(body)
        default: throw CredentialError(.unsupported, "multibase: unsupported prefix '\(prefix)'")
        }
    }

    /// Splits a multicodec-prefixed public key (`0xed01` Ed25519, `0x8024` P-256) into type and bytes.
    public static func decodeKey(_ text: String) throws(CredentialError) -> (KeyType, [UInt8]) {
        let bytes = try decode(text)
        guard bytes.count > 2 else { throw CredentialError(.key, "multikey: too short") }
        switch (bytes[0], bytes[1]) {
        case (0xED, 0x01):
            guard bytes.count == 34 else { throw CredentialError(.key, "multikey: Ed25519 key must be 32 bytes, got \(bytes.count - 2)") }
            return (.ed25519, Array(bytes[2...]))
        case (0x80, 0x24):
            guard bytes.count == 35 else { throw CredentialError(.key, "multikey: P-256 key must be a 33-byte compressed point") }
            return (.p256, Array(bytes[2...]))
        default:
            throw CredentialError(.unsupported, "multikey: unsupported multicodec prefix \(bytes[0]) \(bytes[1])")
        }
    }
}
