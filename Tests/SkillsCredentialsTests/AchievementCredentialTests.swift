// The claims model ingestion uses: alignments at every level, results with pass/fail, CLR nesting.
import Foundation
import SkillsCore
import SkillsTestSupport
import Testing

@testable import SkillsCredentials

@Test func alignmentsAndResultsFromCompleteCredential() throws {
    let credential = AchievementCredential(document: try loadJSON("1edtech-validator/ob30/complete.json"))
    #expect(credential.issuer.id != nil)
    #expect(credential.achievement?.name != nil)
    #expect(credential.achievement?.criteriaNarrative != nil)
    let levels = Set(credential.allAlignments.map(\.level))
    #expect(levels.contains("achievement"))
    #expect(levels.contains("resultDescription"))
    #expect(!credential.results.isEmpty)
    #expect(credential.allAlignments.allSatisfy { $0.targetName != nil || $0.targetURL != nil })
}

@Test func dccAlignmentsFixture() throws {
    let credential = AchievementCredential(document: try loadJSON("dcc-vc-test-fixtures/verifiableCredentials/v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-alignments.json"))
    #expect(!(credential.achievement?.alignments.isEmpty ?? true))
    #expect(credential.validFrom != nil)
}

@Test func resultStatusDecidesPass() {
    let doc = try! JSONParser().parse(#"""
    {"type":["VerifiableCredential","OpenBadgeCredential"],"issuer":"did:example:i","credentialSubject":{"id":"did:example:s",
     "achievement":{"name":"A","resultDescription":[{"id":"urn:rd","alignment":[{"targetName":"T","targetUrl":"https://x"}]}]},
     "result":[{"resultDescription":"urn:rd","status":"Failed"},{"status":"Completed"},{}]}}
    """#)
    let credential = AchievementCredential(document: doc)
    #expect(credential.results.map(\.isPass) == [false, true, true])
    #expect(credential.results[0].alignments.map(\.level) == ["resultDescription"])
    #expect(credential.issuer.id == "did:example:i")
}

@Test func clrNestedClaims() throws {
    let clr = AchievementCredential(document: try loadJSON("1edtech/clr-signed-credential.json"))
    #expect(clr.isCLR)
    #expect(clr.nested.count == 1)
    #expect(clr.nested[0].achievement?.name != nil)
}
