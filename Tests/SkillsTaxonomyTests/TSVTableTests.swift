import Testing
import SkillsTestSupport
@testable import SkillsTaxonomy

@Suite struct TSVTableTests {
    /// Random tables (including empty fields, multi-byte text and CRLF endings) read back exactly
    /// as a naive split of the same text.
    @Test func matchesNaiveSplit() throws {
        var random = SeededGenerator(seed: 7)
        let alphabet = Array("ab c|é漢-_.") + ["🙂"]
        for _ in 0..<50 {
            let columns = Int.random(in: 1...6, using: &random)
            let header = (0..<columns).map { "c\($0)" }
            var rows: [[String]] = []
            for _ in 0..<Int.random(in: 0...30, using: &random) {
                rows.append((0..<columns).map { _ in
                    String((0..<Int.random(in: 0...8, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
                })
            }
            let newline = Bool.random(using: &random) ? "\r\n" : "\n"
            let text = ([header] + rows).map { $0.joined(separator: "\t") }.joined(separator: newline) + newline
            let table = try TSVTable(bytes: Array(text.utf8), file: "t.tsv")
            #expect(table.header == header)
            var read: [[String]] = []
            try table.forEachRow { _, fields in read.append(fields) }
            // A row whose only field is empty is a blank line, which the reader skips.
            let expected = rows.filter { !(columns == 1 && $0[0].isEmpty) }
            #expect(read == expected)
        }
    }

    @Test func wrongFieldCountNamesFileAndLine() throws {
        let table = try TSVTable(bytes: Array("a\tb\n1\t2\n3\n".utf8), file: "x.tsv")
        #expect(throws: TaxonomyError(.malformedRow, file: "x.tsv", line: 3, "expected 2 tab-separated fields, found 1")) {
            try table.forEachRow { _, _ in }
        }
    }

    @Test func invalidUTF8IsAnError() throws {
        let table = try TSVTable(bytes: Array("a\n".utf8) + [0xFF, 0xFE, 0x0A], file: "x.tsv")
        let error = #expect(throws: TaxonomyError.self) { try table.forEachRow { _, _ in } }
        #expect(error?.line == 2)
        #expect(error?.kind == .malformedRow)
    }

    @Test func emptyFileAndMissingColumn() throws {
        #expect(throws: TaxonomyError.self) { try TSVTable(bytes: [], file: "e.tsv") }
        let table = try TSVTable(bytes: Array("a\tb\n".utf8), file: "x.tsv")
        let error = #expect(throws: TaxonomyError.self) { try table.column("z") }
        #expect(error?.kind == .missingColumn)
        #expect(error?.description.hasPrefix("x.tsv:1: missing column \"z\"") == true)
    }
}
