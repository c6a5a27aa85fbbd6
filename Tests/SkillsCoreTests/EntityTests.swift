// Properties of entities and skill profiles:
// 1. SkillProfileBuilder follows its documented formula (provenance × level × recency; importance ×
//    required/preferred factor) on hand-computed cases and on seeded random claims.
// 2. A profile holds one entry per skill, sorted, keeping the heaviest; lookup equals a linear scan.
// 3. Validation names the offending field for bad ids, levels, importances, pay, dates and locations.
// 4. Haversine distance matches known city distances; PayRange.overlaps matches an interval reference.
// 5. Entities round-trip through JSON.
import Foundation
import SkillsTestSupport
import Testing

@testable import SkillsCore

let day: TimeInterval = 86_400
let now = Date(timeIntervalSince1970: 1_767_225_600)

@Test func candidateWeightsFollowTheFormula() {
    let builder = SkillProfileBuilder(asOf: now)
    let fiveYearsAgo = now.addingTimeInterval(-5 * 365.25 * day)
    let c = Candidate(id: "c", skills: [
        SkillClaim(skill: 1, level: 5, provenance: .verified),
        SkillClaim(skill: 2, level: nil, provenance: .extracted),
        SkillClaim(skill: 3, level: 1, provenance: .stated, lastUsed: fiveYearsAgo),
    ], credentials: [.init(name: "AWS", issuer: "Amazon", verified: false, skills: [2])])
    let p = builder.profile(for: c)
    #expect(p.entries.map(\.skill) == [1, 2, 3])
    #expect(p.weight(of: 1) == 1.0 * 1.0 * 1.0)
    // Skill 2: extracted 0.6 × 0.8 = 0.48, upgraded by the credential to 0.9 × 0.8 = 0.72.
    #expect(abs(p.weight(of: 2) - 0.72) < 1e-6)
    #expect(p.entry(for: 2)?.provenance == .credentialBacked)
    #expect(p.entry(for: 2)?.issuer == "Amazon")
    // Skill 3: stated 0.8 × level 0.6 × half-life 0.5.
    #expect(abs(p.weight(of: 3) - 0.8 * 0.6 * 0.5) < 1e-5)
    #expect(p.weight(of: 99) == 0)
}

@Test func demandWeightsFollowTheFormula() {
    let builder = SkillProfileBuilder(asOf: now)
    let job = Job(id: "j", title: "t", requiredSkills: [SkillRequirement(skill: 4, importance: 0.8)],
                  preferredSkills: [SkillRequirement(skill: 2, importance: 0.6)], postedOn: now)
    let p = builder.profile(for: .job(job))
    #expect(p.entry(for: 4)?.weight == 0.8)
    #expect(p.entry(for: 4)?.role == .required)
    #expect(abs(p.weight(of: 2) - 0.3) < 1e-6)
    #expect(p.entry(for: 2)?.role == .preferred)
}

@Test func randomClaimsMatchTheFormulaAndLookup() {
    var rng = SeededGenerator(seed: 17)
    let builder = SkillProfileBuilder(asOf: now)
    let factor: [SkillProvenance: Float] = [.extracted: 0.6, .stated: 0.8, .credentialBacked: 0.9, .verified: 1]
    for _ in 0..<100 {
        let skills = Array(Set((0..<Int.random(in: 0...30, using: &rng)).map { _ in Int32.random(in: 0..<200, using: &rng) }))
        let claims = skills.map {
            SkillClaim(skill: $0, level: Bool.random(using: &rng) ? Int.random(in: 1...5, using: &rng) : nil,
                       provenance: SkillProvenance.allCases.randomElement(using: &rng)!,
                       lastUsed: Bool.random(using: &rng) ? now.addingTimeInterval(-Double.random(in: 0...(20 * 365 * day), using: &rng)) : nil)
        }
        let p = builder.profile(for: Candidate(id: "x", skills: claims))
        #expect(p.entries.map(\.skill) == skills.sorted())
        for claim in claims {
            let years = claim.lastUsed.map { now.timeIntervalSince($0) / (365.25 * day) }
            let recency = years.map { max(0.25, Float(pow(0.5, $0 / 5))) } ?? 1
            let level = claim.level.map { 0.5 + 0.1 * Float($0) } ?? 0.8
            let expected = factor[claim.provenance]! * level * recency
            #expect(abs(p.weight(of: claim.skill) - expected) < 1e-5)
            #expect(p.weight(of: claim.skill) > 0 && p.weight(of: claim.skill) <= 1)
        }
        for probe in Int32(0)..<200 {
            #expect(p.entry(for: probe)?.skill == p.entries.first { $0.skill == probe }?.skill)
        }
    }
}

func field(_ body: () throws -> Void) -> String? {
    do { try body() } catch let error as EntityError { return error.field } catch { return "not an EntityError" }
    return nil
}

@Test func validationNamesTheField() {
    var job = Job(id: "j", title: "Nurse", postedOn: now)
    #expect(field { try job.validate() } == nil)
    job.title = "  "
    #expect(field { try job.validate() } == "job.title")
    job.title = "Nurse"
    job.requiredSkills = [SkillRequirement(skill: 1, importance: 0)]
    #expect(field { try job.validate() } == "job.requiredSkills[0].importance")
    job.requiredSkills = [SkillRequirement(skill: 1)]
    job.preferredSkills = [SkillRequirement(skill: 1)]
    #expect(field { try job.validate() } == "job.skills")
    job.preferredSkills = []
    job.expiresOn = now.addingTimeInterval(-day)
    #expect(field { try job.validate() } == "job.expiresOn")
    job.expiresOn = nil
    job.location = GeoPoint(latitude: 0, longitude: 200)
    #expect(field { try job.validate() } == "job.location.longitude")
    var c = Candidate(id: "c", skills: [SkillClaim(skill: 1, level: 7)])
    #expect(field { try c.validate() } == "candidate.skills[0].level")
    c.skills = []
    c.desiredPay = PayRange(minimum: 5, maximum: 1)
    #expect(field { try c.validate() } == "candidate.desiredPay")
    var p = Program(id: "p", title: "t", cost: -1)
    #expect(field { try p.validate() } == "program.cost")
    p.cost = 1
    p.outcomes.completionRate = 1.5
    #expect(field { try p.validate() } == "program.outcomes.completionRate")
    #expect(field { try Occupation(code: "", title: "x").validate() } == "occupation.code")
}

@Test func distancesAndPayOverlap() {
    let newYork = GeoPoint(latitude: 40.7128, longitude: -74.0060)
    let losAngeles = GeoPoint(latitude: 34.0522, longitude: -118.2437)
    let london = GeoPoint(latitude: 51.5074, longitude: -0.1278)
    #expect(abs(newYork.distanceKilometres(to: losAngeles) - 3936) < 10)
    #expect(abs(newYork.distanceKilometres(to: london) - 5570) < 10)
    #expect(newYork.distanceKilometres(to: newYork) == 0)
    var rng = SeededGenerator(seed: 3)
    for _ in 0..<1_000 {
        func bound() -> Double? { Bool.random(using: &rng) ? Double(Int.random(in: 0...10, using: &rng)) : nil }
        let a = PayRange(minimum: bound(), maximum: bound()), b = PayRange(minimum: bound(), maximum: bound())
        guard (try? a.validate(field: "a")) != nil, (try? b.validate(field: "b")) != nil else { continue }
        let reference = (0...11).contains { x in
            let v = Double(x)
            return v >= (a.minimum ?? 0) && v <= (a.maximum ?? 11) && v >= (b.minimum ?? 0) && v <= (b.maximum ?? 11)
        }
        #expect(a.overlaps(b) == reference)
    }
}

@Test func entitiesRoundTripThroughJSON() throws {
    let corpus = SyntheticCorpus()
    let encoder = JSONEncoder(), decoder = JSONDecoder()
    for i in 0..<20 {
        #expect(try decoder.decode(Job.self, from: encoder.encode(corpus.job(i))) == corpus.job(i))
        #expect(try decoder.decode(Candidate.self, from: encoder.encode(corpus.candidate(i))) == corpus.candidate(i))
        #expect(try decoder.decode(Program.self, from: encoder.encode(corpus.program(i))) == corpus.program(i))
    }
}
