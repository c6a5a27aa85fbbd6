import CCrypto
import Synchronization

/// The key types the verifier accepts.
public enum KeyType: String, Sendable, Equatable {
    case ed25519 = "Ed25519"
    case p256 = "P-256"
    case rsa = "RSA"
}

/// A public key held by libcrypto, able to check signatures.
///
/// Immutable after creation; libcrypto allows concurrent verification with one `EVP_PKEY`.
/// RSA and P-256 keys keep a few verification contexts ready: with OpenSSL 3, setting one up
/// (algorithm fetch, padding, digest) costs a sizeable part of an RSA verification.
public final class PublicKey: @unchecked Sendable, CustomStringConvertible {
    public let type: KeyType
    private let pkey: OpaquePointer
    var pkeyPointer: OpaquePointer { pkey }
    /// Idle `EVP_PKEY_CTX`s initialised for `EVP_PKEY_verify` (RSA, P-256); one per concurrent caller.
    private let idleContexts = Mutex<[VerifyContext]>([])
    private static let maxIdleContexts = 8

    private init(type: KeyType, pkey: OpaquePointer) {
        self.type = type
        self.pkey = pkey
    }

    deinit {
        for ctx in idleContexts.withLock({ $0 }) { EVP_PKEY_CTX_free(ctx.pointer) }
        EVP_PKEY_free(pkey)
    }

    public var description: String { "\(type.rawValue) public key" }

    /// An Ed25519 key from its 32 raw bytes.
    public static func ed25519(_ raw: [UInt8]) throws(CredentialError) -> PublicKey {
        guard raw.count == 32 else { throw CredentialError(.key, "Ed25519 key must be 32 bytes, got \(raw.count)") }
        guard let pkey = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nil, raw, raw.count) else {
            throw CredentialError(.key, "libcrypto rejected the Ed25519 key")
        }
        return PublicKey(type: .ed25519, pkey: pkey)
    }

    /// A P-256 key from an SEC1 point, compressed (33 bytes) or not (65 bytes).
    public static func p256(point: [UInt8]) throws(CredentialError) -> PublicKey {
        guard (point.count == 33 && (point[0] == 2 || point[0] == 3)) || (point.count == 65 && point[0] == 4) else {
            throw CredentialError(.key, "P-256 point must be 33 or 65 bytes in SEC1 form")
        }
        let pkey = ccrypto_p256_public_key(point, point.count)
        guard let pkey else { throw CredentialError(.key, "not a point on P-256") }
        return PublicKey(type: .p256, pkey: pkey)
    }

    /// A P-256 key from JWK coordinates.
    public static func p256(x: [UInt8], y: [UInt8]) throws(CredentialError) -> PublicKey {
        guard x.count == 32, y.count == 32 else { throw CredentialError(.key, "P-256 coordinates must be 32 bytes each") }
        return try p256(point: [4] + x + y)
    }

    /// An RSA key from its modulus and public exponent (big-endian bytes).
    public static func rsa(modulus: [UInt8], exponent: [UInt8]) throws(CredentialError) -> PublicKey {
        guard modulus.count >= 256 else { throw CredentialError(.key, "RSA modulus below 2048 bits") }
        guard modulus.count <= 1024, !exponent.isEmpty, exponent.count <= 8 else {
            throw CredentialError(.key, "RSA key size out of range")
        }
        let pkey = ccrypto_rsa_public_key(modulus, modulus.count, exponent, exponent.count)
        guard let pkey else { throw CredentialError(.key, "libcrypto rejected the RSA key") }
        return PublicKey(type: .rsa, pkey: pkey)
    }

    /// Checks `signature` over `message`: pure Ed25519, or SHA-256 with ECDSA (DER or raw R‖S) / RSA PKCS#1 v1.5.
    public func verify<Message: Collection<UInt8>>(signature: [UInt8], message: Message) -> Bool {
        if type == .ed25519 {
            let done: Bool? = message.withContiguousStorageIfAvailable { verifyEd25519(signature: signature, message: $0) }
            return done ?? Array(message).withUnsafeBufferPointer { verifyEd25519(signature: signature, message: $0) }
        }
        var sig = signature
        if type == .p256 {
            if signature.count == 64 { sig = Self.derFromRaw(signature) } else if signature.first != 0x30 { return false }
        }
        return verifyDigest(signature: sig, digest: SHA256.hash(message))
    }

    /// Pure Ed25519 (the message is not pre-hashed, so there is no reusable digest step).
    private func verifyEd25519(signature: [UInt8], message: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let ctx = EVP_MD_CTX_new() else { return false }
        defer { EVP_MD_CTX_free(ctx) }
        guard EVP_DigestVerifyInit(ctx, nil, nil, nil, pkey) == 1 else { return false }
        let result = EVP_DigestVerify(ctx, signature, signature.count, message.baseAddress, message.count)
        ERR_clear_error()
        return result == 1
    }

    /// RSA PKCS#1 v1.5 / ECDSA over a SHA-256 digest, with a pooled verification context.
    private func verifyDigest(signature: [UInt8], digest: [UInt8]) -> Bool {
        guard let ctx = idleContexts.withLock({ $0.popLast() })?.pointer ?? makeVerifyContext() else { return false }
        let result = EVP_PKEY_verify(ctx, signature, signature.count, digest, digest.count)
        ERR_clear_error()
        // A context that saw a failure is not reused: its state after an error is not specified.
        let keep = result == 1 && idleContexts.withLock { idle in
            guard idle.count < Self.maxIdleContexts else { return false }
            idle.append(VerifyContext(pointer: ctx))
            return true
        }
        if !keep { EVP_PKEY_CTX_free(ctx) }
        return result == 1
    }

    private func makeVerifyContext() -> OpaquePointer? {
        guard let ctx = EVP_PKEY_CTX_new_from_pkey(nil, pkey, nil) else { return nil }
        var ok = EVP_PKEY_verify_init(ctx) == 1
        if ok && type == .rsa { ok = EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING) == 1 }
        if ok { ok = EVP_PKEY_CTX_set_signature_md(ctx, SHA256.md) == 1 }
        ERR_clear_error()
        if ok { return ctx }
        EVP_PKEY_CTX_free(ctx)
        return nil
    }

    /// An idle `EVP_PKEY_CTX`: only ever used by the one caller that took it out of the pool.
    private struct VerifyContext: @unchecked Sendable { let pointer: OpaquePointer }

    /// DER `SEQUENCE { INTEGER r, INTEGER s }` from a fixed-width R‖S signature (JWS, Data Integrity).
    static func derFromRaw(_ raw: [UInt8]) -> [UInt8] {
        func integer(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
            var v = Array(bytes.drop(while: { $0 == 0 }))
            if v.isEmpty { v = [0] }
            if v[0] & 0x80 != 0 { v.insert(0, at: 0) }
            return [0x02, UInt8(v.count)] + v
        }
        let half = raw.count / 2
        let body = integer(raw[..<half]) + integer(raw[half...])
        return [0x30, UInt8(body.count)] + body
    }
}

/// SHA-256 through libcrypto.
public enum SHA256 {
    /// Fetched once: `EVP_sha256()` makes OpenSSL 3 look the implementation up on every use.
    nonisolated(unsafe) static let md: OpaquePointer? = EVP_MD_fetch(nil, "SHA2-256", nil)

    public static func hash<Bytes: Collection<UInt8>>(_ data: Bytes) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 32
        let done: Bool? = data.withContiguousStorageIfAvailable { buffer in
            EVP_Digest(buffer.baseAddress, buffer.count, &out, &length, md, nil) == 1
        }
        if done == nil {
            let copy = Array(data)
            _ = EVP_Digest(copy, copy.count, &out, &length, md, nil)
        }
        return out
    }

    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }
}

/// SHA-384 through libcrypto (RDFC-1.0 allows it as an alternative hash).
public enum SHA384 {
    public static func hash(_ data: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 48)
        var length: UInt32 = 48
        _ = EVP_Digest(data, data.count, &out, &length, EVP_sha384(), nil)
        return out
    }
}

extension PublicKey {
    /// `true` when both hold the same public key material.
    public func sameKey(as other: PublicKey) -> Bool {
        self === other || (type == other.type && EVP_PKEY_eq(pkeyPointer, other.pkeyPointer) == 1)
    }
}

/// An Ed25519 private key, for tests and fixtures that need freshly signed credentials.
/// The service itself only verifies.
final class Ed25519PrivateKey: @unchecked Sendable {
    private let pkey: OpaquePointer

    init(seed: [UInt8]) throws(CredentialError) {
        guard seed.count == 32, let pkey = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nil, seed, 32) else {
            throw CredentialError(.key, "Ed25519 seed must be 32 bytes")
        }
        self.pkey = pkey
    }

    deinit { EVP_PKEY_free(pkey) }

    var publicKeyBytes: [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        var length = 32
        _ = EVP_PKEY_get_raw_public_key(pkey, &out, &length)
        return out
    }

    /// `did:key` identifier of the public key.
    var didKey: String { "did:key:z" + Base58.encode([0xED, 0x01] + publicKeyBytes) }

    func sign(_ message: [UInt8]) -> [UInt8] {
        let ctx = EVP_MD_CTX_new()
        defer { EVP_MD_CTX_free(ctx) }
        var signature = [UInt8](repeating: 0, count: 64)
        var length = 64
        _ = EVP_DigestSignInit(ctx, nil, nil, nil, pkey)
        _ = EVP_DigestSign(ctx, &signature, &length, message, message.count)
        return signature
    }
}
