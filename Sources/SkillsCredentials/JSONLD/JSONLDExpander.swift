import SkillsCore

/// JSON-LD 1.1 expansion (§ 5.1) of the features credential contexts use: `@context` arrays,
/// `@vocab`, `@id`/`@vocab`/`@json` type coercion, `@protected`, property- and type-scoped contexts,
/// `@container` `@set`/`@list`/`@graph`/`@language`. In safe mode everything that would be dropped
/// is an error instead.
struct JSONLDExpander {
    var contexts: ContextProcessor

    init(options: JSONLDOptions) { contexts = ContextProcessor(options: options) }

    /// IRI Expansion (§ 5.2) against a finished active context.
    static func expandIRI(_ value: String, in active: ActiveContext, vocab: Bool, documentRelative: Bool) -> String? {
        if value.hasPrefix("@") { return isKeyword(value) ? value : nil }
        if vocab, let term = active.terms[value] { return term.iri }
        if let colon = value.firstIndex(of: ":"), colon != value.startIndex {
            let prefix = value[..<colon]
            let suffix = value[value.index(after: colon)...]
            if prefix == "_" || suffix.hasPrefix("//") { return value }
            if let term = active.terms[String(prefix)], let iri = term.iri, term.isPrefix {
                return iri + suffix
            }
            return value  // already an absolute IRI
        }
        if vocab, let v = active.vocab { return v + value }
        return value  // relative, and there is no base: safe mode rejects it where it matters
    }

    private static func isAbsoluteIRI(_ s: String) -> Bool {
        guard let colon = s.firstIndex(of: ":"), colon != s.startIndex else { return false }
        return s[..<colon].allSatisfy { $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }
    }

    mutating func expand(_ element: JSONValue, activeProperty: String?, active: ActiveContext, fromMap: Bool = false) throws(CredentialError) -> JSONValue? {
        switch element {
        case .null: return nil
        case .array(let items):
            var out: [JSONValue] = []
            let isList = activeProperty.flatMap { active.terms[$0] }?.container.contains("@list") ?? false
            for item in items {
                guard let e = try expand(item, activeProperty: activeProperty, active: active, fromMap: fromMap) else { continue }
                if isList, case .array = e { out.append(.object(JSONObject(["@list": e]))); continue }
                if case .array(let inner) = e { out.append(contentsOf: inner) } else { out.append(e) }
            }
            return .array(out)
        case .object(let object):
            return try expandObject(object, activeProperty: activeProperty, active: active, fromMap: fromMap)
        default:
            guard let activeProperty, activeProperty != "@graph" else {
                throw CredentialError(.context, "JSON-LD safe mode: free-floating scalar would be dropped")
            }
            var active = active
            if let scoped = active.terms[activeProperty]?.scopedContext {
                active = try contexts.process(active, scoped, overrideProtected: true)
            }
            return .object(try expandValue(element, property: activeProperty, active: active))
        }
    }

    private mutating func expandObject(_ element: JSONObject, activeProperty: String?, active: ActiveContext, fromMap: Bool) throws(CredentialError) -> JSONValue? {
        var active = active
        let propertyScoped = activeProperty.flatMap { active.terms[$0]?.scopedContext }
        // Leaving a node reverts a non-propagated (type-scoped) context, except for value objects
        // and bare references.
        if let previous = active.previous, !fromMap {
            let isValue = element.keys.contains { Self.expandIRI($0, in: active, vocab: true, documentRelative: false) == "@value" }
            let isReference = element.count == 1 && Self.expandIRI(element.keys[0], in: active, vocab: true, documentRelative: false) == "@id"
            if !isValue && !isReference { active = previous.context }
        }
        if let propertyScoped {
            active = try contexts.process(active, propertyScoped, overrideProtected: true)
        }
        if let local = element["@context"] { active = try contexts.process(active, local) }
        let typeScoped = active
        var typeKey: String? = nil
        for key in element.keys where Self.expandIRI(key, in: active, vocab: true, documentRelative: false) == "@type" {
            typeKey = key
            let values = (element[key]?.asArray ?? []).compactMap(\.stringValue).sorted()
            for t in values {
                if let scoped = typeScoped.terms[t]?.scopedContext {
                    active = try contexts.process(active, scoped, propagate: false)
                }
            }
        }
        var result = JSONObject()
        func add(_ key: String, _ value: JSONValue) {
            var existing = result[key]?.arrayValue ?? []
            existing.append(contentsOf: value.asArray)
            result[key] = .array(existing)
        }
        for member in element where member.key != "@context" {
            let key = member.key
            let value = member.value
            guard let property = Self.expandIRI(key, in: active, vocab: true, documentRelative: false) else {
                throw CredentialError(.context, "JSON-LD safe mode: \"\(key)\" does not expand to a keyword")
            }
            if property.hasPrefix("@") {
                switch property {
                case "@id":
                    guard let s = value.stringValue else { throw CredentialError(.context, "JSON-LD: @id must be a string") }
                    let iri = Self.expandIRI(s, in: active, vocab: false, documentRelative: true) ?? s
                    guard Self.isAbsoluteIRI(iri) else { throw CredentialError(.context, "JSON-LD safe mode: relative @id \"\(s)\"") }
                    result["@id"] = .string(iri)
                case "@type":
                    var types: [JSONValue] = []
                    for t in value.asArray {
                        guard let s = t.stringValue else { throw CredentialError(.context, "JSON-LD: @type values must be strings") }
                        let iri = Self.expandIRI(s, in: typeScoped, vocab: true, documentRelative: true) ?? s
                        guard Self.isAbsoluteIRI(iri) else { throw CredentialError(.context, "JSON-LD safe mode: relative @type \"\(s)\"") }
                        types.append(.string(iri))
                    }
                    if result["@value"] != nil || element.keys.contains(where: { Self.expandIRI($0, in: active, vocab: true, documentRelative: false) == "@value" }) {
                        result["@type"] = types.first ?? .null
                    } else {
                        add("@type", .array(types))
                    }
                case "@graph":
                    result["@graph"] = try expand(value, activeProperty: "@graph", active: active) ?? .array([])
                case "@value":
                    if case .object = value { throw CredentialError(.context, "JSON-LD: invalid @value") }
                    if case .array = value { throw CredentialError(.context, "JSON-LD: invalid @value") }
                    result["@value"] = value
                case "@language":
                    guard let s = value.stringValue else { throw CredentialError(.context, "JSON-LD: invalid @language") }
                    result["@language"] = .string(s.lowercased())
                case "@list":
                    let items = try expand(.array(value.asArray), activeProperty: activeProperty, active: active) ?? .array([])
                    result["@list"] = items
                case "@set":
                    result["@set"] = try expand(value, activeProperty: activeProperty, active: active) ?? .array([])
                case "@index": result["@index"] = value
                default:
                    throw CredentialError(.unsupported, "JSON-LD: \(property) is not supported")
                }
                continue
            }
            guard Self.isAbsoluteIRI(property) else {
                throw CredentialError(.context, "JSON-LD safe mode: term \"\(key)\" is not defined by the context")
            }
            let definition = active.terms[key]
            var expanded: JSONValue
            if definition?.typeMapping == "@json" {
                expanded = .object(JSONObject(["@value": value, "@type": .string("@json")]))
            } else if definition?.container.contains("@language") == true, case .object(let map) = value {
                var items: [JSONValue] = []
                for m in map {
                    for v in m.value.asArray {
                        guard let s = v.stringValue else { throw CredentialError(.context, "JSON-LD: language map values must be strings") }
                        items.append(.object(JSONObject(["@value": .string(s), "@language": .string(m.key.lowercased())])))
                    }
                }
                expanded = .array(items)
            } else if let c = definition?.container, c.contains("@index") || c.contains("@id") || c.contains("@type") {
                throw CredentialError(.unsupported, "JSON-LD: \(c.sorted()) containers are not supported")
            } else {
                guard let e = try expand(value, activeProperty: key, active: active) else { continue }
                expanded = e
            }
            if definition?.container.contains("@list") == true, !Self.isList(expanded) {
                expanded = .object(JSONObject(["@list": .array(expanded.asArray)]))
            }
            if definition?.container.contains("@graph") == true {
                expanded = .array(expanded.asArray.map { .object(JSONObject(["@graph": .array($0.asArray)])) })
            }
            if definition?.reverse == true { throw CredentialError(.unsupported, "JSON-LD: reverse properties are not supported") }
            add(property, expanded)
        }
        _ = typeKey
        if let v = result["@value"] {
            if v.isNull { return nil }
            if result["@language"] != nil, v.stringValue == nil { throw CredentialError(.context, "JSON-LD: language-tagged value must be a string") }
            return .object(result)
        }
        if let set = result["@set"] { return set }
        if activeProperty == nil || activeProperty == "@graph" {
            if result.isEmpty || (result.count == 1 && result["@id"] != nil) { return nil }
        }
        return .object(result)
    }

    static func isList(_ v: JSONValue) -> Bool {
        if case .object(let o) = v, o["@list"] != nil { return true }
        return false
    }

    /// Value Expansion (§ 5.3.2).
    private func expandValue(_ value: JSONValue, property: String, active: ActiveContext) throws(CredentialError) -> JSONObject {
        let definition = active.terms[property]
        if let s = value.stringValue, let t = definition?.typeMapping, t == "@id" || t == "@vocab" {
            let iri = Self.expandIRI(s, in: active, vocab: t == "@vocab", documentRelative: true) ?? s
            guard Self.isAbsoluteIRI(iri) else { throw CredentialError(.context, "JSON-LD safe mode: relative IRI \"\(s)\"") }
            return JSONObject(["@id": .string(iri)])
        }
        var result = JSONObject(["@value": value])
        if let t = definition?.typeMapping, !["@id", "@vocab", "@none"].contains(t) {
            result["@type"] = .string(t)
        } else if value.stringValue != nil {
            let language: String?? = definition?.language ?? .some(active.defaultLanguage)
            if let l = language ?? nil { result["@language"] = .string(l) }
        }
        return result
    }
}
