import Foundation
import SkillsCore
import SkillsTaxonomy

/// Writes entities as JSON with skills named by their taxonomy ids, and reads them back.
///
/// Inside the engine a skill is a dense ``SkillIndex``; everywhere outside (SQLite documents, the
/// HTTP API, exports) it is the taxonomy id (the ESCO URI for ESCO skills), so stored data survives
/// a taxonomy rebuild that reorders skills. Restart decodes stored documents without re-extraction.
public struct EntityCodec: Sendable {
    public let taxonomy: Taxonomy

    /// The object keys that hold skill references (`{"skill": …}` objects or bare ids).
    static let skillListKeys: Set<String> = ["requiredSkills", "preferredSkills", "skillsTaught", "skills"]

    public init(taxonomy: Taxonomy) {
        self.taxonomy = taxonomy
    }

    /// The entity as JSON; with `labels`, each skill also carries its preferred label and type.
    public func encode(_ entity: Entity, labels: Bool = false) throws -> JSONValue {
        let data: Data
        let encoder = Self.encoder
        switch entity {
        case .candidate(let value): data = try encoder.encode(value)
        case .job(let value): data = try encoder.encode(value)
        case .program(let value): data = try encoder.encode(value)
        case .occupation(let value): data = try encoder.encode(value)
        }
        let raw = try JSONParser().parse(data)
        return mapSkills(raw) { value in
            guard let index = value.intValue, index >= 0, index < taxonomy.skills.count else { return value }
            let skill = taxonomy.skills[index]
            guard labels else { return .string(skill.id) }
            return .object(JSONObject(["id": .string(skill.id), "label": .string(skill.label), "type": .string(skill.type.rawValue)]))
        }
    }

    /// The stored bytes of an entity.
    public func encodeForStorage(_ entity: Entity) throws -> Data {
        Data(try encode(entity).serializedBytes())
    }

    /// Reads an entity written by ``encode(_:labels:)``; unknown skill ids are an error naming them.
    public func decode(kind: EntityKind, _ value: JSONValue) throws -> Entity {
        var unknown: [String] = []
        let mapped = mapSkills(value) { reference in
            let id = reference["id"]?.stringValue ?? reference.stringValue
            guard let id else { return reference }
            guard let index = taxonomy.index(of: id) else {
                unknown.append(id)
                return reference
            }
            return .number(JSONNumber(Int(index)))
        }
        if !unknown.isEmpty {
            throw EngineError(.unknownSkill, "unknown skill id\(unknown.count > 1 ? "s" : "") \(unknown.prefix(5).joined(separator: ", "))")
        }
        let data = Data(mapped.serializedBytes())
        let decoder = Self.decoder
        do {
            switch kind {
            case .candidate: return .candidate(try decoder.decode(Candidate.self, from: data))
            case .job: return .job(try decoder.decode(Job.self, from: data))
            case .program: return .program(try decoder.decode(Program.self, from: data))
            case .occupation: return .occupation(try decoder.decode(SkillsCore.Occupation.self, from: data))
            }
        } catch let error as DecodingError {
            throw EngineError(.invalidEntity, Self.describe(error))
        }
    }

    /// Reads stored bytes back.
    public func decodeStored(kind: EntityKind, _ data: Data) throws -> Entity {
        try decode(kind: kind, try JSONParser(limits: .init(maxDepth: 64, maxBytes: 64 << 20)).parse(data))
    }

    /// Applies `transform` to every skill reference: the `skill` member of objects in skill lists,
    /// and the elements of plain skill-id arrays (a candidate credential's `skills`).
    private func mapSkills(_ value: JSONValue, _ transform: (JSONValue) -> JSONValue) -> JSONValue {
        switch value {
        case .array(let items):
            return .array(items.map { mapSkills($0, transform) })
        case .object(let object):
            var members: [JSONObject.Member] = []
            for member in object {
                if Self.skillListKeys.contains(member.key), case .array(let items) = member.value {
                    let mapped = items.map { item -> JSONValue in
                        if case .object(var entry) = item, let skill = entry["skill"] {
                            entry = JSONObject(members: entry.members.map { $0.key == "skill" ? .init(key: "skill", value: transform(skill)) : $0 })
                            return .object(entry)
                        }
                        if item.objectValue == nil { return transform(item) }
                        return mapSkills(item, transform)
                    }
                    members.append(.init(key: member.key, value: .array(mapped)))
                } else {
                    members.append(.init(key: member.key, value: mapSkills(member.value, transform)))
                }
            }
            return .object(JSONObject(members: members))
        default:
            return value
        }
    }

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }

    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            if let date = ISO8601Dates.parse(text) { return date }
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not an ISO 8601 date"))
        }
        return decoder
    }

    /// A decoding error as one line naming the field path.
    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return keys.isEmpty ? "$" : "$" + keys
        }
        switch error {
        case .keyNotFound(let key, let context): return "\(path(context)).\(key.stringValue) is required"
        case .typeMismatch(let type, let context): return "\(path(context)) must be \(type): \(context.debugDescription)"
        case .valueNotFound(let type, let context): return "\(path(context)) must be \(type), got null"
        case .dataCorrupted(let context): return "\(path(context)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}

/// ISO 8601 dates with or without time and fractional seconds.
enum ISO8601Dates {
    static func parse(_ text: String) -> Date? {
        if text.count == 10 { return try? Date(text + "T00:00:00Z", strategy: .iso8601) }
        if let date = try? Date(text, strategy: .iso8601) { return date }
        return try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)
    }
}
