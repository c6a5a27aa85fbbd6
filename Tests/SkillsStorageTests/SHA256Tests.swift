import Testing
import SkillsCore
import SkillsTestSupport

@Suite struct SHA256Tests {
    // FIPS 180-4 / NIST CSHA example vectors.
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ])
    func fipsVectors(message: String, digest: String) {
        #expect(SHA256.hexDigest(Array(message.utf8)) == digest)
    }

    @Test func millionAs() {
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256.hexDigest(message) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func incrementalUpdatesMatchOneShot() {
        var rng = SeededGenerator(seed: 7)
        for _ in 0..<50 {
            let length = Int.random(in: 0..<600, using: &rng)
            let message = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
            var hasher = SHA256()
            var offset = 0
            while offset < length {
                let step = Int.random(in: 1...70, using: &rng)
                hasher.update(message[offset..<min(length, offset + step)])
                offset += step
            }
            let digest = hasher.finalize()
            #expect(digest == SHA256.hash(message))
            // The byte-at-a-time path (a sequence without contiguous storage) agrees.
            #expect(SHA256.hash(message.lazy.map { $0 }) == digest)
            #expect(message.withUnsafeBytes { raw in var h = SHA256(); h.update(raw); return h.finalize() } == digest)
        }
    }

    @Test func hexEncoding() {
        #expect(SHA256.hex([0x00, 0x0f, 0xa0, 0xff]) == "000fa0ff")
    }
}
