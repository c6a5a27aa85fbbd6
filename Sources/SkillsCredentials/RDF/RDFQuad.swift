/// One RDF term: an IRI, a blank node or a literal.
public enum RDFTerm: Sendable, Hashable {
    case iri(String)
    /// A blank node label without the `_:` prefix.
    case blank(String)
    /// A literal with its datatype IRI, or a language tag (datatype `rdf:langString`).
    case literal(String, datatype: String, language: String?)

    public static let xsdString = "http://www.w3.org/2001/XMLSchema#string"
    public static let rdfLangString = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

    public var blankLabel: String? {
        if case .blank(let b) = self { return b }
        return nil
    }
}

/// A quad: subject, predicate, object and graph name (`nil` for the default graph).
public struct RDFQuad: Sendable, Hashable {
    public var subject: RDFTerm
    public var predicate: RDFTerm
    public var object: RDFTerm
    public var graph: RDFTerm?

    public init(_ subject: RDFTerm, _ predicate: RDFTerm, _ object: RDFTerm, _ graph: RDFTerm? = nil) {
        self.subject = subject
        self.predicate = predicate
        self.object = object
        self.graph = graph
    }
}
