// Properties of JSONParser / JSONValue serialisation:
// 1. parse(serialize(v)) == v for random seeded documents, and Foundation agrees on the structure.
// 2. Key order and number lexemes survive a round trip.
// 3. Invalid UTF-8, bad syntax, duplicate keys, excess depth and size are errors with a position.
// 4. Long strings (the word-at-a-time scan) parse like short ones, and a quote, backslash, control
//    character or bad byte at any position is found at that position.
import Foundation
import SkillsTestSupport
import Testing

@testable import SkillsCore

private func randomString(_ rng: inout SeededGenerator) -> String {
    let pool: [Character] = ["a", "Z", "0", " ", "\"", "\\", "\n", "\t", "\u{01}", "é", "€", "😀", "/", "中"]
    return String((0..<Int.random(in: 0..<8, using: &rng)).map { _ in pool.randomElement(using: &rng)! })
}

private func randomValue(_ rng: inout SeededGenerator, depth: Int) -> JSONValue {
    switch Int.random(in: 0..<(depth > 3 ? 4 : 6), using: &rng) {
    case 0: return .null
    case 1: return .bool(Bool.random(using: &rng))
    case 2:
        let lexemes = ["0", "-1", "3.25", "1e10", "-0.5E-3", "123456789012345678901234567890", "2.50"]
        return .number(JSONNumber(validatedLexeme: lexemes.randomElement(using: &rng)!))
    case 3: return .string(randomString(&rng))
    case 4: return .array((0..<Int.random(in: 0..<4, using: &rng)).map { _ in randomValue(&rng, depth: depth + 1) })
    default:
        var object = JSONObject()
        for i in 0..<Int.random(in: 0..<5, using: &rng) {
            object[randomString(&rng) + "#\(i)"] = randomValue(&rng, depth: depth + 1)
        }
        return .object(object)
    }
}

/// Compares with what Foundation parses from the same text (structure and values, not order).
private func matchesFoundation(_ value: JSONValue, _ any: Any) -> Bool {
    switch value {
    case .null: return any is NSNull
    case .bool(let b): return (any as? NSNumber)?.boolValue == b
    case .number(let n): return (any as? NSNumber).map { abs($0.doubleValue - n.doubleValue) <= abs(n.doubleValue) * 1e-12 } ?? false
    case .string(let s): return (any as? String) == s
    case .array(let a):
        guard let other = any as? [Any], other.count == a.count else { return false }
        return zip(a, other).allSatisfy { matchesFoundation($0, $1) }
    case .object(let o):
        guard let other = any as? [String: Any], other.count == o.count else { return false }
        return o.allSatisfy { m in other[m.key].map { matchesFoundation(m.value, $0) } ?? false }
    }
}

@Test func roundTripsRandomDocumentsAndAgreesWithFoundation() throws {
    var rng = SeededGenerator(seed: 8785)
    for _ in 0..<500 {
        let value = randomValue(&rng, depth: 0)
        let text = value.serialized()
        let parsed = try JSONParser().parse(text)
        #expect(parsed == value)
        #expect(parsed.serialized() == text)
        let foundation = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        #expect(matchesFoundation(parsed, foundation), "\(text)")
    }
}

@Test func keepsKeyOrderAndNumberLexemes() throws {
    let text = #"{ "z": 1.50, "a": [1E2, -0, 0.1e-7], "m": {"y": true, "b": null} }"#
    let value = try JSONParser().parse(text)
    #expect(value.objectValue?.keys == ["z", "a", "m"])
    #expect(value.serialized() == #"{"z":1.50,"a":[1E2,-0,0.1e-7],"m":{"y":true,"b":null}}"#)
    #expect(value["a"]?.arrayValue?.first?.intValue == 100)
}

@Test func decodesEscapesAndSurrogatePairs() throws {
    let value = try JSONParser().parse(#""a\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00""#)
    #expect(value == .string("a\"\\/\u{08}\u{0C}\n\r\t\u{E9}😀"))
}

@Test(arguments: [
    ("", JSONError.Kind.syntax, 0), ("[1,]", .syntax, 3), ("{\"a\" 1}", .syntax, 5), ("01", .syntax, 1),
    ("[1] x", .syntax, 4), ("\"abc", .syntax, 0), ("\"\\x\"", .syntax, 2), ("\"\\ud800\"", .syntax, 7),
    ("{\"a\":1,\"a\":2}", .duplicateKey, 7), ("tru", .syntax, 0), ("1.", .syntax, 2), ("-", .syntax, 1),
    ("\"\u{01}\"", .syntax, 1),
])
func rejectsBadSyntaxWithAPosition(text: String, kind: JSONError.Kind, offset: Int) {
    do {
        _ = try JSONParser().parse(text)
        Issue.record("accepted \(text)")
    } catch {
        #expect(error.kind == kind)
        #expect(error.offset == offset, "\(error)")
        #expect(!error.message.isEmpty)
    }
}

@Test(arguments: [
    ([0x22, 0x61, 0xFF, 0x22], 2), ([0x22, 0xC0, 0x80, 0x22], 1), ([0x22, 0xED, 0xA0, 0x80, 0x22], 2),
    ([0x22, 0xE2, 0x82, 0x22], 3), ([0x22, 0x5C, 0x6E, 0xF8, 0x22], 3),
] as [([UInt8], Int)])
func rejectsInvalidUTF8WithItsOffset(bytes: [UInt8], offset: Int) {
    do {
        _ = try JSONParser().parse(bytes)
        Issue.record("accepted invalid UTF-8")
    } catch {
        #expect(error.kind == .invalidUTF8)
        #expect(error.offset == offset)
    }
}

@Test func enforcesDepthAndSizeLimits() {
    let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
    do {
        _ = try JSONParser().parse(deep)
        Issue.record("accepted 100,000 levels")
    } catch { #expect(error.kind == .tooDeep) }
    let parser = JSONParser(limits: .init(maxDepth: 3, maxBytes: 10))
    #expect((try? parser.parse("[[[1]]]")) != nil)
    do { _ = try parser.parse("[[[[1]]]]"); Issue.record("depth 4 accepted") } catch { #expect(error.kind == .tooDeep) }
    do { _ = try parser.parse("\"0123456789\""); Issue.record("12 bytes accepted") } catch { #expect(error.kind == .tooLarge) }
}

@Test func longStringsParseAndFailAtTheRightByte() throws {
    var rng = SeededGenerator(seed: 6464)
    let pool: [Character] = ["a", "b", "Z", "0", " ", "-", ".", "\"", "\\", "\n", "é", "😀"]
    for _ in 0..<300 {
        // Mostly plain ASCII, the case the fast scan is for, with specials at random places.
        let text = String((0..<Int.random(in: 0..<70, using: &rng)).map { _ in
            Int.random(in: 0..<8, using: &rng) == 0 ? pool.randomElement(using: &rng)! : "x"
        })
        let value = JSONValue.array([.string(text), .string(text + text)])
        let parsed = try JSONParser().parse(value.serialized())
        #expect(parsed == value, "\(text)")
    }
    let plain = Array(repeating: UInt8(ascii: "k"), count: 40)
    for at in 0..<plain.count {
        for (byte, kind) in [(UInt8(0x01), JSONError.Kind.syntax), (0xFF, .invalidUTF8), (0x80, .invalidUTF8)] {
            var bytes = plain
            bytes[at] = byte
            do {
                _ = try JSONParser().parse([0x22] + bytes + [0x22])
                Issue.record("accepted byte \(byte) at \(at)")
            } catch {
                #expect(error.kind == kind)
                #expect(error.offset == at + 1, "byte \(byte) at \(at)")
            }
        }
        var quoted = plain
        quoted[at] = UInt8(ascii: "\"")
        let prefix = try JSONParser().parse([0x5B, 0x22] + quoted[..<at] + [0x22, 0x5D])
        #expect(prefix == .array([.string(String(repeating: "k", count: at))]))
        var escaped = plain
        escaped[at] = UInt8(ascii: "\\")
        escaped.insert(UInt8(ascii: "t"), at: at + 1)
        let tab = try JSONParser().parse([0x22] + escaped + [0x22])
        #expect(tab == .string(String(repeating: "k", count: at) + "\t" + String(repeating: "k", count: plain.count - at - 1)))
    }
}
