import Testing
import SkillsTestSupport
@testable import SkillsTaxonomy

@Suite struct CSVTableTests {
    /// Reference writer: quote a field when it holds a delimiter, quote or line break.
    static func write(_ rows: [[String]]) -> String {
        rows.map { row in
            row.map { field in
                field.contains(where: { ",\"\n\r".contains($0) })
                    ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
            }.joined(separator: ",")
        }.joined(separator: "\r\n") + "\n"
    }

    @Test func readsWhatTheReferenceWriterWrote() throws {
        var random = SeededGenerator(seed: 21)
        let alphabet: [Character] = ["a", "b", " ", ",", "\"", "\n", "é", "漢", "x"]
        for _ in 0..<100 {
            let width = Int.random(in: 1...5, using: &random)
            let header = (0..<width).map { "h\($0)" }
            let rows = (0..<Int.random(in: 0...20, using: &random)).map { _ in
                (0..<width).map { _ in
                    String((0..<Int.random(in: 0...6, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
                }
            }.filter { !(width == 1 && $0[0].isEmpty) }  // a lone empty field is a blank line
            let table = try CSVTable(bytes: Array(Self.write([header] + rows).utf8), file: "r.csv")
            #expect(table.header == header)
            #expect(table.rows == rows)
        }
    }

    @Test func multiLineFieldsKeepTheirStartLine() throws {
        let text = "a,b\n1,\"two\nlines\"\n3,\"say \"\"hi\"\"\"\n,\n"
        let table = try CSVTable(bytes: Array(text.utf8), file: "m.csv")
        #expect(table.rows == [["1", "two\nlines"], ["3", "say \"hi\""], ["", ""]])
        #expect(table.lines == [2, 4, 5])
    }

    @Test func malformedCSVNamesTheLine() throws {
        let cases: [(String, Int, String)] = [
            ("a,b\n1,\"open\n2,3\n", 2, "unterminated quoted field"),
            ("a,b\n1,2\n\"x\"y,3\n", 3, "unexpected character after a closing quote"),
            ("a,b\n1,2,3\n", 2, "expected 2 fields, found 3"),
        ]
        for (text, line, message) in cases {
            let error = #expect(throws: TaxonomyError.self) { try CSVTable(bytes: Array(text.utf8), file: "bad.csv") }
            #expect(error?.line == line)
            #expect(error?.message == message)
        }
        #expect(throws: TaxonomyError.self) { try CSVTable(bytes: [], file: "empty.csv") }
        #expect(throws: TaxonomyError.self) { try CSVTable(bytes: Array("a\n".utf8) + [0xC3, 0x28, 0x0A], file: "u.csv") }
    }
}
