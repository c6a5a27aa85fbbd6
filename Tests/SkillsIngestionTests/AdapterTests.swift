// Properties of the format adapters and the draft resolver:
// 1. Each adapter reads the fields its format defines into the entity (ids, titles, codes, pay, dates, places).
// 2. Explicit skills keep their role (required / preferred) and resolve by id, code or label.
// 3. Adapters are pure: the same document gives the same entity.
// 4. Missing or mistyped required fields give an IngestError naming the field, never a crash.
// 5. Text extraction adds skills that are not already named, and never duplicates one.
import Foundation
import SkillsCore
import Testing

@testable import SkillsIngestion

/// A tiny resolver: labels and ids from a fixed table, extraction by whole-word label search.
struct TableResolver: SkillResolver {
    let labels: [String: Int32]
    let ids: [String: Int32]

    func resolve(_ reference: SkillReference) -> Int32? {
        if let id = reference.id, let skill = ids[id] { return skill }
        if let label = reference.label?.lowercased(), let skill = labels[label] { return skill }
        return nil
    }

    func extract(_ text: String) -> [(skill: Int32, confidence: Double)] {
        let words = " " + text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "+" }).joined(separator: " ") + " "
        return labels.sorted { $0.value < $1.value }.compactMap { label, skill in
            words.contains(" \(label) ") ? (skill, 0.9) : nil
        }
    }
}

let resolver = TableResolver(
    labels: ["python": 1, "sql": 2, "postgresql": 3, "welding": 4, "customer service": 5, "forklift": 6],
    ids: ["http://data.europa.eu/esco/skill/python": 1, "https://example.org/competency/weld": 4])

func parse(_ text: String) throws -> JSONValue { try JSONParser().parse(text) }

@Test func jobPostingReadsSchemaOrgFields() throws {
    let document = try parse(
        """
        {"@context": "https://schema.org/", "@type": "JobPosting", "identifier": {"@type": "PropertyValue", "value": "J-100"},
         "title": "Data Engineer", "description": "<p>Build pipelines in <b>Python</b> &amp; SQL.</p>",
         "hiringOrganization": {"@type": "Organization", "name": "Acme"},
         "skills": [{"@type": "DefinedTerm", "name": "PostgreSQL", "termCode": "x"}, "customer service"],
         "occupationalCategory": "15-1252.00 Software Developers",
         "baseSalary": {"@type": "MonetaryAmount", "currency": "USD", "value": {"@type": "QuantitativeValue", "minValue": 40, "maxValue": 50, "unitText": "HOUR"}},
         "jobLocation": {"@type": "Place", "geo": {"latitude": 40.7, "longitude": -74.0}},
         "jobLocationType": "TELECOMMUTE", "datePosted": "2026-11-01", "validThrough": "2026-12-31T23:59:59Z",
         "employmentType": ["CONTRACTOR"], "educationRequirements": {"credentialCategory": "bachelor degree"},
         "experienceRequirements": {"@type": "OccupationalExperienceRequirements", "monthsOfExperience": 36}}
        """)
    let drafts = try JobPostingAdapter().drafts(from: document, context: IngestContext(source: "board"))
    #expect(drafts.count == 1)
    guard case .job(let job) = try DraftResolver(resolver: resolver).entity(for: drafts[0]) else {
        Issue.record("not a job"); return
    }
    #expect(job.id == "J-100")
    #expect(job.employer == "Acme")
    #expect(job.description == "Build pipelines in Python & SQL.")
    #expect(job.occupationCode == "15-1252.00")
    #expect(job.pay == PayRange(minimum: 83_200, maximum: 104_000, currency: "USD"))
    #expect(job.location == GeoPoint(latitude: 40.7, longitude: -74.0))
    #expect(job.workplace == .remote)
    #expect(job.employmentType == .contract)
    #expect(job.educationRequired == .bachelor)
    #expect(job.experienceYears == 3)
    #expect(job.expiresOn != nil)
    #expect(job.requiredSkills.map(\.skill) == [3, 5])
    // Extracted from the description, not already named: preferred.
    #expect(Set(job.preferredSkills.map(\.skill)) == [1, 2])
}

@Test func jobPostingWithoutNamedSkillsPromotesConfidentHits() throws {
    let document = try parse(#"{"@type": "JobPosting", "@id": "j2", "title": "Welder", "description": "Welding and forklift work.", "datePosted": "2026-01-05"}"#)
    let draft = try JobPostingAdapter().drafts(from: document, context: IngestContext(source: "s"))[0]
    guard case .job(let job) = try DraftResolver(resolver: resolver).entity(for: draft) else { Issue.record("not a job"); return }
    #expect(job.requiredSkills.map(\.skill) == [4, 6])
    #expect(job.preferredSkills.isEmpty)
}

@Test(arguments: [
    (#"{"@type": "JobPosting", "title": "x"}"#, "identifier"),
    (#"{"@type": "JobPosting", "@id": "a"}"#, "title"),
    (#"{"@type": "JobPosting", "@id": "a", "title": "x", "datePosted": "yesterday"}"#, "datePosted"),
    (#"{"@type": "JobPosting", "@id": "a", "title": "x", "baseSalary": {"value": {"minValue": 9, "maxValue": 1}}}"#, "baseSalary"),
    (#"{"@type": "JobPosting", "@id": "a", "title": "x", "jobLocation": {"geo": {"latitude": 200, "longitude": 0}}}"#, "jobLocation.geo"),
])
func jobPostingErrorsNameTheField(json: String, field: String) throws {
    #expect {
        try JobPostingAdapter().drafts(from: parse(json), context: IngestContext(source: "s"))
    } throws: { error in
        (error as? IngestError)?.field == field
    }
}

@Test func jdxReadsCompetenciesAndOccupationCategories() throws {
    let document = try parse(
        """
        {"@type": "JobPosting", "jobPostingId": "JDX-1", "identifier": "JDX-1", "title": "Welder",
         "competencies": [{"@type": "AnnotatedDefinedTerm", "name": "Welding", "termCode": "https://example.org/competency/weld", "inDefinedTermSet": "Acme"},
                          {"name": "Forklift", "requirementLevel": "preferred"}],
         "occupationCategories": [{"termCode": "51-4121.06", "name": "Welders", "inDefinedTermSet": "O*NET-SOC"}],
         "datePosted": "2026-02-01"}
        """)
    #expect(IngestFormat.detect(document) == .jdx)
    let draft = try JDXAdapter().drafts(from: document, context: IngestContext(source: "s"))[0]
    guard case .job(let job) = try DraftResolver(resolver: resolver).entity(for: draft) else { Issue.record("not a job"); return }
    #expect(job.occupationCode == "51-4121.06")
    #expect(job.requiredSkills.map(\.skill) == [4])
    #expect(job.preferredSkills.map(\.skill) == [6])
}

@Test func ctdlReadsCredentialAndGraph() throws {
    let credential = """
        {"@type": "ceterms:Certificate", "ceterms:ctid": "ce-123", "ceterms:name": {"en-US": "Welding Certificate"},
         "ceterms:description": {"en-US": "Hands-on welding."},
         "ceterms:ownedBy": [{"ceterms:name": "County College"}],
         "ceterms:teaches": [{"@type": "ceterms:CredentialAlignmentObject", "ceterms:targetNodeName": {"en-US": "Forklift"}}],
         "ceterms:instructionalProgramType": [{"ceterms:codedNotation": "48.0508"}],
         "ceterms:occupationType": [{"ceterms:codedNotation": "51-4121.00"}],
         "ceterms:estimatedDuration": [{"ceterms:exactDuration": "P12W"}],
         "ceterms:estimatedCost": [{"ceterms:price": 2500}, {"ceterms:price": "300"}],
         "ceterms:deliveryType": [{"ceterms:targetNodeName": "Online Only"}],
         "ceterms:availableAt": [{"ceterms:latitude": 40.2, "ceterms:longitude": -74.7}]}
        """
    let graph = #"{"@context": "https://credreg.net/ctdl/schema/context/json", "@graph": [{"@type": "ceterms:CredentialOrganization", "ceterms:name": "County College"}, "# + credential + "]}"
    for text in [credential, graph] {
        let document = try parse(text)
        #expect(IngestFormat.detect(document) == .ctdl)
        let drafts = try CTDLAdapter().drafts(from: document, context: IngestContext(source: "s"))
        #expect(drafts.count == 1)
        guard case .program(let program) = try DraftResolver(resolver: resolver).entity(for: drafts[0]) else {
            Issue.record("not a program"); return
        }
        #expect(program.id == "ce-123")
        #expect(program.title == "Welding Certificate")
        #expect(program.provider == "County College")
        #expect(program.cipCode == "48.0508")
        #expect(program.occupationCodes == ["51-4121.00"])
        #expect(program.weeks == 12)
        #expect(program.cost == 2800)
        #expect(program.modality == .online)
        #expect(program.credentialAwarded == .certificate)
        #expect(program.skillsTaught.map(\.skill) == [6, 4])
    }
}

@Test func profileReadsCandidateAndKeepsStrongestProvenance() throws {
    let document = try parse(
        """
        {"id": "c-1", "name": "Ada", "headline": "Developer", "summary": "I write Python and SQL daily.",
         "skills": ["python", {"id": "http://data.europa.eu/esco/skill/python", "level": 4}, {"label": "PostgreSQL", "level": 3}],
         "workHistory": [{"title": "Developer", "employer": "Acme", "start": "2020-01-01", "end": "2023-06-30", "description": "Welding robots"}],
         "education": [{"level": "Bachelor of Science", "field": "CS"}],
         "location": {"latitude": 40.0, "longitude": -75.0}, "openToRemote": false, "consentToBeFound": true,
         "desiredPay": {"minimum": 70000, "maximum": 90000}}
        """)
    #expect(IngestFormat.detect(document) == .profile)
    var draft = try ProfileAdapter().drafts(from: document, context: IngestContext(source: "s"))[0]
    draft.credentials = [
        CredentialEvidence(name: "SQL badge", issuer: "Example U", status: .verified, skills: [SkillReference(label: "sql")]),
        CredentialEvidence(name: "Fake", issuer: "Nobody", status: .invalid, skills: [SkillReference(label: "forklift")]),
    ]
    guard case .candidate(let candidate) = try DraftResolver(resolver: resolver).entity(for: draft) else {
        Issue.record("not a candidate"); return
    }
    #expect(candidate.consentToBeFound)
    #expect(!candidate.openToRemote)
    #expect(candidate.education.first?.level == .bachelor)
    #expect(candidate.workHistory.count == 1)
    let bySkill = Dictionary(uniqueKeysWithValues: candidate.skills.map { ($0.skill, $0) })
    #expect(bySkill.count == candidate.skills.count)
    #expect(bySkill[1]?.provenance == .stated)
    #expect(bySkill[3]?.level == 3)
    #expect(bySkill[2]?.provenance == .verified)
    #expect(bySkill[2]?.issuer == "Example U")
    #expect(bySkill[4]?.provenance == .extracted)
    #expect(bySkill[6] == nil)  // only an invalid credential claims it
    #expect(candidate.credentials.map(\.name) == ["SQL badge"])
}

@Test func adaptersArePure() throws {
    let document = try parse(#"{"@type": "JobPosting", "@id": "j", "title": "SQL analyst", "description": "Python", "datePosted": "2026-01-01"}"#)
    let a = try DraftResolver(resolver: resolver).entity(for: JobPostingAdapter().drafts(from: document, context: IngestContext(source: "s"))[0])
    let b = try DraftResolver(resolver: resolver).entity(for: JobPostingAdapter().drafts(from: document, context: IngestContext(source: "s"))[0])
    #expect(a == b)
}

@Test(arguments: ["P12W", "P3M", "PT120H", "P1Y", "P10D"])
func isoDurationsParse(text: String) {
    #expect(ISODuration(text) != nil)
}

@Test(arguments: ["", "P", "12W", "PXW", "P1.2.3W"])
func badIsoDurationsAreRejected(text: String) {
    #expect(ISODuration(text) == nil)
}

@Test func vocabularyReadsCodes() {
    #expect(VocabularyReading.cipCode("430107") == "43.0107")
    #expect(VocabularyReading.cipCode("90100") == "09.0100")
    #expect(VocabularyReading.cipCode("11.07") == "11.0700")
    #expect(VocabularyReading.occupationCode("SOC 15-1252 devs") == "15-1252")
    #expect(VocabularyReading.occupationCode("no code") == nil)
    #expect(VocabularyReading.experienceYears(.string("3+ years of experience")) == 3)
}
