import Foundation
import SkillsCore

/// Credential Engine CTDL: `ceterms:Credential` (and its subclasses such as `ceterms:Certificate`),
/// `ceterms:LearningOpportunityProfile` and `ceterms:Course`, alone or in a registry `@graph`.
///
/// Skills come from `ceterms:teaches` and `ceterms:assesses` (`CredentialAlignmentObject`s with
/// `targetNodeName`, `targetNode`, `codedNotation`, `frameworkName`); occupations from
/// `ceterms:occupationType`; the CIP code from `ceterms:instructionalProgramType`; duration from
/// `ceterms:estimatedDuration` (ISO 8601 `exactDuration` or `timeAmount`); cost from
/// `ceterms:estimatedCost`; location from `ceterms:availableAt`.
public struct CTDLAdapter: IngestAdapter {
    public let format = IngestFormat.ctdl

    public init() {}

    public func drafts(from document: JSONValue, context: IngestContext) throws(IngestError) -> [EntityDraft] {
        if let graph = document["@graph"]?.arrayValue {
            let resources = graph.filter { Self.isProgram($0) }
            if resources.isEmpty { throw IngestError(.invalidField, field: "@graph", "holds no credential or learning opportunity") }
            return try resources.map { resource throws(IngestError) in try draft(resource) }
        }
        return [try draft(document)]
    }

    static func isProgram(_ resource: JSONValue) -> Bool {
        let types = resource["@type"]?.asArray.compactMap(\.stringValue) ?? []
        return types.contains { $0.hasPrefix("ceterms:") && !$0.contains("Organization") && !$0.contains("Place") }
    }

    private func draft(_ resource: JSONValue) throws(IngestError) -> EntityDraft {
        guard let id = resource.first("ceterms:ctid", "@id")?.text else { throw .missing("ceterms:ctid") }
        guard let title = resource["ceterms:name"]?.text else { throw .missing("ceterms:name") }
        let description = HTMLText.plain(resource["ceterms:description"]?.text ?? "")
        var program = Program(id: id, title: title)
        program.description = description
        program.provider = resource.first("ceterms:ownedBy", "ceterms:offeredBy")?.asArray.first.flatMap {
            $0["ceterms:name"]?.text ?? $0.text
        } ?? ""
        program.cipCode = resource["ceterms:instructionalProgramType"]?.asArray.lazy
            .compactMap { $0["ceterms:codedNotation"]?.text.flatMap(VocabularyReading.cipCode) }.first
        program.occupationCodes = resource["ceterms:occupationType"]?.asArray.compactMap {
            $0["ceterms:codedNotation"]?.text.flatMap(VocabularyReading.occupationCode)
        } ?? []
        if let types = resource["@type"]?.texts {
            program.credentialAwarded = types.lazy.compactMap(VocabularyReading.credentialType).first ?? program.credentialAwarded
        }
        if let costs = resource["ceterms:estimatedCost"]?.asArray {
            let prices = costs.compactMap { $0["ceterms:price"]?.number }
            if !prices.isEmpty { program.cost = prices.reduce(0, +) }
        }
        if let durations = resource["ceterms:estimatedDuration"]?.asArray {
            for duration in durations {
                if let text = duration["ceterms:exactDuration"]?.text, let parsed = ISODuration(text) {
                    program.weeks = parsed.weeks
                    program.clockHours = parsed.hours
                    break
                }
            }
        }
        if let deliveries = resource["ceterms:deliveryType"]?.asArray.compactMap({ $0["ceterms:targetNodeName"]?.text ?? $0.text }) {
            let joined = deliveries.joined(separator: " ").lowercased()
            if joined.contains("blended") || (joined.contains("online") && joined.contains("person")) {
                program.modality = .hybrid
            } else if joined.contains("online") {
                program.modality = .online
            } else if joined.contains("person") {
                program.modality = .inPerson
            }
        }
        if let places = resource["ceterms:availableAt"]?.asArray {
            for place in places {
                if let latitude = place["ceterms:latitude"]?.number, let longitude = place["ceterms:longitude"]?.number,
                    (-90...90).contains(latitude), (-180...180).contains(longitude)
                {
                    program.location = GeoPoint(latitude: latitude, longitude: longitude)
                    break
                }
            }
        }
        var skills: [SkillReference] = []
        for key in ["ceterms:teaches", "ceterms:assesses"] {
            for alignment in resource[key]?.asArray ?? [] {
                let reference = SkillReference(
                    id: alignment["ceterms:targetNode"]?.text, code: alignment["ceterms:codedNotation"]?.text,
                    label: alignment["ceterms:targetNodeName"]?.text ?? alignment["ceasn:competencyText"]?.text,
                    framework: alignment["ceterms:frameworkName"]?.text)
                if !reference.isEmpty { skills.append(reference) }
            }
        }
        var texts = [title, description]
        texts += resource["ceterms:keyword"]?.texts ?? []
        texts += resource["ceterms:subject"]?.asArray.compactMap { $0["ceterms:targetNodeName"]?.text ?? $0.text } ?? []
        return EntityDraft(entity: .program(program), skills: skills, texts: texts)
    }
}

/// An ISO 8601 duration (`P12W`, `P3M`, `PT120H`, `P1Y2M10D`) reduced to weeks and hours.
struct ISODuration {
    var weeks: Int?
    var hours: Int?

    init?(_ text: String) {
        var days = 0.0
        var hours = 0.0
        var number = ""
        var inTime = false
        guard text.hasPrefix("P") else { return nil }
        for character in text.dropFirst() {
            if character == "T" { inTime = true; continue }
            if character.isNumber || character == "." { number.append(character); continue }
            guard let value = Double(number) else { return nil }
            number = ""
            switch (character, inTime) {
            case ("Y", false): days += value * 365
            case ("M", false): days += value * 30.4
            case ("W", false): days += value * 7
            case ("D", false): days += value
            case ("H", true): hours += value
            case ("M", true): hours += value / 60
            case ("S", true): break
            default: return nil
            }
        }
        guard number.isEmpty, days > 0 || hours > 0 else { return nil }
        self.weeks = days > 0 ? max(1, Int((days / 7).rounded())) : nil
        self.hours = hours > 0 ? Int(hours.rounded()) : nil
    }
}
