// Properties of request validation and the analyzer:
// 1. limit 0 and limit 100,000 are refused with `invalid_limit`.
// 2. A skill outside the taxonomy is refused with `unknown_skill`.
// 3. Contradictory filters (empty sets, remote-only vs on-site workplaces, job-only filters on
//    programs, reversed date ranges) are refused with `contradictory_filters`; malformed values
//    with `invalid_filter`.
// 4. Cursor tokens round-trip; garbage is `invalid_cursor`, another generation is `stale_cursor`.
// 5. Invalid entities are refused at indexing with the offending field named.
// 6. The analyzer lowercases, drops stopwords and stems plurals and -ing.
// 7. The geo filter agrees with a haversine reference on random points.
import Foundation
import SkillsCore
import SkillsTestSupport
import Testing

@testable import SkillsIndex

func code(_ body: () throws -> Void) -> IndexError.Code? {
    do { try body() } catch let error as IndexError { return error.code } catch { return nil }
    return nil
}

@Test func badRequestsGetTypedErrors() throws {
    let fixture = try IndexFixture(seed: 1, jobs: 50, candidates: 10, programs: 10)
    let s = fixture.writer.snapshot()
    let q = SearchQuery(skills: [.init(skill: fixture.corpus.familySkills[0][0], weight: 1)])
    #expect(code { _ = try s.search(q, in: .job, limit: 0) } == .invalidLimit)
    #expect(code { _ = try s.search(q, in: .job, limit: 100_000) } == .invalidLimit)
    #expect(code { _ = try s.search(SearchQuery(skills: [.init(skill: 5_000, weight: 1)]), in: .job, limit: 10) } == .unknownSkill)
    #expect(code { _ = try s.search(SearchQuery(skills: [.init(skill: -1, weight: 1)]), in: .job, limit: 10) } == .unknownSkill)

    var empty = FilterSet(); empty.employmentTypes = []
    var remote = FilterSet(); remote.remoteOnly = true; remote.workplaces = [.onSite]
    var kindMismatch = FilterSet(); kindMismatch.employmentTypes = [.fullTime]
    var dates = FilterSet(); dates.posted = DateRange(from: SyntheticCorpus.today, to: SyntheticCorpus.today.addingTimeInterval(-86_400))
    var consent = FilterSet(); consent.consentingOnly = true
    #expect(code { _ = try s.search(q, in: .job, filters: empty, limit: 10) } == .contradictoryFilters)
    #expect(code { _ = try s.search(q, in: .job, filters: remote, limit: 10) } == .contradictoryFilters)
    #expect(code { _ = try s.search(q, in: .program, filters: kindMismatch, limit: 10) } == .contradictoryFilters)
    #expect(code { _ = try s.search(q, in: .job, filters: dates, limit: 10) } == .contradictoryFilters)
    #expect(code { _ = try s.search(q, in: .job, filters: consent, limit: 10) } == .contradictoryFilters)

    var radius = FilterSet(); radius.near = .init(center: GeoPoint(latitude: 10, longitude: 10), radiusKilometres: 0)
    var pole = FilterSet(); pole.near = .init(center: GeoPoint(latitude: 95, longitude: 10), radiusKilometres: 10)
    var pay = FilterSet(); pay.pay = PayRange(minimum: 10, maximum: 5)
    #expect(code { _ = try s.search(q, in: .job, filters: radius, limit: 10) } == .invalidFilter)
    #expect(code { _ = try s.search(q, in: .job, filters: pole, limit: 10) } == .invalidFilter)
    #expect(code { _ = try s.search(q, in: .job, filters: pay, limit: 10) } == .invalidFilter)
    #expect(code { _ = try s.document(for: EntityKey(.job, "nope")) } == .unknownEntity)
}

@Test func cursorTokensRoundTripAndRejectGarbage() throws {
    var rng = SeededGenerator(seed: 4)
    for _ in 0..<200 {
        let c = SearchCursor(score: Float.random(in: 0..<100, using: &rng), document: Int32.random(in: 0...Int32.max, using: &rng), generation: rng.next())
        #expect(try SearchCursor(token: c.token) == c)
        var bytes = Array(c.token)
        let i = Int.random(in: 0..<bytes.count, using: &rng)
        bytes[i] = bytes[i] == "A" ? "B" : "A"
        #expect(code { _ = try SearchCursor(token: String(bytes)) } == .invalidCursor)
    }
    #expect(code { _ = try SearchCursor(token: "not a cursor!") } == .invalidCursor)
    let fixture = try IndexFixture(seed: 2, jobs: 30, candidates: 0, programs: 0)
    let stale = SearchCursor(score: 1, document: 0, generation: 999_999)
    #expect(code { _ = try fixture.writer.snapshot().search(SearchQuery(text: "x"), in: .job, limit: 5, after: stale) } == .staleCursor)
}

@Test func invalidEntitiesAreRefusedWithTheField() throws {
    var writer = try IndexWriter(profileBuilder: SkillProfileBuilder(asOf: SyntheticCorpus.today))
    var job = Job(id: "j", title: "Nurse", postedOn: SyntheticCorpus.today)
    job.pay = PayRange(minimum: 100, maximum: 50)
    do {
        try writer.upsert(.job(job))
        Issue.record("expected an error")
    } catch {
        #expect(error.code == .invalidEntity)
        #expect(error.message.contains("job.pay"))
    }
    job.pay = nil
    job.requiredSkills = [SkillRequirement(skill: 3, importance: 1.5)]
    #expect(code { try writer.upsert(.job(job)) } == .invalidEntity)
    job.requiredSkills = [SkillRequirement(skill: 1_000_000)]
    #expect(code { try writer.upsert(.job(job)) } == .unknownSkill)
    #expect(code { try writer.upsert(.candidate(Candidate(id: " "))) } == .invalidEntity)
}

@Test func analyzerNormalises() {
    let a = TextAnalyzer()
    #expect(a.terms("The Nurses are CARING for patients") == ["nurse", "car", "patient"])
    #expect(a.terms("C++ and C# developers; Python/SQL") == ["c++", "c#", "developer", "python", "sql"])
    #expect(a.terms("a I of") == [])
    #expect(a.terms("Technologies classes") == ["technology", "class"])
}

@Test func geoFilterAgreesWithHaversineReference() {
    var rng = SeededGenerator(seed: 8)
    func reference(_ a: GeoPoint, _ b: GeoPoint) -> Double {
        // Spherical law of cosines: an independent formula for the same great-circle distance.
        let r = Double.pi / 180
        let c = sin(a.latitude * r) * sin(b.latitude * r) + cos(a.latitude * r) * cos(b.latitude * r) * cos((b.longitude - a.longitude) * r)
        return GeoPoint.earthRadiusKilometres * acos(min(1, max(-1, c)))
    }
    for _ in 0..<2_000 {
        let center = GeoPoint(latitude: .random(in: -80...80, using: &rng), longitude: .random(in: -180...180, using: &rng))
        let point = GeoPoint(latitude: .random(in: -80...80, using: &rng), longitude: .random(in: -180...180, using: &rng))
        let radius = Double.random(in: 1...5_000, using: &rng)
        var filter = FilterSet()
        filter.near = .init(center: center, radiusKilometres: radius, includeRemote: false)
        let job = Job(id: "j", title: "t", location: point, postedOn: SyntheticCorpus.today)
        let d = reference(center, point)
        if abs(d - radius) > 0.01 { #expect(filter.matches(DocumentAttributes(.job(job))) == (d <= radius)) }
    }
}

// 8. The compiled (columnar) filter accepts exactly what FilterSet.matches accepts.
@Test func compiledFilterEqualsFilterSetMatches() throws {
    let fixture = try IndexFixture(seed: 44)
    let s = fixture.writer.snapshot()
    var rng = SeededGenerator(seed: 45)
    for round in 0..<300 {
        var f = FilterSet()
        if Bool.random(using: &rng) {
            f.near = .init(center: GeoPoint(latitude: .random(in: 25...48, using: &rng), longitude: .random(in: -123 ... -70, using: &rng)),
                           radiusKilometres: .random(in: 5...2_000, using: &rng), includeRemote: Bool.random(using: &rng))
        }
        if Int.random(in: 0..<4, using: &rng) == 0 { f.remoteOnly = true }
        if Bool.random(using: &rng) { f.workplaces = Set(WorkplaceType.allCases.filter { _ in Bool.random(using: &rng) }) }
        if Bool.random(using: &rng) { f.employmentTypes = Set(EmploymentType.allCases.filter { _ in Bool.random(using: &rng) }) }
        if Bool.random(using: &rng) { f.pay = PayRange(minimum: .random(in: 0...100_000, using: &rng), maximum: nil) }
        if Bool.random(using: &rng) { f.openOn = SyntheticCorpus.today.addingTimeInterval(-86_400 * .random(in: 0...100, using: &rng)) }
        if Bool.random(using: &rng) { f.posted = DateRange(from: SyntheticCorpus.today.addingTimeInterval(-86_400 * 30), to: nil) }
        if Bool.random(using: &rng) { f.maximumWeeks = .random(in: 1...100, using: &rng) }
        if Bool.random(using: &rng) { f.modalities = Set(Modality.allCases.filter { _ in Bool.random(using: &rng) }) }
        if Bool.random(using: &rng) { f.maximumCost = .random(in: 0...30_000, using: &rng) }
        if Bool.random(using: &rng) { f.occupationCodePrefix = String(Int.random(in: 1...5, using: &rng)) }
        f.consentingOnly = round % 5 == 0
        let compiled = s.compile(f)
        let mismatches = (0..<Int32(s.slotCount)).filter { compiled.accepts($0) != f.matches(s.attributes($0)!) }
        #expect(mismatches.isEmpty, "round \(round): \(f)")
    }
}
