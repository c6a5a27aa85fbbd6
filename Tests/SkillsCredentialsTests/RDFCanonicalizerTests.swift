// Properties of RDFC-1.0 and N-Quads:
// 1. Every evaluation test of the W3C rdf-canon suite (tests/rdfc10) gives the expected canonical
//    N-Quads, and the issued identifier map where the suite has one; test075 uses SHA-384.
// 2. The negative test (test074, a poison graph) fails with a limit error, quickly.
// 3. Canonical output does not depend on blank node labels or quad order (seeded shuffles).
import Foundation
import SkillsCore
import SkillsTestSupport
import Testing

@testable import SkillsCredentials

private let suite = FixturePaths.shared("credentials/vectors/rdf-canon/tests/rdfc10")

private let evaluationTests: [String] = {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: suite.path)) ?? []
    return names.filter { $0.hasSuffix("-rdfc10.nq") }.map { String($0.prefix(7)) }.sorted()
}()

private func canonicalizer(for test: String) -> RDFCanonicalizer {
    RDFCanonicalizer(hashAlgorithm: test == "test075" ? .sha384 : .sha256)
}

@Test(arguments: evaluationTests)
func rdfCanonSuite(test: String) throws {
    let input = try String(contentsOf: suite.appendingPathComponent("\(test)-in.nq"), encoding: .utf8)
    let expected = try String(contentsOf: suite.appendingPathComponent("\(test)-rdfc10.nq"), encoding: .utf8)
    let quads = try NQuads.parse(input)
    let canon = canonicalizer(for: test)
    #expect(try canon.canonicalize(quads) == expected)
    let mapURL = suite.appendingPathComponent("\(test)-rdfc10map.json")
    if let data = try? Data(contentsOf: mapURL) {
        let expectedMap = try JSONParser().parse(data).objectValue!.members.map { ($0.key, $0.value.stringValue!) }
        let labels = try canon.canonicalLabels(quads)
        #expect(labels == Dictionary(uniqueKeysWithValues: expectedMap))
    }
}

@Test func rdfCanonSuiteHasAllEvaluationTests() {
    #expect(evaluationTests.count == 64)
}

@Test(.timeLimit(.minutes(5)))  // a guard against runaway work, not a speed target
func poisonGraphHitsTheWorkLimit() throws {
    let input = try String(contentsOf: suite.appendingPathComponent("test074-in.nq"), encoding: .utf8)
    let quads = try NQuads.parse(input)
    let start = ContinuousClock.now
    do {
        _ = try RDFCanonicalizer().canonicalize(quads)
        Issue.record("poison graph canonicalised")
    } catch {
        #expect(error.kind == .limit)
    }
    #expect(ContinuousClock.now - start < .seconds(20))
}

@Test func canonicalFormIgnoresLabelsAndOrder() throws {
    var rng = SeededGenerator(seed: 10)
    for _ in 0..<50 {
        var quads: [RDFQuad] = []
        let blanks = (0..<6).map { "n\($0)" }
        for _ in 0..<12 {
            let s = RDFTerm.blank(blanks.randomElement(using: &rng)!)
            let o: RDFTerm = Bool.random(using: &rng) ? .blank(blanks.randomElement(using: &rng)!) : .literal("v\(Int.random(in: 0..<3, using: &rng))", datatype: RDFTerm.xsdString, language: nil)
            quads.append(RDFQuad(s, .iri("urn:p\(Int.random(in: 0..<2, using: &rng))"), o))
        }
        let renamed = Dictionary(uniqueKeysWithValues: blanks.shuffled(using: &rng).enumerated().map { (blanks[$0.offset], "x\($0.element)") })
        let other = quads.shuffled(using: &rng).map { q in
            RDFQuad(q.subject.blankLabel.map { .blank(renamed[$0]!) } ?? q.subject, q.predicate, q.object.blankLabel.map { .blank(renamed[$0]!) } ?? q.object)
        }
        #expect(try RDFCanonicalizer().canonicalize(quads) == RDFCanonicalizer().canonicalize(other))
    }
}
