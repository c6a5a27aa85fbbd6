// Properties of the OB 3.0 / CLR 2.0 adapter and the candidate merge:
// 1. The candidate comes from the envelope's candidateId, else credentialSubject.id; neither is an error.
// 2. Alignments become skill references; failed results' alignments are ignored; texts go to extraction.
// 3. The checker's verdict decides provenance: verified → verified with the issuer, unverified or
//    not verified → credentialBacked, invalid → no skills and no credential.
// 4. Merging is idempotent and keeps the strongest provenance (compared with a reference merge).
// 5. A CLR's nested credentials each carry their own verdict, also when one before them could not
//    be read (pairing by position would hand a later credential its neighbour's verdict).
import Foundation
import SkillsCore
import SkillsCredentials
import SkillsStorage
import SkillsTestSupport
import Testing

@testable import SkillsIngestion

func badge(subject: String? = "did:example:alice", results: String = "[]", alignment: String = #"[{"targetName": "Welding", "targetUrl": "https://example.org/competency/weld", "targetFramework": "Acme"}]"#) -> String {
    let subjectID = subject.map { #""id": "\#($0)","# } ?? ""
    return """
        {"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiableCredential", "OpenBadgeCredential"],
         "issuer": {"id": "https://college.example", "name": "County College"}, "name": "Welding badge",
         "credentialSubject": {\(subjectID) "type": ["AchievementSubject"],
           "achievement": {"name": "Welding basics", "description": "Safe use of a forklift in the shop.",
                           "criteria": {"narrative": "Pass the practical exam."}, "alignment": \(alignment)},
           "result": \(results)}}
        """
}

private func verdict(_ status: CredentialEvidence.Status) -> CredentialChecker {
    { value in
        guard var check = CredentialCheck.notVerified(value) else { return nil }
        check.status = status
        return check
    }
}

private func candidate(_ text: String, status: CredentialEvidence.Status = .verified, context: IngestContext = IngestContext(source: "wallet")) throws -> (Candidate, [CredentialEvidence]) {
    let outcomes = try IngestProcessor(resolver: DraftResolver(resolver: resolver))
        .adding(CredentialAdapter(format: .ob3, check: verdict(status)))
        .process(Data(text.utf8), declaredFormat: "auto", context: context)
    guard case .merge(let candidate, let credentials) = try #require(outcomes.first) else {
        Issue.record("not a merge"); throw IngestError(.invalidField, "not a merge")
    }
    return (candidate, credentials)
}

@Test func candidateIDFromEnvelopeOrSubject() throws {
    #expect(try candidate(badge()).0.id == "did:example:alice")
    #expect(try candidate(#"{"candidateId": "c-17", "credential": \#(badge())}"#).0.id == "c-17")
    #expect(throws: IngestError.self) { try candidate(badge(subject: nil)) }
    #expect(throws: IngestError.self) { try candidate(#"{"candidateId": 12, "credential": \#(badge())}"#) }
    #expect(throws: IngestError.self) { try candidate(#"{"candidateId": "c", "credential": [1]}"#, status: .verified) }
}

@Test func verdictDecidesProvenance() throws {
    let (verified, evidence) = try candidate(badge())
    // Alignment (welding) and the extractor's hit in the description (forklift), both verified by the issuer.
    #expect(verified.skills.map(\.skill).sorted() == [4, 6])
    #expect(verified.skills.allSatisfy { $0.provenance == .verified && $0.issuer == "County College" })
    #expect(verified.credentials.map(\.verified) == [true])
    #expect(evidence.first?.document != nil)
    for status in [CredentialEvidence.Status.unverified, .notVerified] {
        let (backed, _) = try candidate(badge(), status: status)
        #expect(backed.skills.allSatisfy { $0.provenance == .credentialBacked })
        #expect(backed.credentials.map(\.verified) == [false])
    }
    let (invalid, _) = try candidate(badge(), status: .invalid)
    #expect(invalid.skills.isEmpty)
    #expect(invalid.credentials.isEmpty)
}

@Test func failedResultsAttestNothing() throws {
    // Only the achievement's text (welding, forklift) counts; the failed result's SQL does not.
    let failed = #"[{"status": "Failed", "alignment": [{"targetName": "SQL"}]}]"#
    #expect(try candidate(badge(results: failed, alignment: "[]")).0.skills.map(\.skill).sorted() == [4, 6])
    let passed = #"[{"status": "Completed", "alignment": [{"targetName": "SQL"}]}, {"status": "Withdrew", "alignment": [{"targetName": "Python"}]}]"#
    #expect(try candidate(badge(results: passed, alignment: "[]")).0.skills.map(\.skill).sorted() == [2, 4, 6])
}

@Test func mergeIsIdempotentAndKeepsStrongestProvenance() throws {
    var rng = SeededGenerator(seed: 6)
    let provenances: [SkillProvenance] = [.extracted, .stated, .credentialBacked, .verified]
    for _ in 0..<200 {
        func claims() -> [SkillClaim] {
            let skills = Set((0..<Int.random(in: 0...6, using: &rng)).map { _ in Int32.random(in: 0..<8, using: &rng) })
            return skills.sorted().map { SkillClaim(skill: $0, provenance: provenances.randomElement(using: &rng)!, issuer: "i\($0)") }
        }
        let existing = Candidate(id: "c", skills: claims(), credentials: [.init(name: "A", issuer: "X", verified: false)])
        let incoming = Candidate(id: "c", skills: claims(), credentials: [.init(name: "A", issuer: "X", verified: true), .init(name: "B", issuer: "Y", verified: true)])
        let once = CandidateMerge.merge(incoming, into: existing)
        #expect(CandidateMerge.merge(incoming, into: once) == once)
        // Reference: for each skill, the maximum provenance over both sides.
        var expected: [Int32: SkillProvenance] = [:]
        for claim in existing.skills + incoming.skills { expected[claim.skill] = max(expected[claim.skill] ?? claim.provenance, claim.provenance) }
        #expect(Dictionary(uniqueKeysWithValues: once.skills.map { ($0.skill, $0.provenance) }) == expected)
        #expect(once.credentials.map(\.name) == ["A", "B"])
        #expect(once.credentials.allSatisfy { $0.verified })
    }
}

@Test func workerStoresCredentialAndMergesIntoCandidate() throws {
    let database = try temporaryDatabase()
    let connection = try database.connect()
    let queue = try IngestQueue(connection)
    let processor = IngestProcessor(resolver: DraftResolver(resolver: resolver)).adding(CredentialAdapter(format: .ob3, check: verdict(.verified)))
    let worker = try IngestWorker(id: "w1", database: database, processor: processor, persisting: JSONPersisting())
    let profile = #"{"id": "c-1", "name": "Ada", "skills": ["SQL", "welding"]}"#
    let credential = #"{"candidateId": "c-1", "credential": \#(badge())}"#
    _ = try queue.enqueue(taskFormat: "auto", source: "registry", items: [.payload(Data(profile.utf8))])
    _ = try worker.runOnce()
    _ = try queue.enqueue(taskFormat: "ob3", source: "wallet", items: [.payload(Data(credential.utf8))])
    let merged = try worker.runOnce().changes.upserted
    guard case .candidate(let ada) = try #require(merged.first) else { Issue.record("no candidate"); return }
    #expect(ada.name == "Ada")
    #expect(ada.skills.first { $0.skill == 2 }?.provenance == .stated)
    #expect(ada.skills.first { $0.skill == 4 }?.provenance == .verified)
    #expect(ada.skills.first { $0.skill == 4 }?.issuer == "County College")
    #expect(try CredentialStore(connection).list(candidateID: "c-1").count == 1)
    let before = try EntityStore(connection).get(kind: "candidate", id: "c-1")?.document
    // The same credential again, even from another item, changes nothing.
    _ = try queue.enqueue(taskFormat: "ob3", source: "wallet2", items: [.payload(Data(credential.utf8))])
    #expect(try worker.runOnce().changes.isEmpty)
    #expect(try EntityStore(connection).get(kind: "candidate", id: "c-1")?.document == before)
    #expect(try CredentialStore(connection).list(candidateID: "c-1").count == 1)
    #expect(try EntityStore(connection).count(kind: "candidate") == 1)
}

@Test func nestedCredentialsKeepTheirOwnVerdict() throws {
    let welding = try JSONParser().parse(badge()).objectValue!
    var sqlBadge = welding
    sqlBadge["name"] = .string("SQL badge")
    sqlBadge["credentialSubject"] = try JSONParser().parse(#"{"id": "did:example:alice", "type": ["AchievementSubject"], "achievement": {"name": "SQL", "alignment": [{"targetName": "SQL"}]}}"#)
    let sql = sqlBadge
    let clr: JSONValue = .object(JSONObject([
        "@context": .array([.string("https://www.w3.org/ns/credentials/v2")]),
        "type": .array([.string("VerifiableCredential"), .string("ClrCredential")]),
        "issuer": .object(JSONObject(["id": .string("https://college.example"), "name": .string("County College")])),
        "credentialSubject": .object(JSONObject([
            "id": .string("did:example:alice"),
            "verifiableCredential": .array([.string("not.a.jwt"), .object(welding), .object(sql)]),
        ])),
    ]))
    // As the engine's verifier reports it: the unreadable first one has no claims.
    let checker: CredentialChecker = { value in
        CredentialCheck(status: .verified, credential: AchievementCredential(document: value), nested: [
            CredentialCheck(status: .invalid, credential: nil),
            CredentialCheck(status: .verified, credential: AchievementCredential(document: .object(welding))),
            CredentialCheck(status: .invalid, credential: AchievementCredential(document: .object(sql))),
        ])
    }
    let drafts = try CredentialAdapter(format: .clr, check: checker).drafts(from: clr, context: IngestContext(source: "wallet"))
    let evidence = try #require(drafts.first).credentials
    #expect(evidence.map(\.name) == ["Welding basics", "SQL"])
    #expect(evidence.map(\.status) == [.verified, .invalid])
}
