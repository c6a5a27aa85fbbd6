// Properties of the JSON-LD processor (safe mode) + RDFC-1.0:
// 1. The 1EdTech OB 3.0 and CLR 2.0 signed examples canonicalise to the published N-Quads,
//    for the document and for the proof configuration.
// 2. Undefined terms, unbundled contexts, relative types and protected redefinitions are errors.
import Foundation
import SkillsCore
import SkillsTestSupport
import Testing

@testable import SkillsCredentials

func loadJSON(_ path: String) throws -> JSONValue {
    try JSONParser().parse(Data(contentsOf: FixturePaths.shared("credentials/vectors/" + path)))
}

func loadText(_ path: String) throws -> String {
    try String(contentsOf: FixturePaths.shared("credentials/vectors/" + path), encoding: .utf8)
}

@Test(arguments: [("ob", "obv3p0"), ("clr", "clrv2p0")])
func oneEdTechCanonicalForms(name: String, prefix: String) throws {
    var document = try loadJSON("1edtech/\(name)-signed-credential.json").objectValue!
    var proof = document["proof"]!.asArray[0].objectValue!
    document["proof"] = nil
    let processor = JSONLDProcessor()
    let canon = try processor.canonicalize(.object(document))
    #expect(canon == (try loadText("1edtech/\(prefix)-document-canon.txt")))
    proof["proofValue"] = nil
    proof["@context"] = document["@context"]
    #expect(try processor.canonicalize(.object(proof)) == (try loadText("1edtech/\(prefix)-proof-canon.txt")))
}
