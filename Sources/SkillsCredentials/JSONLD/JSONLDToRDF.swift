import Foundation
import SkillsCore

/// JSON-LD to RDF (JSON-LD 1.1 API § 6.1 / 7.x) over expanded documents, in safe mode.
///
/// Blank nodes are labelled in document order; the labels are irrelevant after RDFC-1.0.
/// Node objects with the same `@id` are not merged first: merging only removes duplicate
/// triples, which canonicalisation removes as well.
public struct JSONLDProcessor: Sendable {
    public var options: JSONLDOptions

    public init(options: JSONLDOptions = JSONLDOptions()) { self.options = options }

    static let rdfType = RDFTerm.iri("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    static let rdfFirst = RDFTerm.iri("http://www.w3.org/1999/02/22-rdf-syntax-ns#first")
    static let rdfRest = RDFTerm.iri("http://www.w3.org/1999/02/22-rdf-syntax-ns#rest")
    static let rdfNil = RDFTerm.iri("http://www.w3.org/1999/02/22-rdf-syntax-ns#nil")
    static let xsd = "http://www.w3.org/2001/XMLSchema#"

    /// The RDF dataset of a JSON-LD document.
    public func toRDF(_ document: JSONValue) throws(CredentialError) -> [RDFQuad] {
        var expander = JSONLDExpander(options: options)
        let expanded = try expander.expand(document, activeProperty: nil, active: ActiveContext()) ?? .array([])
        var emitter = Emitter(maxQuads: options.maxQuads)
        for node in expanded.asArray {
            _ = try emitter.node(node, graph: nil)
        }
        return emitter.quads
    }

    /// The canonical N-Quads (RDFC-1.0) of a JSON-LD document.
    public func canonicalize(_ document: JSONValue, canonicalizer: RDFCanonicalizer = RDFCanonicalizer()) throws(CredentialError) -> String {
        try canonicalizer.canonicalize(toRDF(document))
    }

    private struct Emitter {
        let maxQuads: Int
        var quads: [RDFQuad] = []
        var blankCounter = 0
        var blankLabels: [String: String] = [:]

        init(maxQuads: Int) { self.maxQuads = maxQuads }

        mutating func emit(_ q: RDFQuad) throws(CredentialError) {
            guard quads.count < maxQuads else { throw CredentialError(.limit, "JSON-LD: more than \(maxQuads) quads") }
            quads.append(q)
        }

        mutating func freshBlank() -> RDFTerm {
            blankCounter += 1
            return .blank("b\(blankCounter - 1)")
        }

        mutating func term(forId id: String) -> RDFTerm {
            if id.hasPrefix("_:") {
                if let l = blankLabels[id] { return .blank(l) }
                let b = freshBlank()
                blankLabels[id] = b.blankLabel!
                return b
            }
            return .iri(id)
        }

        /// Emits a node object's triples into `graph`; returns its subject.
        mutating func node(_ value: JSONValue, graph: RDFTerm?) throws(CredentialError) -> RDFTerm {
            guard case .object(let node) = value else { throw CredentialError(.context, "JSON-LD: expected a node object") }
            let subject = node["@id"]?.stringValue.map { term(forId: $0) } ?? freshBlank()
            for t in node["@type"]?.asArray ?? [] {
                guard let s = t.stringValue else { continue }
                try emit(RDFQuad(subject, JSONLDProcessor.rdfType, term(forId: s), graph))
            }
            if let inner = node["@graph"] {
                for n in inner.asArray { _ = try self.node(n, graph: subject) }
            }
            for member in node where !member.key.hasPrefix("@") {
                if member.key.hasPrefix("_:") { continue }  // generalized RDF is not produced
                let predicate = RDFTerm.iri(member.key)
                for item in member.value.asArray {
                    let object = try self.object(item, graph: graph)
                    try emit(RDFQuad(subject, predicate, object, graph))
                }
            }
            return subject
        }

        mutating func object(_ item: JSONValue, graph: RDFTerm?) throws(CredentialError) -> RDFTerm {
            guard case .object(let o) = item else { throw CredentialError(.context, "JSON-LD: unexpected value in expanded form") }
            if let v = o["@value"] { return try literal(v, type: o["@type"]?.stringValue, language: o["@language"]?.stringValue) }
            if let list = o["@list"] {
                let items = list.asArray
                if items.isEmpty { return JSONLDProcessor.rdfNil }
                let heads = items.map { _ in freshBlank() }
                for (i, element) in items.enumerated() {
                    try emit(RDFQuad(heads[i], JSONLDProcessor.rdfFirst, try object(element, graph: graph), graph))
                    try emit(RDFQuad(heads[i], JSONLDProcessor.rdfRest, i + 1 < heads.count ? heads[i + 1] : JSONLDProcessor.rdfNil, graph))
                }
                return heads[0]
            }
            return try node(item, graph: graph)
        }

        func literal(_ value: JSONValue, type: String?, language: String?) throws(CredentialError) -> RDFTerm {
            let xsd = JSONLDProcessor.xsd
            if type == "@json" {
                let canonical = try JCS.canonicalize(value)
                return .literal(String(decoding: canonical, as: UTF8.self), datatype: "http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON", language: nil)
            }
            switch value {
            case .bool(let b): return .literal(b ? "true" : "false", datatype: type ?? xsd + "boolean", language: nil)
            case .number(let n):
                let d = n.doubleValue
                let integral = d.isFinite && d == d.rounded(.towardZero) && abs(d) < 1e21
                if !integral || type == xsd + "double" {
                    return .literal(Self.canonicalDouble(d), datatype: type ?? xsd + "double", language: nil)
                }
                return .literal(String(format: "%.0f", d), datatype: type ?? xsd + "integer", language: nil)
            case .string(let s):
                if let language { return .literal(s, datatype: RDFTerm.rdfLangString, language: language) }
                return .literal(s, datatype: type ?? RDFTerm.xsdString, language: nil)
            default: throw CredentialError(.context, "JSON-LD: invalid @value")
            }
        }

        /// XSD canonical double, as JSON-LD writes it (`1.5E0`).
        static func canonicalDouble(_ d: Double) -> String {
            let s = String(format: "%1.15E", d)  // e.g. 1.500000000000000E+00
            guard let e = s.firstIndex(of: "E") else { return s }
            var mantissa = String(s[..<e])
            while mantissa.hasSuffix("0") && !mantissa.hasSuffix(".0") { mantissa.removeLast() }
            let exponent = Int(s[s.index(after: e)...]) ?? 0
            return mantissa + "E" + String(exponent)
        }
    }
}
