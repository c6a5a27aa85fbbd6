// The shared 1EdTech Open Badges 3.0 / CLR 2.0 examples (../shared/data/credentials/vectors), each
// file exactly as published (pretty-printed JSON), through the engine's ingestion: splitter →
// detection → CredentialAdapter with the verifier → candidate merge. Properties:
// 1. each file is one queue item; achievement credentials land (processed, or unchanged when an
//    earlier example already gave the same candidate the same claims); the files that are not
//    achievement credentials (endorsements, a wrong type) and the one whose subject id has the wrong
//    type fail with their reason;
// 2. every stored credential carries the verifier's verdict, and expired ones are invalid;
// 3. the CLR 2.0 nurse-assistant transcript yields ESCO "first aid" (its criteria say "CPR, AED, and
//    first aid"), credential-backed by the school; no skill lacks its issuer.
import Foundation
import SkillsCore
import SkillsTestSupport
import Testing

@testable import SkillsEngine

extension IngestionRealDataTests {
    static let credentialExampleFolders = [
        "credentials/vectors/1edtech", "credentials/vectors/1edtech-validator/ob30", "credentials/vectors/1edtech-validator/clr20",
    ]
    /// Examples that must fail, with the reason they must give.
    static let credentialExampleFailures = [
        "endorsement-valid": "unknown_format", "endorsement-err-schema-status-refresh": "unknown_format",
        "simple-err-type": "unknown_format", "simple-err-credential-subject-identifier-type": "missing_field at candidateId",
    ]

    @Test func sharedOpenBadgeAndCLRExamplesIngestAsPublished() throws {
        var files = 0
        for folder in Self.credentialExampleFolders {
            let directory = FixturePaths.shared(folder)
            for file in try FileManager.default.contentsOfDirectory(atPath: directory.path).filter({ $0.hasSuffix(".json") }).sorted() {
                let task = try ingest(try Data(contentsOf: directory.appendingPathComponent(file)), format: "auto", source: "examples")
                #expect(task.counts.received == 1, "\(file) was cut into \(task.counts.received) items")
                if let reason = Self.credentialExampleFailures[String(file.dropLast(5))] {
                    #expect(task.counts.failed == 1, "\(file) should fail")
                    #expect(task.errors.first?.error.contains(reason) == true, "\(file): \(task.errors)")
                } else {
                    #expect(task.counts.failed == 0, "\(file): \(task.errors)")
                    #expect(task.counts.processed + task.counts.skippedUnchanged == 1, "\(file)")
                }
                files += 1
            }
        }
        #expect(files >= 40)

        let engine = try engine
        let verdicts = try engine.credentials(candidateID: "did:example:ebfeb1f712ebc6f1c276e12ec21").map {
            try JSONParser().parse([UInt8]($0.verification))
        }
        #expect(verdicts.count >= 10)
        #expect(verdicts.allSatisfy { ["verified", "unverified", "invalid"].contains($0["status"]?.stringValue ?? "") })
        #expect(verdicts.contains { $0["status"]?.stringValue == "invalid" && $0["reason"]?.stringValue?.contains("expired") == true })

        let nurse = "urn:uuid:360a0e1e-c3f4-4fc4-9975-379889927d54"
        guard case .candidate(let student) = try #require(try engine.entity(kind: .candidate, id: nurse)) else {
            Issue.record("no candidate \(nurse)")
            return
        }
        #expect(labels(student.skills.map(\.skill)).contains("first aid"), "\(labels(student.skills.map(\.skill)))")
        #expect(student.skills.allSatisfy { $0.provenance == .credentialBacked && $0.issuer == "Western High School, RSD" })
        #expect(student.credentials.contains { $0.name == "Nurse Assistant 1 Program with Licensure" })
    }
}
