import SkillsCore

/// One term definition of an active context (JSON-LD 1.1 § 4.2).
struct TermDefinition: Equatable, Sendable {
    var iri: String?
    var reverse = false
    var typeMapping: String?
    var container: Set<String> = []
    /// `.some(nil)` means an explicit `"@language": null`.
    var language: String??
    var scopedContext: JSONValue?
    var isProtected = false
    var isPrefix = false

    /// Equality for the protected-term check ignores the protected flag itself.
    func sameDefinition(as other: TermDefinition) -> Bool {
        var a = self, b = other
        a.isProtected = false
        b.isProtected = false
        return a == b
    }
}

/// A JSON-LD active context, built only from bundled context documents.
struct ActiveContext: Sendable {
    var terms: [String: TermDefinition] = [:]
    var vocab: String?
    var defaultLanguage: String?
    /// The context to revert to when leaving a node (set by non-propagating, type-scoped contexts).
    var previous: Box?
    /// Identifies how this context was built (see ``ContextCache``); 0 is the empty context.
    var cacheID = 0

    /// Immutable after creation.
    final class Box: @unchecked Sendable {
        let context: ActiveContext
        init(_ context: ActiveContext) { self.context = context }
    }

    var hasProtectedTerms: Bool { terms.values.contains { $0.isProtected } }
}

/// Processes `@context` values into active contexts (JSON-LD 1.1 § 4.1, the subset credentials use).
struct ContextProcessor {
    let options: JSONLDOptions
    var contextLoads = 0
    /// `@protected` of the local context being applied, for terms defined on demand.
    private var protectedDefault = false
    private var overrideProtected = false

    init(options: JSONLDOptions) { self.options = options }

    mutating func process(
        _ active: ActiveContext, _ local: JSONValue, remoteStack: [String] = [],
        overrideProtected: Bool = false, propagate: Bool = true
    ) throws(CredentialError) -> ActiveContext {
        // Remote contexts being expanded are intermediate steps of a cached call.
        guard remoteStack.isEmpty, active.cacheID >= 0 else {
            var result = try processUncached(active, local, remoteStack: remoteStack, overrideProtected: overrideProtected, propagate: propagate)
            result.cacheID = -1
            return result
        }
        let key = "\(active.cacheID)|\(overrideProtected)|\(propagate)|" + local.serialized()
        if let cached = options.contextCache.get(key) { return cached }
        let result = try processUncached(active, local, remoteStack: remoteStack, overrideProtected: overrideProtected, propagate: propagate)
        return options.contextCache.put(key, result)
    }

    private mutating func processUncached(
        _ active: ActiveContext, _ local: JSONValue, remoteStack: [String],
        overrideProtected: Bool, propagate: Bool
    ) throws(CredentialError) -> ActiveContext {
        var result = active
        var propagate = propagate
        if case .object(let o) = local, let p = o["@propagate"]?.boolValue { propagate = p }
        if !propagate && result.previous == nil { result.previous = ActiveContext.Box(active) }
        for item in local.asArray {
            switch item {
            case .null:
                if !overrideProtected && result.hasProtectedTerms {
                    throw CredentialError(.context, "JSON-LD: cannot nullify a context with protected terms")
                }
                result = ActiveContext()
                if !propagate { result.previous = ActiveContext.Box(active) }
            case .string(let url):
                guard !remoteStack.contains(url) else { throw CredentialError(.context, "JSON-LD: recursive context inclusion of \(url)") }
                contextLoads += 1
                guard contextLoads <= options.maxContextLoads else {
                    throw CredentialError(.limit, "JSON-LD: more than \(options.maxContextLoads) context loads")
                }
                guard let document = options.contextLoader(url) else {
                    throw CredentialError(.contextNotBundled, "JSON-LD: context not bundled: \(url)")
                }
                guard let inner = document["@context"] else { throw CredentialError(.context, "JSON-LD: \(url) has no @context") }
                result = try process(result, inner, remoteStack: remoteStack + [url], overrideProtected: overrideProtected)
            case .object(let definition):
                try apply(definition, to: &result, remoteStack: remoteStack, overrideProtected: overrideProtected)
            default:
                throw CredentialError(.context, "JSON-LD: invalid local context")
            }
        }
        return result
    }

    private mutating func apply(
        _ definition: JSONObject, to result: inout ActiveContext, remoteStack: [String], overrideProtected: Bool
    ) throws(CredentialError) {
        if let version = definition["@version"], version.doubleValue != 1.1 {
            throw CredentialError(.context, "JSON-LD: unsupported @version")
        }
        if definition["@import"] != nil { throw CredentialError(.unsupported, "JSON-LD: @import is not supported") }
        if let vocab = definition["@vocab"] {
            switch vocab {
            case .null: result.vocab = nil
            case .string(let v):
                var none: [String: Bool] = [:]
                result.vocab = try expandIRI(v, in: &result, local: nil, defined: &none, vocab: true, documentRelative: true)
            default: throw CredentialError(.context, "JSON-LD: invalid @vocab")
            }
        }
        if let language = definition["@language"] {
            result.defaultLanguage = language.stringValue?.lowercased()
        }
        let protectedDefault = definition["@protected"]?.boolValue ?? false
        self.protectedDefault = protectedDefault
        self.overrideProtected = overrideProtected
        var defined: [String: Bool] = [:]
        for member in definition where !["@base", "@vocab", "@language", "@version", "@protected", "@propagate", "@direction"].contains(member.key) {
            try defineTerm(member.key, local: definition, in: &result, defined: &defined,
                           protectedDefault: protectedDefault, overrideProtected: overrideProtected)
        }
    }

    /// Create Term Definition (JSON-LD 1.1 § 4.2.2).
    mutating func defineTerm(
        _ term: String, local: JSONObject, in active: inout ActiveContext, defined: inout [String: Bool],
        protectedDefault: Bool, overrideProtected: Bool
    ) throws(CredentialError) {
        if let state = defined[term] {
            if state { return }
            throw CredentialError(.context, "JSON-LD: cyclic term definition for \(term)")
        }
        defined[term] = false
        guard let value = local[term] else { return }
        if term.hasPrefix("@") {
            if term == "@type" { defined[term] = true; return }
            throw CredentialError(.context, "JSON-LD: keyword redefinition of \(term)")
        }
        let previous = active.terms[term]
        active.terms[term] = nil
        var definition = TermDefinition()
        var object: JSONObject
        var simpleTerm = false
        switch value {
        case .null: object = JSONObject(["@id": .null])
        case .string(let s):
            object = JSONObject(["@id": .string(s)])
            simpleTerm = true
        case .object(let o): object = o
        default: throw CredentialError(.context, "JSON-LD: invalid term definition for \(term)")
        }
        definition.isProtected = object["@protected"]?.boolValue ?? protectedDefault
        if let type = object["@type"] {
            guard let t = type.stringValue else { throw CredentialError(.context, "JSON-LD: invalid @type mapping for \(term)") }
            let expanded = try expandIRI(t, in: &active, local: local, defined: &defined, vocab: true, documentRelative: false)
            guard let expanded, ["@id", "@vocab", "@json", "@none"].contains(expanded) || expanded.utf8.contains(0x3A) else {
                throw CredentialError(.context, "JSON-LD: invalid @type mapping for \(term)")
            }
            definition.typeMapping = expanded
        }
        if let reverse = object["@reverse"] {
            guard let r = reverse.stringValue else { throw CredentialError(.context, "JSON-LD: invalid @reverse for \(term)") }
            definition.iri = try expandIRI(r, in: &active, local: local, defined: &defined, vocab: true, documentRelative: false)
            definition.reverse = true
        } else if let id = object["@id"], id.stringValue != term {
            switch id {
            case .null: definition.iri = nil
            case .string(let s):
                let expanded = try expandIRI(s, in: &active, local: local, defined: &defined, vocab: true, documentRelative: false)
                guard let expanded, expanded.hasPrefix("@") || expanded.utf8.contains(0x3A) else {
                    throw CredentialError(.context, "JSON-LD: term \(term) does not expand to an IRI")
                }
                definition.iri = expanded
                if simpleTerm, !term.utf8.contains(0x3A), !term.utf8.contains(0x2F), let last = expanded.utf8.last, Array(":/?#[]@".utf8).contains(last) || expanded.hasPrefix("_:") {
                    definition.isPrefix = true
                }
            default: throw CredentialError(.context, "JSON-LD: invalid @id for \(term)")
            }
        } else if let colon = term.firstIndex(of: ":"), colon != term.startIndex {
            let prefix = String(term[..<colon])
            if local[prefix] != nil {
                try defineTerm(prefix, local: local, in: &active, defined: &defined, protectedDefault: protectedDefault, overrideProtected: overrideProtected)
            }
            if let p = active.terms[prefix], let iri = p.iri {
                definition.iri = iri + term[term.index(after: colon)...]
            } else {
                definition.iri = term
            }
        } else if let vocab = active.vocab {
            definition.iri = vocab + term
        } else {
            throw CredentialError(.context, "JSON-LD: term \(term) has no IRI and there is no @vocab")
        }
        if let container = object["@container"] {
            for c in container.asArray {
                guard let s = c.stringValue, ["@list", "@set", "@graph", "@language", "@index", "@id", "@type"].contains(s) else {
                    throw CredentialError(.context, "JSON-LD: invalid @container for \(term)")
                }
                definition.container.insert(s)
            }
        }
        if let scoped = object["@context"] { definition.scopedContext = scoped }
        if let language = object["@language"] { definition.language = .some(language.stringValue?.lowercased()) }
        if object["@prefix"]?.boolValue == true { definition.isPrefix = true }
        if !overrideProtected, let previous, previous.isProtected {
            guard previous.sameDefinition(as: definition) else {
                throw CredentialError(.context, "JSON-LD: protected term redefinition of \(term)")
            }
            definition = previous
        }
        active.terms[term] = definition
        defined[term] = true
    }

    /// IRI Expansion (JSON-LD 1.1 § 5.2) while a local context is being defined: terms of the
    /// local context it depends on are defined first.
    mutating func expandIRI(
        _ value: String, in active: inout ActiveContext, local: JSONObject?, defined: inout [String: Bool],
        vocab: Bool, documentRelative: Bool
    ) throws(CredentialError) -> String? {
        if value.hasPrefix("@") { return isKeyword(value) ? value : nil }
        if let local, local[value] != nil, defined[value] != true {
            try defineTerm(value, local: local, in: &active, defined: &defined, protectedDefault: protectedDefault, overrideProtected: overrideProtected)
        }
        if let local, let colon = value.firstIndex(of: ":"), colon != value.startIndex {
            let prefix = String(value[..<colon])
            if local[prefix] != nil, defined[prefix] != true {
                try defineTerm(prefix, local: local, in: &active, defined: &defined, protectedDefault: protectedDefault, overrideProtected: overrideProtected)
            }
        }
        return JSONLDExpander.expandIRI(value, in: active, vocab: vocab, documentRelative: documentRelative)
    }
}

func isKeyword(_ s: String) -> Bool {
    [
        "@base", "@container", "@context", "@default", "@direction", "@embed", "@explicit", "@graph", "@id", "@import",
        "@included", "@index", "@json", "@language", "@list", "@nest", "@none", "@omitDefault", "@prefix", "@preserve",
        "@propagate", "@protected", "@requireAll", "@reverse", "@set", "@type", "@value", "@version", "@vocab",
    ].contains(s)
}
