// Properties of JCS (RFC 8785):
// 1. The six cyberphone test files canonicalise to their expected output byte for byte.
// 2. Number formatting matches ECMAScript on known values and round-trips random doubles.
import Foundation
import SkillsCore
import SkillsTestSupport
import Testing

@testable import SkillsCredentials

@Test(arguments: ["arrays", "french", "structures", "unicode", "values", "weird"])
func jcsTestData(name: String) throws {
    let dir = FixturePaths.shared("credentials/vectors/jcs/testdata")
    let input = try Data(contentsOf: dir.appendingPathComponent("input/\(name).json"))
    let expected = try Data(contentsOf: dir.appendingPathComponent("output/\(name).json"))
    let canonical = try JCS.canonicalize(try JSONParser().parse(input))
    #expect(canonical == Array(expected), "\(String(decoding: canonical, as: UTF8.self))")
}

@Test(arguments: [
    (0.0, "0"), (-0.0, "0"), (1.0, "1"), (-1.5, "-1.5"), (1e21, "1e+21"), (1e20, "100000000000000000000"),
    (1e-6, "0.000001"), (1e-7, "1e-7"), (123456789.125, "123456789.125"), (5e-324, "5e-324"),
    (1.7976931348623157e308, "1.7976931348623157e+308"), (0.1 + 0.2, "0.30000000000000004"), (333333333.3333333, "333333333.3333333"),
])
func jcsNumberFormatting(value: Double, expected: String) throws {
    #expect(try JCS.formatNumber(value) == expected)
}

@Test func jcsNumbersRoundTrip() throws {
    var rng = SeededGenerator(seed: 42)
    for _ in 0..<2000 {
        let value = Double(bitPattern: rng.next())
        guard value.isFinite else { continue }
        let text = try JCS.formatNumber(value)
        #expect(Double(text) == value, "\(text)")
    }
    #expect(throws: CredentialError.self) { try JCS.canonicalize(try JSONParser().parse("1e400")) }
}
