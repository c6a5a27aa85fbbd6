import Foundation
import SkillsCore

/// One row of an eligible-training-provider list (the layout of New Jersey's ETPL export:
/// `programid, providerid, officialname, cipcode, totalcost, totalclockhours, calendarlengthid,
/// description, degreeawardedname, licenseawardedname, industrycredentialname, name, city, …`),
/// as a JSON object of column → text, optionally joined with the provider × CIP outcomes row
/// (`PerEmployed2`, `AvgQuarterlyWage4`, …) by ``CSVItemSplitter``.
///
/// `calendarlengthid` is the state's length bucket; it is read as the bucket's middle in weeks
/// (documented in `Documentation/INGESTION.md`). `-99999` in outcomes means "suppressed".
public struct ETPLAdapter: IngestAdapter {
    public let format = IngestFormat.etplCSV

    /// Weeks at the middle of each `calendarlengthid` bucket (1: under a day … 11: over 4 years).
    static let weeksByCalendarLength: [String: Int] = [
        "1": 1, "2": 1, "3": 1, "4": 2, "5": 4, "6": 8, "7": 14, "8": 30, "9": 78, "10": 182, "11": 260,
    ]

    public init() {}

    public func drafts(from row: JSONValue, context: IngestContext) throws(IngestError) -> [EntityDraft] {
        guard let id = row["programid"]?.text else { throw .missing("programid") }
        guard let title = row["officialname"]?.text else { throw .missing("officialname") }
        var program = Program(id: "etpl-\(id)", title: title)
        program.provider = row["name"]?.text ?? ""
        program.description = Self.unquoted(row["description"]?.text ?? "")
        if let code = row["cipcode"]?.text {
            guard let cip = VocabularyReading.cipCode(code) else { throw .invalid("cipcode", "'\(code)' is not a CIP code") }
            program.cipCode = cip
        }
        if let cost = row["totalcost"]?.text {
            guard let value = Double(cost), value >= 0 else { throw .invalid("totalcost", "'\(cost)' is not a cost") }
            program.cost = value
        }
        if let hours = row["totalclockhours"]?.text {
            guard let value = Double(hours), value >= 0 else { throw .invalid("totalclockhours", "'\(hours)' is not a number") }
            // 0 means "not reported" in the export.
            program.clockHours = value >= 1 ? Int(value.rounded()) : nil
        }
        program.weeks = row["calendarlengthid"]?.text.flatMap { Self.weeksByCalendarLength[$0] }
        let remote = row["mention_remote"]?.text == "True"
        let hybrid = row["mention_hybrid"]?.text == "True"
        program.modality = hybrid ? .hybrid : remote ? .online : .inPerson
        let credentialNames = ["licenseawardedname", "industrycredentialname", "degreeawardedname"].compactMap { row[$0]?.text }
        if row["leadtolicense"]?.text == "t" || row["licenseawardedname"]?.text != nil {
            program.credentialAwarded = .license
        } else if let name = credentialNames.first, let type = VocabularyReading.credentialType(name) {
            program.credentialAwarded = type
        } else if row["leadtoindustrycredential"]?.text == "True" {
            program.credentialAwarded = .certificate
        }
        program.outcomes = Program.Outcomes(
            employmentRate: Self.outcome(row["PerEmployed2"]),
            medianEarnings: Self.outcome(row["AvgQuarterlyWage4"]).map { $0 * 4 })
        let texts = [title, program.description, Self.unquoted(row["featuresdescription"]?.text ?? "")] + credentialNames
        return [EntityDraft(entity: .program(program), texts: texts.filter { !$0.isEmpty })]
    }

    /// The export wraps descriptions in literal quotes (`"""…"""` in CSV).
    static func unquoted(_ text: String) -> String {
        text.trimmingCharacters(in: CharacterSet(charactersIn: "\" ").union(.whitespacesAndNewlines))
    }

    static func outcome(_ value: JSONValue?) -> Double? {
        guard let number = value?.number, number >= 0 else { return nil }
        return number
    }
}
