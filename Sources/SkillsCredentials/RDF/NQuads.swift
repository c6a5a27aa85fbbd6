/// Reading and writing N-Quads; writing follows the canonical form of RDFC-1.0 (§ canonical
/// N-Quads): no whitespace but single spaces, `xsd:string` implicit, minimal escaping.
public enum NQuads {
    /// Canonical N-Quads text of one quad, ending in `" .\n"`.
    public static func line(_ quad: RDFQuad) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(128)
        append(quad, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the canonical line of `quad`; blank nodes are written through `label` when given.
    static func append(_ quad: RDFQuad, to out: inout [UInt8], label: ((String) -> String)? = nil) {
        append(quad.subject, to: &out, label: label)
        out.append(0x20)
        append(quad.predicate, to: &out, label: label)
        out.append(0x20)
        append(quad.object, to: &out, label: label)
        if let g = quad.graph {
            out.append(0x20)
            append(g, to: &out, label: label)
        }
        out.append(contentsOf: [0x20, 0x2E, 0x0A])
    }

    static func append(_ term: RDFTerm, to out: inout [UInt8], label: ((String) -> String)?) {
        switch term {
        case .iri(let iri):
            out.append(UInt8(ascii: "<"))
            out.append(contentsOf: iri.utf8)
            out.append(UInt8(ascii: ">"))
        case .blank(let b):
            out.append(contentsOf: "_:".utf8)
            out.append(contentsOf: (label?(b) ?? b).utf8)
        case .literal(let value, let datatype, let language):
            out.append(UInt8(ascii: "\""))
            let hex = Array("0123456789ABCDEF".utf8)
            for b in value.utf8 {
                switch b {
                case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
                case 0x22: out.append(contentsOf: [0x5C, 0x22])
                case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                case 0x08: out.append(contentsOf: [0x5C, UInt8(ascii: "b")])
                case 0x0C: out.append(contentsOf: [0x5C, UInt8(ascii: "f")])
                case 0x00..<0x20, 0x7F:
                    out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 15)]])
                default: out.append(b)
                }
            }
            out.append(UInt8(ascii: "\""))
            if let language {
                out.append(UInt8(ascii: "@"))
                out.append(contentsOf: language.utf8)
            } else if datatype != RDFTerm.xsdString {
                out.append(contentsOf: "^^<".utf8)
                out.append(contentsOf: datatype.utf8)
                out.append(UInt8(ascii: ">"))
            }
        }
    }

    /// Canonical N-Quads of a whole dataset, lines sorted in code point order.
    public static func serialize(_ quads: [RDFQuad]) -> String {
        quads.map(line).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.joined()
    }

    /// Parses N-Quads text (one statement per line; `#` comments and blank lines allowed).
    public static func parse(_ text: String) throws(CredentialError) -> [RDFQuad] {
        var quads: [RDFQuad] = []
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var reader = LineReader(scalars: Array(rawLine.unicodeScalars), line: number + 1)
            reader.skipSpace()
            if reader.atEnd || reader.peek == "#" { continue }
            let s = try reader.term()
            let p = try reader.term()
            let o = try reader.term()
            reader.skipSpace()
            var g: RDFTerm? = nil
            if !reader.atEnd && reader.peek != "." { g = try reader.term() }
            reader.skipSpace()
            guard !reader.atEnd, reader.peek == "." else { throw reader.fail("expected '.'") }
            reader.index += 1
            reader.skipSpace()
            guard reader.atEnd || reader.peek == "#" else { throw reader.fail("unexpected data after '.'") }
            guard case .iri = p else { throw reader.fail("predicate must be an IRI") }
            if case .literal = s { throw reader.fail("subject cannot be a literal") }
            quads.append(RDFQuad(s, p, o, g))
        }
        return quads
    }

    private struct LineReader {
        let scalars: [Unicode.Scalar]
        let line: Int
        var index = 0

        var atEnd: Bool { index >= scalars.count }
        var peek: Unicode.Scalar { scalars[index] }

        func fail(_ message: String) -> CredentialError {
            CredentialError(.malformed, "N-Quads line \(line): \(message)")
        }

        mutating func skipSpace() {
            while !atEnd && (peek == " " || peek == "\t" || peek == "\r") { index += 1 }
        }

        mutating func term() throws(CredentialError) -> RDFTerm {
            skipSpace()
            guard !atEnd else { throw fail("unexpected end of line") }
            switch peek {
            case "<": return .iri(try iri())
            case "_":
                index += 1
                guard !atEnd, peek == ":" else { throw fail("expected ':' in blank node") }
                index += 1
                var label = ""
                while !atEnd, peek != " ", peek != "\t" {
                    label.unicodeScalars.append(peek)
                    index += 1
                }
                if label.hasSuffix(".") { label.removeLast(); index -= 1 }
                guard !label.isEmpty else { throw fail("empty blank node label") }
                return .blank(label)
            case "\"":
                index += 1
                var value = ""
                while true {
                    guard !atEnd else { throw fail("unterminated literal") }
                    let c = peek
                    index += 1
                    if c == "\"" { break }
                    if c == "\\" { value.unicodeScalars.append(try escape()) } else { value.unicodeScalars.append(c) }
                }
                if !atEnd && peek == "@" {
                    index += 1
                    var lang = ""
                    while !atEnd, peek.properties.isAlphabetic || peek == "-" || ("0"..."9").contains(peek) {
                        lang.unicodeScalars.append(peek)
                        index += 1
                    }
                    guard !lang.isEmpty else { throw fail("empty language tag") }
                    return .literal(value, datatype: RDFTerm.rdfLangString, language: lang)
                }
                if !atEnd && peek == "^" {
                    index += 1
                    guard !atEnd, peek == "^" else { throw fail("expected '^^'") }
                    index += 1
                    guard !atEnd, peek == "<" else { throw fail("expected datatype IRI") }
                    return .literal(value, datatype: try iri(), language: nil)
                }
                return .literal(value, datatype: RDFTerm.xsdString, language: nil)
            default: throw fail("unexpected character '\(peek)'")
            }
        }

        mutating func iri() throws(CredentialError) -> String {
            index += 1
            var value = ""
            while true {
                guard !atEnd else { throw fail("unterminated IRI") }
                let c = peek
                index += 1
                if c == ">" { return value }
                if c == "\\" { value.unicodeScalars.append(try escape()) } else { value.unicodeScalars.append(c) }
            }
        }

        mutating func escape() throws(CredentialError) -> Unicode.Scalar {
            guard !atEnd else { throw fail("unterminated escape") }
            let c = peek
            index += 1
            switch c {
            case "t": return "\t"
            case "b": return "\u{08}"
            case "n": return "\n"
            case "r": return "\r"
            case "f": return "\u{0C}"
            case "\"": return "\""
            case "'": return "'"
            case "\\": return "\\"
            case "u", "U":
                let count = c == "u" ? 4 : 8
                guard index + count <= scalars.count else { throw fail("truncated \\\(c) escape") }
                var hex = ""
                for s in scalars[index..<index + count] { hex.unicodeScalars.append(s) }
                index += count
                guard let v = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(v) else { throw fail("invalid \\\(c) escape") }
                return scalar
            default: throw fail("invalid escape '\\\(c)'")
            }
        }
    }
}
