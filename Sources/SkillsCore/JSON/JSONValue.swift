#if canImport(Glibc)
import Glibc  // libm: rounding used by Int(exactly:) on Double
#endif

/// A JSON document as a value: objects keep their key order and numbers keep their source text.
///
/// Keeping the number lexeme lets RFC 8785 canonicalisation and signature checks see exactly what
/// the issuer wrote; keeping key order lets a serialiser round-trip a document byte for byte
/// (modulo whitespace). Parse with ``JSONParser``, write with ``JSONValue/serialized()``.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The string, if this is a string.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The elements, if this is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// The object, if this is an object.
    public var objectValue: JSONObject? {
        if case .object(let o) = self { return o }
        return nil
    }

    /// The boolean, if this is a boolean.
    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    /// The number as a `Double`, if this is a number.
    public var doubleValue: Double? {
        if case .number(let n) = self { return n.doubleValue }
        return nil
    }

    /// The number as an `Int`, if this is a number with an exact integer value that fits.
    public var intValue: Int? {
        if case .number(let n) = self { return n.intValue }
        return nil
    }

    /// `true` for `null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The member `key` of an object; `nil` for a missing key or a non-object.
    public subscript(key: String) -> JSONValue? {
        objectValue?[key]
    }

    /// This value as an array: the elements of an array, or a one-element array of anything else.
    ///
    /// JSON-LD and verifiable credentials often allow "one value or an array of them".
    public var asArray: [JSONValue] {
        if case .array(let a) = self { return a }
        return [self]
    }
}

/// A JSON number that remembers how it was written.
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible {
    /// The number exactly as it appeared in the source (already validated against the JSON grammar).
    public let lexeme: String

    /// Wraps a lexeme the caller guarantees is a valid JSON number.
    public init(validatedLexeme: String) { self.lexeme = validatedLexeme }

    /// A number written the way Swift prints `value` (finite values only; others become 0).
    public init(_ value: Double) {
        if !value.isFinite { lexeme = "0"; return }
        if abs(value) < 1e15, let i = Int64(exactly: value) { lexeme = String(i); return }
        lexeme = "\(value)"
    }

    /// A number from an integer.
    public init(_ value: Int) { lexeme = String(value) }

    /// The value as a `Double` (JSON's grammar is a subset of Swift's `Double` syntax).
    public var doubleValue: Double { Double(lexeme) ?? .nan }

    /// The value as an `Int` when it is an integer that fits, e.g. `3`, `3.0` or `3e2`.
    public var intValue: Int? {
        if let i = Int(lexeme) { return i }
        let d = doubleValue
        guard d.isFinite, abs(d) < 9.0e15 else { return nil }
        return Int(exactly: d)
    }

    public var description: String { lexeme }
}

/// A JSON object: members in source order, looked up by key.
///
/// Lookups scan linearly, which is faster than hashing for the small objects credentials and API
/// payloads are made of. The parser rejects duplicate keys, so a key names one member.
public struct JSONObject: Sendable, Hashable, Sequence {
    /// One member of an object.
    public struct Member: Sendable, Hashable {
        public var key: String
        public var value: JSONValue
        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// The members in order.
    public private(set) var members: [Member]

    /// An object with the given members (the caller keeps keys unique).
    public init(members: [Member] = []) { self.members = members }

    /// An object from key-value pairs in order; a later duplicate key replaces the earlier value.
    public init(_ pairs: KeyValuePairs<String, JSONValue>) {
        members = []
        for (k, v) in pairs { self[k] = v }
    }

    public var count: Int { members.count }
    public var isEmpty: Bool { members.isEmpty }
    public var keys: [String] { members.map(\.key) }

    /// The value for `key`; setting `nil` removes the member, setting a new key appends it.
    public subscript(key: String) -> JSONValue? {
        get {
            for m in members where m.key == key { return m.value }
            return nil
        }
        set {
            if let i = members.firstIndex(where: { $0.key == key }) {
                if let newValue { members[i].value = newValue } else { members.remove(at: i) }
            } else if let newValue {
                members.append(Member(key: key, value: newValue))
            }
        }
    }

    public func makeIterator() -> IndexingIterator<[Member]> { members.makeIterator() }
}
