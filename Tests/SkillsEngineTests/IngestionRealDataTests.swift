// Ingestion end to end with the shipped taxonomy, one engine for the suite:
// 1. The 1,001 ETPL programs all land, with CIP codes, joined outcomes, and the skills their
//    titles promise (welding programs yield an ESCO welding skill, forklift programs a forklift skill).
// 2. schema.org JobPosting, JDX, CTDL and profile documents yield the skills they name.
// 3. The shared OB 3.0 / CLR 2.0 vectors attach to a candidate with the verifier's verdict stored;
//    verified skills carry the issuer, and a match explains them as "verified by <issuer>".
// 4. The same file twice gives the same entity count and identical stored profiles; deletes apply;
//    an expired job leaves search and match results.
// 5. Bad input gives per-item errors while the valid items of the same batch land.
import Foundation
import SkillsCore
import SkillsCredentials
import SkillsIndex
import SkillsIngestion
import SkillsRanking
import SkillsStorage
import SkillsTestSupport
import Testing

@testable import SkillsEngine

@Suite(.serialized, .enabled(if: FixturePaths.hasSharedData))
struct IngestionRealDataTests {
    static let shared = Result { () throws -> Engine in
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("skillmatch-ingest-real-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let configuration = EngineConfiguration(
            dataDirectory: folder.path, taxonomyDirectory: FixturePaths.taxonomies.path,
            configDirectory: FixturePaths.packageRoot.appendingPathComponent("Config").path)
        return try Engine(configuration: configuration)
    }

    var engine: Engine { get throws { try Self.shared.get() } }

    /// Enqueues, drains with one worker, and returns the task report.
    func ingest(_ body: Data, format: String, source: String = "test", options: EnqueueOptions = EnqueueOptions(), verifier: VerifierConfiguration = VerifierConfiguration()) throws -> IngestTask {
        let engine = try engine
        let receipt = try engine.enqueue(body, format: format, source: source, options: options)
        try engine.drainQueue(worker: try engine.makeWorker(id: "test-\(UUID().uuidString)", verifier: verifier))
        return try #require(try engine.task(id: receipt.taskID))
    }

    func labels(_ skills: [Int32]) -> [String] {
        guard let engine = try? Self.shared.get() else { return [] }
        return skills.map { engine.label($0).lowercased() }
    }

    @Test func etplProgramsAllLandWithCodesOutcomesAndSkills() throws {
        var options = EnqueueOptions()
        options.outcomes = try Data(contentsOf: FixturePaths.shared("programs/nj-program-outcomes-by-provider-cip.csv"))
        let body = try Data(contentsOf: FixturePaths.shared("programs/nj-etpl-programs.csv"))
        let task = try ingest(body, format: "etpl-csv", options: options)
        #expect(task.counts.received == 1001)
        #expect(task.counts.failed == 0, "\(task.errors.prefix(5))")
        var programs: [Program] = []
        var cursor: String?
        repeat {
            let page = try engine.list(kind: .program, limit: 1000, after: cursor)
            programs += page.entities.compactMap { if case .program(let p) = $0 { p } else { nil } }
            cursor = page.nextCursor
        } while cursor != nil
        #expect(programs.count >= 990)  // a few rows share a program id across providers
        #expect(programs.filter { $0.cipCode == nil }.isEmpty)
        #expect(programs.filter { $0.outcomes.employmentRate != nil }.count > 100)
        // The extractor finds nothing in about a quarter of the programmes (290 of 1,001 measured on
        // 2026-12-04, e.g. pharmacy and nurse-aide programmes; 258 on 2026-12-03 before the precision
        // tuning, many of those through false positives); this bound catches regressions.
        #expect(programs.filter { $0.skillsTaught.isEmpty }.count < programs.count * 3 / 10)
        let welding = programs.filter { $0.title.localizedCaseInsensitiveContains("welding") }
        #expect(!welding.isEmpty)
        for program in welding {
            #expect(labels(program.skillsTaught.map(\.skill)).contains { $0.contains("weld") }, "\(program.title)")
            #expect(program.cipCode?.hasPrefix("48.05") == true)
        }
    }

    @Test func jobPostingJDXCTDLAndProfileYieldTheirSkills() throws {
        let lines = [
            #"{"@context": "https://schema.org", "@type": "JobPosting", "identifier": "sj-1", "title": "Welder", "description": "MIG and TIG welding of steel frames; read blueprints.", "skills": [{"@type": "DefinedTerm", "name": "perform tungsten inert gas welding"}], "occupationalCategory": "51-4121.00", "datePosted": "2026-01-10", "validThrough": "2099-01-01", "employmentType": "FULL_TIME"}"#,
            #"{"@type": "JobPosting", "jobPostingId": "jdx-1", "identifier": "jdx-1", "title": "Forklift operator", "competencies": [{"name": "operate forklift"}], "occupationCategories": [{"termCode": "53-7051.00", "inDefinedTermSet": "O*NET-SOC"}], "datePosted": "2026-01-10"}"#,
            #"{"@type": "ceterms:Certificate", "ceterms:ctid": "ce-weld-1", "ceterms:name": {"en-US": "Welding Certificate"}, "ceterms:description": {"en-US": "Arc welding and metal active gas welding."}, "ceterms:instructionalProgramType": [{"ceterms:codedNotation": "48.0508"}]}"#,
            #"{"id": "cand-1", "name": "Ada", "headline": "Welder", "skills": ["welding techniques"], "consentToBeFound": true}"#,
        ]
        let task = try ingest(Data(lines.joined(separator: "\n").utf8), format: "auto")
        #expect(task.counts.failed == 0, "\(task.errors)")
        guard case .job(let job) = try #require(try engine.entity(kind: .job, id: "sj-1")) else { Issue.record("no job"); return }
        #expect(labels(job.requiredSkills.map(\.skill)).contains("perform tungsten inert gas welding"))
        #expect(job.occupationCode == "51-4121.00")
        guard case .job(let jdx) = try #require(try engine.entity(kind: .job, id: "jdx-1")) else { Issue.record("no jdx"); return }
        #expect(labels(jdx.requiredSkills.map(\.skill)).contains { $0.contains("forklift") })
        guard case .program(let ctdl) = try #require(try engine.entity(kind: .program, id: "ce-weld-1")) else { Issue.record("no ctdl"); return }
        #expect(labels(ctdl.skillsTaught.map(\.skill)).contains { $0.contains("weld") })
        guard case .candidate(let ada) = try #require(try engine.entity(kind: .candidate, id: "cand-1")) else { Issue.record("no candidate"); return }
        #expect(labels(ada.skills.map(\.skill)).contains("welding techniques"))
    }

    @Test func credentialVectorsAttachWithVerdictAndExplainVerifiedSkills() throws {
        let path = "credentials/vectors/dcc-vc-test-fixtures/verifiableCredentials/v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-alignments.json"
        let credential = try String(contentsOf: FixturePaths.shared(path), encoding: .utf8)
        let profile = #"{"id": "cand-cred", "name": "Grace", "skills": ["welding techniques"], "consentToBeFound": true}"#
        _ = try ingest(Data(profile.utf8), format: "profile")
        let envelope = #"{"candidateId": "cand-cred", "credential": \#(credential)}"#
        let task = try ingest(Data(envelope.replacingOccurrences(of: "\n", with: " ").utf8), format: "ob3")
        #expect(task.counts.failed == 0, "\(task.errors)")
        let stored = try engine.credentials(candidateID: "cand-cred")
        #expect(stored.count == 1)
        let verdict = try JSONParser().parse([UInt8](try #require(stored.first).verification))
        let status = try #require(verdict["status"]?.stringValue)
        #expect(["verified", "unverified"].contains(status))
        #expect(verdict["steps"]?.arrayValue?.isEmpty == false)
        guard case .candidate(let grace) = try #require(try engine.entity(kind: .candidate, id: "cand-cred")) else { Issue.record("no candidate"); return }
        #expect(labels(grace.skills.map(\.skill)).contains("welding techniques"))  // the profile's claim stays
        let backed = grace.skills.filter { $0.provenance == (status == "verified" ? .verified : .credentialBacked) }
        #expect(status == "verified")
        // Its alignments name a course catalog item ("Requirements Analysis", a credentialfinder.org
        // URL) that is not in the taxonomy, and the extractor finds no skill in it: no skill is invented.
        #expect(backed.allSatisfy { $0.issuer == "Example University" })
        #expect(grace.credentials.map(\.issuer) == ["Example University"])
        #expect(grace.credentials.map(\.verified) == [true])

        // Re-ingesting the same credential changes nothing.
        let before = try engine.entity(kind: .candidate, id: "cand-cred")
        let again = try ingest(Data(envelope.replacingOccurrences(of: "\n", with: " ").utf8), format: "ob3")
        #expect(again.counts.skippedUnchanged + again.counts.processed == 1)
        #expect(try engine.entity(kind: .candidate, id: "cand-cred") == before)
        #expect(try engine.credentials(candidateID: "cand-cred").count == 1)
    }

    @Test func signedOpenBadgeIsVerifiedAndExplainedByIssuer() throws {
        let url = FixturePaths.shared("credentials/vectors/1edtech/ob-signed-credential.json")
        let document = try JSONParser().parse([UInt8](try Data(contentsOf: url)))
        let verifier = VerifierConfiguration(keyRegistry: Self.registry(for: document))
        // Extraction may find nothing in a teamwork badge: add an alignment-free check on the verdict
        // and rely on the achievement text for skills.
        let envelope = JSONValue.object(JSONObject(members: [
            .init(key: "candidateId", value: .string("cand-badge")), .init(key: "credential", value: document),
        ]))
        let task = try ingest(Data(envelope.serializedBytes()), format: "ob3", verifier: verifier)
        #expect(task.counts.failed == 0, "\(task.errors)")
        let stored = try #require(try engine.credentials(candidateID: "cand-badge").first)
        #expect(try JSONParser().parse([UInt8](stored.verification))["status"]?.stringValue == "verified")
        guard case .candidate(let badge) = try #require(try engine.entity(kind: .candidate, id: "cand-badge")) else { Issue.record("no candidate"); return }
        #expect(badge.credentials.map(\.verified) == [true])
        #expect(badge.credentials.map(\.issuer) == ["Example Corp"])
        // The extractor finds no taxonomy skill in "Teamwork … collaborate within a group environment".
        #expect(badge.skills.allSatisfy { $0.provenance == .verified && $0.issuer == "Example Corp" })
    }

    static let weldingURI = "http://data.europa.eu/esco/skill/530cb489-d900-46ab-9350-4d50ccd49eea"  // welding techniques
    static let forkliftURI = "http://data.europa.eu/esco/skill/28cb374e-6261-4133-8371-f9a5470145da"  // operate forklift
    static let tigURI = "http://data.europa.eu/esco/skill/a51adea8-bf02-488a-a0d8-b0961caca5b0"  // perform tungsten inert gas welding

    /// An unsigned OB 3.0 badge whose alignments name ESCO skills; the TIG alignment is on a failed result.
    static func alignedBadge(candidate: String) -> String {
        #"{"candidateId": "\#(candidate)", "credential": {"@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"], "type": ["VerifiableCredential", "OpenBadgeCredential"], "issuer": {"id": "https://college.example", "type": ["Profile"], "name": "County College"}, "validFrom": "2025-01-01T00:00:00Z", "name": "Shop floor badge", "credentialSubject": {"type": ["AchievementSubject"], "achievement": {"id": "https://college.example/a/1", "type": ["Achievement"], "name": "Shop floor basics", "criteria": {"narrative": "Practical exam."}, "alignment": [{"type": ["Alignment"], "targetName": "welding techniques", "targetUrl": "\#(weldingURI)", "targetFramework": "ESCO"}, {"type": ["Alignment"], "targetName": "Forklift", "targetCode": "\#(forkliftURI)", "targetUrl": "https://college.example/forklift"}]}, "result": [{"type": ["Result"], "status": "Failed", "alignment": [{"type": ["Alignment"], "targetName": "TIG", "targetUrl": "\#(tigURI)"}]}]}}}"#
    }

    @Test func alignmentsBecomeSkillsAndVerifiedOnesAreExplainedByIssuer() throws {
        let engine = try engine
        // Through the engine's verifier: no proof → unverified → credentialBacked; the failed result's skill is ignored.
        let task = try ingest(Data(Self.alignedBadge(candidate: "cand-aligned").utf8), format: "auto")
        #expect(task.counts.failed == 0, "\(task.errors)")
        let stored = try #require(try engine.credentials(candidateID: "cand-aligned").first)
        #expect(try JSONParser().parse([UInt8](stored.verification))["status"]?.stringValue == "unverified")
        guard case .candidate(let aligned) = try #require(try engine.entity(kind: .candidate, id: "cand-aligned")) else { Issue.record("no candidate"); return }
        let ids = Set(aligned.skills.map { engine.taxonomy.skills[Int($0.skill)].id })
        #expect(ids.isSuperset(of: [Self.weldingURI, Self.forkliftURI]))
        #expect(!ids.contains(Self.tigURI))
        #expect(aligned.skills.allSatisfy { $0.provenance == .credentialBacked && $0.issuer == "County College" })

        // The same candidate with a verified verdict (the verifier's own verdicts are checked above on
        // the signed vectors): a job needing those skills explains them as "verified by County College".
        let verified: CredentialChecker = { value in
            guard var check = CredentialCheck.notVerified(value) else { return nil }
            check.status = .verified
            return check
        }
        let processor = IngestProcessor(resolver: DraftResolver(resolver: engine.resolver)).adding(CredentialAdapter(format: .ob3, check: verified))
        let worker = try IngestWorker(id: "verified", database: engine.database, processor: processor, persisting: engine.persisting)
        _ = try engine.enqueue(Data(Self.alignedBadge(candidate: "cand-verified").utf8), format: "ob3", source: "wallet")
        let profile = #"{"id": "cand-verified", "name": "Vera", "consentToBeFound": true}"#
        _ = try engine.enqueue(Data(profile.utf8), format: "profile", source: "registry")
        try engine.drainQueue(worker: worker)
        guard case .candidate(let vera) = try #require(try engine.entity(kind: .candidate, id: "cand-verified")) else { Issue.record("no candidate"); return }
        #expect(vera.skills.contains { $0.provenance == .verified && $0.issuer == "County College" })
        let job = #"{"@type": "JobPosting", "identifier": "job-shop", "title": "Shop hand", "description": "General shop work.", "skills": [{"@type": "DefinedTerm", "termCode": "\#(Self.weldingURI)"}, {"@type": "DefinedTerm", "termCode": "\#(Self.forkliftURI)"}], "datePosted": "2026-01-01", "validThrough": "2099-01-01"}"#
        #expect(try ingest(Data(job.utf8), format: "jobposting").counts.failed == 0)
        let source = EntityKey(.candidate, "cand-verified")
        let page = try engine.match(MatchRequest(source: source, direction: .candidateToJobs, limit: 50, explain: true))
        #expect(page.matches.contains { $0.target.id == "job-shop" })
        let text = String(decoding: ResultRenderer(engine: engine).matches(page, source: source).serializedBytes(), as: UTF8.self)
        #expect(text.contains("verified by County College"), "\(text.prefix(600))")
    }

    @Test func sameFileTwiceChangesNothingDeletesAndExpiryApply() throws {
        let jobs = (1...30).map { i in
            #"{"@type": "JobPosting", "identifier": "rep-\#(i)", "title": "Welder \#(i)", "description": "Arc welding and forklift operation, shift \#(i).", "datePosted": "2026-01-01", "validThrough": "\#(i == 30 ? "2026-01-15" : "2099-01-01")"}"#
        }.joined(separator: "\n")
        let body = Data(jobs.utf8)
        _ = try ingest(body, format: "jobposting", source: "replay")
        let count = try engine.counts()[.job]
        let profiles = try (1...30).map { try engine.entity(kind: .job, id: "rep-\($0)") }
        let second = try ingest(body, format: "jobposting", source: "replay")
        #expect(second.counts.skippedUnchanged == 30)
        #expect(try engine.counts()[.job] == count)
        #expect(try (1...30).map { try engine.entity(kind: .job, id: "rep-\($0)") } == profiles)

        // Expired: rep-30's validThrough is past, so it leaves search results; the others stay.
        let hits = try engine.search(skills: [], text: "welder arc welding forklift", kind: .job, filters: FilterSet(), limit: 100, cursor: nil)
        let snapshot = try engine.snapshot
        let ids: Set<String> = Set(hits.result.hits.compactMap { snapshot.entity($0.id)?.id })
        #expect(!ids.contains("rep-30"))
        #expect(ids.contains("rep-1"))

        _ = try ingest(Data(#"{"delete": {"kind": "job", "id": "rep-2"}}"#.utf8), format: "auto", source: "replay")
        #expect(try engine.entity(kind: .job, id: "rep-2") == nil)
        let after = try engine.search(skills: [], text: "welder arc welding forklift", kind: .job, filters: FilterSet(), limit: 100, cursor: nil)
        let fresh = try engine.snapshot
        let remaining = after.result.hits.compactMap { fresh.entity($0.id)?.id }
        #expect(!remaining.contains("rep-2"))
    }

    @Test func badInputGetsPerItemErrorsAndGoodItemsLand() throws {
        let good = #"{"@type": "JobPosting", "identifier": "bad-ok-1", "title": "Welder", "description": "welding", "datePosted": "2026-01-01"}"#
        let deep = String(repeating: "{\"a\":", count: 10_000) + "1" + String(repeating: "}", count: 10_000)
        let huge = #"{"@type": "JobPosting", "identifier": "huge", "title": "x", "description": ""# + String(repeating: "a", count: 50 << 20) + #""}"#
        var body = Data()
        for line in [
            good, "{not json", #"{"@type": "JobPosting", "title": "no id", "datePosted": "2026-01-01"}"#,
            #"{"@type": "JobPosting", "identifier": 17, "title": ["wrong"], "datePosted": "yesterday"}"#,
            #"{"@type": "Spaceship", "id": "x"}"#, deep, huge,
        ] {
            body.append(Data(line.utf8)); body.append(0x0A)
        }
        body.append(contentsOf: [0x7B, 0x22, 0x69, 0x64, 0x22, 0x3A, 0x22, 0xFF, 0xFE, 0x22, 0x7D, 0x0A])  // {"id":"\xFF\xFE"}
        body.append(Data(good.replacingOccurrences(of: "bad-ok-1", with: "bad-ok-2").utf8))
        let task = try ingest(body, format: "auto", source: "bad")
        #expect(task.counts.received == 9)
        #expect(task.counts.failed == 7, "\(task.errors)")
        #expect(task.counts.processed == 2)
        #expect(try engine.entity(kind: .job, id: "bad-ok-1") != nil)
        #expect(try engine.entity(kind: .job, id: "bad-ok-2") != nil)
        let reasons = task.errors.map(\.error).joined(separator: "\n")
        for expected in ["line 2", "identifier", "unknown_format", "item_too_large", "line 6", "line 8"] {
            #expect(reasons.contains(expected), "\(expected) in \(reasons)")
        }
        #expect(throws: EngineError.self) { try engine.enqueue(Data(good.utf8), format: "yaml", source: "bad") }
    }

    static func registry(for document: JSONValue) -> IssuerKeyRegistry {
        var registry = IssuerKeyRegistry()
        func visit(_ value: JSONValue) {
            switch value {
            case .object(let object):
                if let method = object["verificationMethod"]?.stringValue, let hash = method.firstIndex(of: "#"),
                    let (type, bytes) = try? Multibase.decodeKey(String(method[method.index(after: hash)...])), type == .ed25519,
                    let key = try? PublicKey.ed25519(bytes)
                {
                    registry.register(key, verificationMethod: method, issuer: String(method[..<hash]))
                }
                for member in object { visit(member.value) }
            case .array(let items): items.forEach(visit)
            default: break
            }
        }
        visit(document)
        return registry
    }
}
