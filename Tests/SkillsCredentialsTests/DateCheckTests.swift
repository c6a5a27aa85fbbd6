// The hand-written dateTime parser agrees with Foundation's ISO 8601 formatter on seeded random
// instants, offsets and fractions, and rejects malformed text.
import Foundation
import SkillsTestSupport
import Testing

@testable import SkillsCredentials

@Test func dateParserMatchesFoundation() {
    var rng = SeededGenerator(seed: 2026)
    let formatter = ISO8601DateFormatter()
    for _ in 0..<2000 {
        let instant = Date(timeIntervalSince1970: Double(Int64.random(in: -2_000_000_000...32_000_000_000, using: &rng)))
        let offset = Int.random(in: -12...14, using: &rng) * 3600 + [0, 1800].randomElement(using: &rng)!
        formatter.timeZone = TimeZone(secondsFromGMT: offset)
        let text = formatter.string(from: instant)
        #expect(DateCheck.parse(text) == instant, "\(text)")
    }
    #expect(DateCheck.parse("2010-01-01T00:00:00.5Z")?.timeIntervalSince1970 == 1_262_304_000.5)
    for bad in ["2010-01-01", "2010-13-01T00:00:00Z", "2010-01-01T00:00:00", "2010-01-01T00:00:00Zx", "x010-01-01T00:00:00Z", "2010-01-01T00:00:00.Z"] {
        #expect(DateCheck.parse(bad) == nil, "\(bad)")
    }
}
