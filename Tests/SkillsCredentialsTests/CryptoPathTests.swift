// The fast paths of the VC-JWT verifier against simple references:
// 1. Base64 decoding (standard and url alphabets, with and without padding, slices) equals
//    Foundation's decoder on seeded random bytes; bad characters are errors at their offset.
// 2. Pooled verification contexts: RSA and P-256 keys verify good signatures and reject bad ones in
//    any order (a failure never poisons a reused context), also from several threads at once.
import Foundation
import SkillsCore
import SkillsTestSupport
import Testing

@testable import SkillsCredentials

@Test func base64MatchesFoundation() throws {
    var rng = SeededGenerator(seed: 4648)
    for _ in 0..<400 {
        let bytes = (0..<Int.random(in: 0..<80, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
        let standard = Data(bytes).base64EncodedString()
        #expect(try Base64.decode(standard) == bytes)
        let url = Base64.urlEncode(bytes)
        #expect(url == standard.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: ""))
        #expect(try Base64.decode(url) == bytes)
        let framed = Array(("." + url + ".").utf8)
        #expect(try Base64.decode(slice: framed[1..<(framed.count - 1)]) == bytes)
        if !url.isEmpty {
            var broken = Array(url.utf8)
            let at = Int.random(in: 0..<broken.count, using: &rng)
            broken[at] = UInt8(ascii: "*")
            do {
                _ = try Base64.decode(bytes: broken)
                Issue.record("accepted a bad character")
            } catch {
                // A lone trailing character is an impossible length, reported before any character.
                #expect(error.message.contains("invalid character at \(at)") || error.message.contains("impossible length"), "\(error.message)")
            }
        }
    }
}

@Test(.timeLimit(.minutes(5)))  // a guard against runaway work, not a speed target
func pooledContextsSurviveFailuresAndThreads() async throws {
    let vectors = try loadJSON("jose/jose-vectors.json")
    var cases: [(PublicKey, [UInt8], [UInt8])] = []
    for name in ["rfc7520_4_1_RS256", "rfc7515_A3_ES256"] {
        let key = try KeyResolver.keyFromJWK(vectors[name]!["jwk"]!)
        let parts = vectors[name]!["compact"]!.stringValue!.split(separator: ".")
        cases.append((key, Array((parts[0] + "." + parts[1]).utf8), try Base64.decode(parts[2])))
    }
    var rng = SeededGenerator(seed: 7515)
    for _ in 0..<60 {
        for (key, message, signature) in cases {
            let good = Bool.random(using: &rng)
            var sig = signature
            if !good { sig[Int.random(in: 0..<sig.count, using: &rng)] ^= 0x40 }
            #expect(key.verify(signature: sig, message: message) == good)
            var forged = message
            forged[0] ^= 1
            #expect(!key.verify(signature: signature, message: forged))
        }
    }
    for (key, message, signature) in cases {
        // Wrong lengths and garbage are refusals, never crashes, and leave the pool usable.
        for bad in [[], Array(signature.dropLast()), signature + [0], [0x30, 0x03, 0x02, 0x01, 0x00], [UInt8](repeating: 0xFF, count: 512)] {
            #expect(!key.verify(signature: bad, message: message))
        }
        #expect(key.verify(signature: signature, message: message))
    }
    let checks = cases.map { ($0.0, $0.1, $0.2) }
    let results = await withTaskGroup(of: Bool.self) { group in
        for t in 0..<8 {
            group.addTask {
                var ok = true
                for i in 0..<40 {
                    for (key, message, signature) in checks {
                        var sig = signature
                        let good = (i + t) % 3 != 0
                        if !good { sig[sig.count / 2] ^= 1 }
                        ok = ok && key.verify(signature: sig, message: message) == good
                    }
                }
                return ok
            }
        }
        return await group.reduce(into: [Bool]()) { $0.append($1) }
    }
    #expect(results == Array(repeating: true, count: 8))
}
