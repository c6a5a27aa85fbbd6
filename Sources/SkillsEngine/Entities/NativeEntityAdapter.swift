import Foundation
import SkillsCore
import SkillsIngestion

/// Reads the engine's own entity JSON (what `GET /v1/jobs/{id}` returns), as sent to
/// `PUT /v1/{jobs|programs}/{id}`, into a draft.
///
/// Skills may be given by taxonomy id or by label, as strings or as objects
/// (`{"skill": id, "importance": 0.8}`, `{"label": "PostgreSQL"}`); the draft resolver maps them and
/// extracts more from the title and description. Candidates use the profile format instead.
struct NativeEntityAdapter: Sendable {
    let kind: EntityKind
    let codec: EntityCodec

    func draft(id: String, _ document: JSONValue) throws -> EntityDraft {
        guard case .object(let object) = document else { throw EngineError(.invalidEntity, "$ must be a JSON object") }
        var references: [SkillReference] = []
        var members: [JSONObject.Member] = []
        for member in object {
            switch (kind, member.key) {
            case (.job, "requiredSkills"), (.job, "preferredSkills"), (.program, "skillsTaught"):
                references += try Self.references(member.value, key: member.key, required: member.key != "preferredSkills")
                members.append(.init(key: member.key, value: .array([])))
            default:
                members.append(member)
            }
        }
        // The path names the entity; a body naming another id is a mistake, not a rename.
        if let bodyID = object["id"]?.stringValue, bodyID != id {
            throw EngineError(.invalidEntity, "$.id '\(bodyID)' does not match the path id '\(id)'")
        }
        members.removeAll { $0.key == "id" }
        members.append(.init(key: "id", value: .string(id)))
        for key in kind == .job ? ["requiredSkills", "preferredSkills"] : ["skillsTaught"] where object[key] == nil {
            members.append(.init(key: key, value: .array([])))
        }
        if kind == .job, object["postedOn"] == nil {
            members.append(.init(key: "postedOn", value: .string(ISO8601DateFormatter().string(from: Date()))))
        }
        let entity = try codec.decode(kind: kind, .object(JSONObject(members: members)))
        let texts = [entity.title, entity.body].filter { !$0.isEmpty }
        return EntityDraft(entity: entity, skills: references, texts: texts)
    }

    static func references(_ value: JSONValue, key: String, required: Bool) throws -> [SkillReference] {
        guard case .array(let items) = value else { throw EngineError(.invalidEntity, "$.\(key) must be an array") }
        return try items.enumerated().map { index, item in
            if let text = item.stringValue {
                return text.contains(":") ? SkillReference(id: text, required: required) : SkillReference(label: text, required: required)
            }
            guard item.objectValue != nil else { throw EngineError(.invalidEntity, "$.\(key)[\(index)] must be a string or an object") }
            let id = item["skill"]?.stringValue ?? item["id"]?.stringValue
            var importance: Float = required ? 1 : 0.5
            if let value = item["importance"] {
                guard let number = value.doubleValue, number > 0, number <= 1 else {
                    throw EngineError(.invalidEntity, "$.\(key)[\(index)].importance must be in (0, 1]")
                }
                importance = Float(number)
            }
            let reference = SkillReference(id: id, label: item["label"]?.stringValue, importance: importance, required: required)
            if reference.isEmpty { throw EngineError(.invalidEntity, "$.\(key)[\(index)] names no skill") }
            return reference
        }
    }
}
