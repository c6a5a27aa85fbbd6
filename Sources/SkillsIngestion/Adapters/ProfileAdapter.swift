import Foundation
import SkillsCore

/// Skillmatch's candidate profile JSON (documented in `Documentation/INGESTION.md`).
///
/// ```json
/// {"id": "c-17", "name": "Ada", "headline": "Backend developer", "summary": "…",
///  "skills": ["PostgreSQL", {"id": "http://data.europa.eu/esco/skill/…", "level": 4, "lastUsed": "2024-05-01"}],
///  "workHistory": [{"title": "Developer", "employer": "Acme", "occupationCode": "15-1252.00",
///                   "start": "2019-01-01", "end": null, "description": "…"}],
///  "education": [{"level": "bachelor", "field": "Computer science", "institution": "…"}],
///  "location": {"latitude": 40.7, "longitude": -74.0}, "willingToRelocate": false, "openToRemote": true,
///  "desiredPay": {"minimum": 60000, "maximum": 80000, "currency": "USD"}, "consentToBeFound": true}
/// ```
/// Listed skills are `stated`; skills found in the summary and work-history descriptions are `extracted`.
public struct ProfileAdapter: IngestAdapter {
    public let format = IngestFormat.profile

    public init() {}

    public func drafts(from document: JSONValue, context: IngestContext) throws(IngestError) -> [EntityDraft] {
        guard document.objectValue != nil else { throw IngestError(.invalidField, field: "$", "must be an object") }
        guard let id = document["id"]?.text else { throw .missing("id") }
        var candidate = Candidate(
            id: id, name: document["name"]?.text ?? "", headline: document["headline"]?.text ?? "",
            summary: document["summary"]?.text ?? "")
        var texts = [candidate.headline, candidate.summary]
        var skills: [SkillReference] = []
        for (i, item) in (document["skills"]?.asArray ?? []).enumerated() {
            let path = "skills[\(i)]"
            if let label = item.stringValue {
                skills.append(SkillReference(label: label))
                continue
            }
            guard item.objectValue != nil else { throw .invalid(path, "must be a string or an object") }
            var level: Int?
            if let value = item["level"] {
                guard let number = value.intValue, (1...5).contains(number) else { throw .invalid("\(path).level", "must be 1…5") }
                level = number
            }
            let reference = SkillReference(id: item["id"]?.text, label: item.first("label", "name")?.text, level: level)
            if reference.isEmpty { throw .invalid(path, "names no skill (give id or label)") }
            skills.append(reference)
        }
        for (i, item) in (document["workHistory"]?.asArray ?? []).enumerated() {
            let path = "workHistory[\(i)]"
            guard let title = item["title"]?.text else { throw .missing("\(path).title") }
            guard let start = try DateReading.field(item["start"], "\(path).start") else { throw .missing("\(path).start") }
            let end = try DateReading.field(item["end"], "\(path).end")
            if let end, end < start { throw .invalid("\(path).end", "is before start") }
            candidate.workHistory.append(
                .init(title: title, employer: item["employer"]?.text,
                      occupationCode: item["occupationCode"]?.text.flatMap(VocabularyReading.occupationCode), start: start,
                      end: end))
            texts.append(title)
            if let description = item["description"]?.text { texts.append(description) }
        }
        for (i, item) in (document["education"]?.asArray ?? []).enumerated() {
            guard let levelText = item["level"]?.text, let level = VocabularyReading.educationLevel(levelText) else {
                throw .invalid("education[\(i)].level", "must name a level (high school, certificate, associate, bachelor, master, doctorate)")
            }
            candidate.education.append(.init(level: level, field: item["field"]?.text, institution: item["institution"]?.text))
        }
        if let location = document["location"] {
            candidate.location = try JobPostingAdapter.location(location)
        }
        candidate.willingToRelocate = try Self.bool(document["willingToRelocate"], "willingToRelocate") ?? false
        candidate.openToRemote = try Self.bool(document["openToRemote"], "openToRemote") ?? true
        candidate.consentToBeFound = try Self.bool(document["consentToBeFound"], "consentToBeFound") ?? false
        if let pay = document["desiredPay"], !pay.isNull {
            let range = PayRange(minimum: pay["minimum"]?.number, maximum: pay["maximum"]?.number, currency: pay["currency"]?.text ?? "USD")
            do { try range.validate(field: "desiredPay") } catch { throw .invalid("desiredPay", "\(error)") }
            candidate.desiredPay = range
        }
        return [EntityDraft(entity: .candidate(candidate), skills: skills, texts: texts.filter { !$0.isEmpty })]
    }

    static func bool(_ value: JSONValue?, _ path: String) throws(IngestError) -> Bool? {
        guard let value, !value.isNull else { return nil }
        guard let bool = value.boolValue else { throw .invalid(path, "must be true or false") }
        return bool
    }
}
