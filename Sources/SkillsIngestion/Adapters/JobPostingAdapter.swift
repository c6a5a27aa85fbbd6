import Foundation
import SkillsCore

/// schema.org `JobPosting` (JSON-LD, as job boards publish it for search engines).
///
/// Reads `identifier`/`@id`/`url` (id), `title`, `description` (HTML), `hiringOrganization`,
/// `skills` (text list or `DefinedTerm`s), `occupationalCategory`, `baseSalary`, `jobLocation`,
/// `jobLocationType`, `datePosted`, `validThrough`, `employmentType`, `educationRequirements`,
/// `experienceRequirements`, and the `qualifications` / `responsibilities` texts.
public struct JobPostingAdapter: IngestAdapter {
    public let format = IngestFormat.jobPosting

    public init() {}

    public func drafts(from document: JSONValue, context: IngestContext) throws(IngestError) -> [EntityDraft] {
        guard document.objectValue != nil else { throw IngestError(.invalidField, field: "$", "must be an object") }
        let id = try Self.identifier(of: document)
        guard let title = document["title"]?.text else { throw .missing("title") }
        let description = HTMLText.plain(document["description"]?.text ?? "")
        let postedOn = try DateReading.field(document["datePosted"], "datePosted") ?? Date(timeIntervalSince1970: 0)
        let expiresOn = try DateReading.field(document["validThrough"], "validThrough")

        var job = Job(
            id: id, title: title, employer: document["hiringOrganization"]?.text ?? "", description: description,
            postedOn: postedOn, expiresOn: expiresOn)
        job.occupationCode = Self.occupationCode(document["occupationalCategory"])
        job.pay = try Self.pay(document["baseSalary"])
        job.location = try Self.location(document["jobLocation"])
        if let type = document["jobLocationType"]?.text, type.uppercased().contains("TELECOMMUTE") {
            job.workplace = .remote
        }
        if let types = document["employmentType"]?.texts, let first = types.lazy.compactMap(VocabularyReading.employmentType).first {
            job.employmentType = first
        }
        if let education = document["educationRequirements"] {
            let text = education["credentialCategory"]?.text ?? education.text ?? ""
            job.educationRequired = VocabularyReading.educationLevel(text)
        }
        job.experienceYears = VocabularyReading.experienceYears(document["experienceRequirements"])

        let skills = Self.skillReferences(document["skills"], required: true)
        var texts = [title, description]
        for key in ["qualifications", "responsibilities", "experienceRequirements", "educationRequirements"] {
            if let text = document[key]?.text { texts.append(HTMLText.plain(text)) }
        }
        return [EntityDraft(entity: .job(job), skills: skills, texts: texts)]
    }

    /// `identifier` (text or `PropertyValue`), else `@id`, else `url`.
    static func identifier(of document: JSONValue) throws(IngestError) -> String {
        if let identifier = document["identifier"] {
            for item in identifier.asArray {
                if let value = item["value"]?.text ?? item.text { return value }
            }
        }
        if let id = document.first("@id", "id", "url")?.text { return id }
        throw .missing("identifier")
    }

    /// `skills` as a comma/semicolon list, `DefinedTerm`s, or an array of either.
    static func skillReferences(_ value: JSONValue?, required: Bool, importance: Float = 1) -> [SkillReference] {
        guard let value else { return [] }
        var references: [SkillReference] = []
        for item in value.asArray {
            if case .string(let text) = item {
                for part in text.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "\n" || $0 == "•" }) {
                    let label = part.trimmingCharacters(in: .whitespaces)
                    if !label.isEmpty { references.append(SkillReference(label: label, importance: importance, required: required)) }
                }
            } else if item.objectValue != nil {
                let code = item.first("termCode", "codeValue", "targetCode")?.text
                let url = item.first("url", "@id", "targetUrl")?.text
                let reference = SkillReference(
                    id: url ?? (code?.hasPrefix("http") == true ? code : nil), code: code,
                    label: item.first("name", "targetName")?.text,
                    framework: item.first("inDefinedTermSet", "targetFramework")?.text,
                    importance: importance, required: required)
                if !reference.isEmpty { references.append(reference) }
            }
        }
        return references
    }

    /// `occupationalCategory` as text ("15-1252.00 Software Developers") or a `CategoryCode`.
    static func occupationCode(_ value: JSONValue?) -> String? {
        guard let value else { return nil }
        for item in value.asArray {
            if let code = item["codeValue"]?.text ?? item["termCode"]?.text ?? item.text,
                let parsed = VocabularyReading.occupationCode(code)
            {
                return parsed
            }
        }
        return nil
    }

    /// `baseSalary`: a `MonetaryAmount` with a `QuantitativeValue`, annualised from its `unitText`.
    static func pay(_ value: JSONValue?) throws(IngestError) -> PayRange? {
        guard let value, value.objectValue != nil else { return nil }
        let currency = value["currency"]?.text ?? "USD"
        let quantity = value["value"] ?? value
        var low = quantity["minValue"]?.number ?? quantity["value"]?.number
        var high = quantity["maxValue"]?.number ?? quantity["value"]?.number
        if quantity.number != nil { low = quantity.number; high = quantity.number }
        let unit = (quantity["unitText"]?.text ?? value["unitText"]?.text ?? "YEAR").uppercased()
        let factor: Double =
            switch unit {
            case "HOUR": 2080
            case "DAY": 260
            case "WEEK": 52
            case "MONTH": 12
            default: 1
            }
        low = low.map { $0 * factor }
        high = high.map { $0 * factor }
        if low == nil && high == nil { return nil }
        let range = PayRange(minimum: low, maximum: high, currency: currency)
        do { try range.validate(field: "baseSalary") } catch { throw .invalid("baseSalary", "\(error)") }
        return range
    }

    /// The first `jobLocation` with `geo` coordinates.
    static func location(_ value: JSONValue?) throws(IngestError) -> GeoPoint? {
        guard let value else { return nil }
        for place in value.asArray {
            let geo = place["geo"] ?? place
            if let latitude = geo["latitude"]?.number, let longitude = geo["longitude"]?.number {
                let point = GeoPoint(latitude: latitude, longitude: longitude)
                do { try point.validate(field: "jobLocation.geo") } catch { throw .invalid("jobLocation.geo", "\(error)") }
                return point
            }
        }
        return nil
    }
}
