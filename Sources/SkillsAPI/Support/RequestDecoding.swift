import Foundation
import SkillsCore
import SkillsHTTP

/// Reading request bodies and parameters with precise 400s.
extension HTTPRequest {
    /// The body as a JSON object; 400 `malformed_json` when it does not parse, `invalid_body` when it
    /// is not an object.
    func jsonObject() throws(APIError) -> JSONObject {
        guard !body.isEmpty else { throw APIError(.invalidBody, "The request body must be a JSON object.") }
        let value: JSONValue
        do { value = try JSONParser(limits: .init(maxDepth: 64)).parse(body) } catch {
            throw APIError(.malformedJSON, error.description)
        }
        guard let object = value.objectValue else { throw APIError(.invalidBody, "The request body must be a JSON object.") }
        return object
    }

    /// A whole-number query parameter within `range`, `fallback` when absent.
    func intQuery(_ name: String, in range: ClosedRange<Int>, default fallback: Int) throws(APIError) -> Int {
        guard let text = query(name) else { return fallback }
        guard let value = Int(text), range.contains(value) else {
            throw APIError(.invalidParameter, "Query parameter '\(name)' must be a whole number from \(range.lowerBound) to \(range.upperBound).")
        }
        return value
    }
}

/// Typed access to members of a request object, with the JSON path in every error.
struct BodyReader {
    let object: JSONObject

    func string(_ key: String) throws(APIError) -> String? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let text = value.stringValue else { throw APIError(.invalidBody, "$.\(key) must be a string.") }
        return text
    }

    func int(_ key: String, in range: ClosedRange<Int>) throws(APIError) -> Int? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let number = value.intValue, range.contains(number) else {
            throw APIError(.invalidBody, "$.\(key) must be a whole number from \(range.lowerBound) to \(range.upperBound).")
        }
        return number
    }

    func bool(_ key: String) throws(APIError) -> Bool? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let flag = value.boolValue else { throw APIError(.invalidBody, "$.\(key) must be true or false.") }
        return flag
    }

    func strings(_ key: String) throws(APIError) -> [String] {
        guard let value = object[key], !value.isNull else { return [] }
        guard let array = value.arrayValue else { throw APIError(.invalidBody, "$.\(key) must be an array of strings.") }
        var strings: [String] = []
        for (index, element) in array.enumerated() {
            guard let text = element.stringValue else { throw APIError(.invalidBody, "$.\(key)[\(index)] must be a string.") }
            strings.append(text)
        }
        return strings
    }

    /// A member decoded with `Codable` (filters), with the decoding error's path in the message.
    func decode<T: Decodable>(_ type: T.Type, _ key: String) throws(APIError) -> T? {
        guard let value = object[key], !value.isNull else { return nil }
        do {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            return try decoder.decode(T.self, from: Data(value.serializedBytes()))
        } catch let error as DecodingError {
            throw APIError(.invalidBody, "$.\(key)\(Self.describe(error))")
        } catch {
            throw APIError(.invalidBody, "$.\(key): \(error)")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        switch error {
        case .typeMismatch(let type, let context): return "\(path(context.codingPath)): expected \(type)"
        case .valueNotFound(let type, let context): return "\(path(context.codingPath)): missing \(type)"
        case .keyNotFound(let key, let context): return "\(path(context.codingPath)).\(key.stringValue): required"
        case .dataCorrupted(let context): return "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default: return ": invalid"
        }
    }
}

extension HTTPResponse {
    /// A JSON response from a value.
    static func json(_ value: JSONValue, status: HTTPStatus = .ok) -> HTTPResponse {
        .json(value.serializedBytes(), status: status)
    }
}
