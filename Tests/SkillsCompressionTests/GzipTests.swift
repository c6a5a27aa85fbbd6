import Foundation
import Testing
import SkillsTestSupport
@testable import SkillsCompression

@Suite struct GzipTests {
    static func randomText(_ count: Int, _ random: inout SeededGenerator) -> Data {
        let words = ["skill", "python", "welding", " ", "\n", "nursing", "ESCO", "é", "数据"]
        var text = ""
        while text.utf8.count < count { text += words.randomElement(using: &random)! }
        return Data(text.utf8)
    }

    @Test func roundTripsRandomData() throws {
        var random = SeededGenerator(seed: 42)
        for size in [0, 1, 100, 70_000, 300_000] {
            let original = Self.randomText(size, &random)
            let compressed = try Gzip.compress(original)
            #expect(try Gzip.decompress(compressed, limit: 1 << 24) == original)
        }
        let noise = Data((0..<50_000).map { _ in UInt8.random(in: 0...255, using: &random) })
        #expect(try Gzip.decompress(Gzip.compress(noise), limit: 1 << 20) == noise)
    }

    @Test func concatenatedMembersDecompressInOrder() throws {
        let a = Data("first member\n".utf8), b = Data("second member\n".utf8)
        let joined = try Gzip.compress(a) + Gzip.compress(b)
        #expect(try Gzip.decompress(joined, limit: 1000) == a + b)
    }

    @Test func limitIsEnforced() throws {
        let compressed = try Gzip.compress(Data(repeating: 0x41, count: 100_000))
        let error = #expect(throws: CompressionError.self) { try Gzip.decompress(compressed, limit: 99_999) }
        #expect(error?.kind == .limitExceeded)
    }

    @Test func badInputGivesErrorsNotCrashes() throws {
        #expect(throws: CompressionError.self) { try Gzip.decompress(Data(), limit: 100) }
        #expect(throws: CompressionError.self) { try Gzip.decompress(Data("plain text, not gzip at all".utf8), limit: 100) }
        var random = SeededGenerator(seed: 9)
        let compressed = try Gzip.compress(Self.randomText(20_000, &random))
        for cut in stride(from: 18, to: compressed.count - 1, by: 97) {
            let error = #expect(throws: CompressionError.self) { try Gzip.decompress(compressed.prefix(cut), limit: 1 << 20) }
            #expect(error?.kind == .corrupt)
        }
        for _ in 0..<200 {
            var damaged = compressed
            let at = Int.random(in: 10..<damaged.count, using: &random)
            damaged[at] ^= UInt8.random(in: 1...255, using: &random)
            _ = try? Gzip.decompress(damaged, limit: 1 << 20)  // any outcome but a crash
        }
    }
}
