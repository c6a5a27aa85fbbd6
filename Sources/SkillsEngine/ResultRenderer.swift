import Foundation
import SkillsCore
import SkillsIndex
import SkillsRanking

/// Renders engine results as JSON for the API and the CLI, with skills named by id and label.
public struct ResultRenderer: Sendable {
    let engine: Engine

    public init(engine: Engine) {
        self.engine = engine
    }

    /// An entity as stored, skills with labels; `redactingContact` drops a candidate's name for viewers
    /// who may not see personal details.
    public func entity(_ entity: Entity, redactingPersonalData: Bool = false) throws -> JSONValue {
        let value = try engine.codec.encode(entity, labels: true)
        guard redactingPersonalData, case .object(let object) = value else { return value }
        return .object(JSONObject(members: object.members.filter { !["name", "contact"].contains($0.key) }))
    }

    /// A page of matches, each with its target's title and, when asked, its explanation.
    public func matches(_ page: MatchPage, source: EntityKey) -> JSONValue {
        let snapshot = engine.snapshot
        let sourceEntity = snapshot.entityIfPresent(source)
        let items: [JSONValue] = page.matches.map { match in
            var members: [JSONObject.Member] = [
                .init(key: "kind", value: .string(match.target.kind.rawValue)),
                .init(key: "id", value: .string(match.target.id)),
                .init(key: "title", value: .string(snapshot.entity(match.document)?.title ?? "")),
                .init(key: "score", value: .number(JSONNumber(Self.rounded(match.score)))),
            ]
            if let explanation = match.explanation {
                let target = snapshot.entity(match.document)
                members.append(.init(key: "explanation", value: self.explanation(explanation, issuers: Self.issuers(sourceEntity, target))))
            }
            return .object(JSONObject(members: members))
        }
        var members: [JSONObject.Member] = [.init(key: "matches", value: .array(items))]
        members.append(.init(key: "nextCursor", value: page.nextCursor.map(JSONValue.string) ?? .null))
        members.append(.init(key: "rescored", value: .number(JSONNumber(page.rescored))))
        return .object(JSONObject(members: members))
    }

    /// Score, matched / missing / related skills and each feature's points (which add up to the score).
    public func explanation(_ explanation: Explanation, issuers: [Int32: String] = [:]) -> JSONValue {
        let contributions: [JSONValue] = explanation.contributions.map { contribution in
            .object(JSONObject([
                "feature": .string(contribution.feature.rawValue),
                "value": .number(JSONNumber(Self.rounded(contribution.value, places: 4))),
                "weight": .number(JSONNumber(Self.rounded(contribution.weight, places: 4))),
                "points": .number(JSONNumber(contribution.points)),
            ]))
        }
        let matched: [JSONValue] = explanation.matchedSkills.map { skill in
            var members = skillMembers(skill.skill)
            members.append(.init(key: "importance", value: .number(JSONNumber(Self.rounded(Double(skill.importance), places: 3)))))
            members.append(.init(key: "role", value: .string(skill.role.rawValue)))
            members.append(.init(key: "verified", value: .bool(skill.verified)))
            if skill.verified {
                let issuer = issuers[skill.skill] ?? "its issuer"
                members.append(.init(key: "note", value: .string("verified by \(issuer)")))
            }
            return .object(JSONObject(members: members))
        }
        let missing: [JSONValue] = explanation.missingRequiredSkills.map { .object(JSONObject(members: skillMembers($0))) }
        let related: [JSONValue] = explanation.relatedMatches.map { match in
            .object(JSONObject([
                "wanted": .object(JSONObject(members: skillMembers(match.wanted))),
                "held": .object(JSONObject(members: skillMembers(match.held))),
                "similarity": .number(JSONNumber(Self.rounded(Double(match.similarity), places: 3))),
                "text": .string(match.describe(label: engine.label)),
            ]))
        }
        return .object(JSONObject([
            "score": .number(JSONNumber(explanation.score)),
            "contributions": .array(contributions),
            "matchedSkills": .array(matched),
            "missingRequiredSkills": .array(missing),
            "relatedMatches": .array(related),
        ]))
    }

    func skillMembers(_ skill: Int32) -> [JSONObject.Member] {
        let known = skill >= 0 && Int(skill) < engine.taxonomy.skills.count
        return [
            .init(key: "id", value: .string(known ? engine.taxonomy.skills[Int(skill)].id : "\(skill)")),
            .init(key: "label", value: .string(engine.label(skill))),
        ]
    }

    /// Issuers of verified skills held by whichever side is a candidate.
    static func issuers(_ entities: Entity?...) -> [Int32: String] {
        var issuers: [Int32: String] = [:]
        for case .candidate(let candidate)? in entities {
            for claim in candidate.skills where claim.provenance == .verified {
                if let issuer = claim.issuer { issuers[claim.skill] = issuer }
            }
        }
        return issuers
    }

    static func rounded(_ value: Double, places: Int = 2) -> Double {
        let scale = pow(10, Double(places))
        return (value * scale).rounded() / scale
    }
}
