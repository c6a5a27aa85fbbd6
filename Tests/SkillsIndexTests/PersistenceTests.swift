// Properties of building, publishing and persisting the index:
// 1. A snapshot built incrementally (publishes that reuse the partitions of unchanged kinds, with
//    upserts, replacements and deletes in between) equals a full build of the same writer, list
//    by list and weight by weight, and still agrees with the brute-force reference.
//    A build split into slot ranges (several cores) equals a single pass.
// 2. The analyser's byte-level term loop yields exactly the terms of the original String-based
//    analyser (kept here as the reference) on seeded random text.
// 3. Every entity field, every profile entry and the search results survive a snapshot file round
//    trip, whatever the chunking of the entity section; the restored writer keeps indexing and its
//    metadata comes back from the header.
// 4. A damaged (any flipped byte), truncated or foreign file, another format version or another
//    index configuration is refused with `invalid_snapshot`, never a crash.
import Foundation
import SkillsCore
import SkillsTestSupport
import Testing

@testable import SkillsIndex

/// The postings of two snapshots are the same lists with the same weights, kind by kind.
func samePostings(_ a: IndexSnapshot, _ b: IndexSnapshot) -> Bool {
    a.partitions.count == b.partitions.count && zip(a.partitions, b.partitions).allSatisfy(samePartition)
}

/// The same lists with the same weights and statistics.
func samePartition(_ p: KindPartition, _ q: KindPartition) -> Bool {
    guard p.liveCount == q.liveCount, p.skillIDF == q.skillIDF, p.averageTitleLength == q.averageTitleLength,
          p.averageBodyLength == q.averageBodyLength else { return false }
    guard zip(p.skillPostings, q.skillPostings).allSatisfy({ $0.docs == $1.docs && $0.weights == $1.weights && $0.maxWeight == $1.maxWeight })
    else { return false }
    // A reused partition may cover fewer term ids (padded on reuse); compare the common part, rest must be empty.
    let n = min(p.textPostings.count, q.textPostings.count)
    return p.textPostings[n...].allSatisfy({ $0.count == 0 }) && q.textPostings[n...].allSatisfy({ $0.count == 0 })
        && zip(p.textPostings, q.textPostings).allSatisfy({ $0.docs == $1.docs && $0.weights == $1.weights && $0.maxWeight == $1.maxWeight })
        && Array(p.textIDF.prefix(n)) == Array(q.textIDF.prefix(n))
}

/// A build split into slot ranges (what large writers do on several cores) lays out exactly the
/// lists of a single pass, whatever the split, tombstones and empty ranges included.
@Test func buildSplitIntoSlotRangesEqualsOnePass() throws {
    var fixture = try IndexFixture(seed: 43, jobs: 400, candidates: 150, programs: 60)
    for i in stride(from: 0, to: 400, by: 9) { fixture.writer.delete(EntityKey(.job, "job-\(i)")) }
    for i in 0..<20 { try fixture.writer.upsert(.candidate(fixture.corpus.candidate(i))) }  // replacements: tombstones
    for kind in [EntityKind.job, .candidate, .program] {
        let ordinal = IndexSnapshot.ordinal(kind)
        let single = KindPartition.build(ordinal: ordinal, writer: fixture.writer, parts: 1)
        #expect(single.liveCount > 0)
        for parts in [2, 3, 7, fixture.writer.slotCount + 5] {
            #expect(samePartition(single, KindPartition.build(ordinal: ordinal, writer: fixture.writer, parts: parts)), "\(kind), \(parts) parts")
        }
    }
}

@Test func incrementalPublishEqualsFullBuild() throws {
    var fixture = try IndexFixture(seed: 41, jobs: 300, candidates: 150, programs: 60)
    var rng = SeededGenerator(seed: 42)
    fixture.writer.rebase(on: fixture.writer.snapshot())
    for round in 0..<12 {
        // Change one kind per round (sometimes two), so other partitions are reused.
        for _ in 0..<Int.random(in: 1...25, using: &rng) {
            let i = Int.random(in: 0..<400, using: &rng)
            switch round % 4 {
            case 0, 1:
                if Bool.random(using: &rng) {
                    var job = fixture.corpus.job(i + 5_000 * (round + 1))
                    job.id = "job-\(i)"
                    try fixture.writer.upsert(.job(job))
                } else {
                    fixture.writer.delete(EntityKey(.job, "job-\(i)"))
                }
            case 2:
                try fixture.writer.upsert(.candidate(fixture.corpus.candidate(i + 1_000 * round)))
            default:
                try fixture.writer.upsert(.program(fixture.corpus.program(i)))
                try fixture.writer.upsert(.job(fixture.corpus.job(i + 90_000)))
            }
        }
        let incremental = fixture.writer.snapshot()
        var full = fixture.writer
        full.base = nil
        #expect(samePostings(incremental, full.snapshot()), "round \(round)")
        fixture.writer.rebase(on: incremental)
        for kind in [EntityKind.job, .candidate, .program] {
            let query = randomQuery(&rng, corpus: fixture.corpus, mode: round % 3)
            let hits = try incremental.search(query, in: kind, limit: 20).hits
            #expect(IndexFixture.agree(hits, IndexFixture.reference(incremental, query, kind: kind, filters: FilterSet()), k: 20))
        }
    }
}

/// The analyser as it was before the byte-level loop: String per token, Array-based stemming.
func referenceTerms(_ text: String) -> [String] {
    func stem(_ word: [UInt8]) -> [UInt8] {
        let n = word.count
        func ends(_ suffix: String) -> Bool {
            let s = Array(suffix.utf8)
            return n > s.count && word[(n - s.count)...].elementsEqual(s)
        }
        if n > 4, ends("ies") { return Array(word[..<(n - 3)]) + [UInt8(ascii: "y")] }
        if ends("sses") { return Array(word[..<(n - 2)]) }
        if n > 5, ends("ing") { return Array(word[..<(n - 3)]) }
        if n > 4, ends("ed"), !ends("eed") { return Array(word[..<(n - 2)]) }
        if n > 3, ends("s"), !ends("ss"), !ends("us"), !ends("is") { return Array(word[..<(n - 1)]) }
        return word
    }
    var out: [String] = []
    var token: [UInt8] = []
    func flush() {
        if token.count > 1 {
            let term = String(decoding: stem(token), as: UTF8.self)
            if !TextAnalyzer.stopwords.contains(term) { out.append(term) }
        }
        token.removeAll()
    }
    for byte in text.utf8 {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): token.append(byte + 32)
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "#"), 0x80...0xFF:
            token.append(byte)
        default: flush()
        }
    }
    flush()
    return out
}

@Test func analyzerMatchesTheReference() {
    var rng = SeededGenerator(seed: 8)
    let pieces = ["the", "Studies", "classes", "running", "used", "agreed", "bus", "analysis", "C++", "C#", "a", "x", "ties",
                  "Posses", "naïve", "café", "ÉCOLE", "its", "this", "and", "Was", "x1", "  ", ",", ".", "-", "\n", "ing", "seed"]
    for _ in 0..<2_000 {
        var text = ""
        for _ in 0..<Int.random(in: 0...12, using: &rng) {
            if Int.random(in: 0..<20, using: &rng) == 0 {
                text += String(repeating: "ab", count: Int.random(in: 30...80, using: &rng)) + "ies "  // longer than the token buffer
            } else {
                text += pieces.randomElement(using: &rng)! + ([" ", "", ",", "/"].randomElement(using: &rng)!)
            }
        }
        let terms = TextAnalyzer().terms(text)
        #expect(terms == referenceTerms(text), "\(text)")
        #expect(TextAnalyzer().forEachTerm(text) { _ in } == terms.count)
    }
}

/// Entities with every optional field set (and some unset), beyond what the synthetic corpus fills.
func fullyPopulatedEntities() -> [Entity] {
    let day = SyntheticCorpus.today
    let candidate = Candidate(
        id: "full-candidate", name: "Ada Example", headline: "Backend developer", summary: "Builds services in Swift and C++.",
        skills: [SkillClaim(skill: 3, level: 4, provenance: .verified, issuer: "Example University", lastUsed: day.addingTimeInterval(-86_400 * 400)),
                 SkillClaim(skill: 7, level: nil, provenance: .extracted)],
        workHistory: [.init(title: "Engineer", employer: "Acme", occupationCode: "15-1252.00", start: day.addingTimeInterval(-1e8), end: day),
                      .init(title: "Intern", start: day.addingTimeInterval(-2e8))],
        education: [.init(level: .master, field: "Computer science", institution: "Example University"), .init(level: .highSchool)],
        credentials: [.init(name: "Swift badge", issuer: "Example Org", verified: true, skills: [3, 9]), .init(name: "Old", issuer: "Nobody", verified: false)],
        location: GeoPoint(latitude: 40.7128, longitude: -74.006), willingToRelocate: true, openToRemote: false,
        desiredPay: PayRange(minimum: 90_000.5, maximum: nil, currency: "EUR"), consentToBeFound: true)
    let job = Job(
        id: "full-job", title: "Senior welder", employer: "Steel Co", description: "TIG and MIG welding on site.",
        requiredSkills: [SkillRequirement(skill: 11, importance: 0.9, minimumLevel: 3)], preferredSkills: [SkillRequirement(skill: 12, importance: 0.4)],
        occupationCode: "51-4121", location: GeoPoint(latitude: 41.88, longitude: -87.63), workplace: .hybrid,
        pay: PayRange(minimum: nil, maximum: 80_000), postedOn: day, expiresOn: day.addingTimeInterval(86_400 * 30),
        employmentType: .apprenticeship, educationRequired: .postsecondaryCertificate, experienceYears: 2)
    let bareJob = Job(id: "bare-job", title: "Helper", postedOn: day.addingTimeInterval(0.123))
    let program = Program(
        id: "full-program", provider: "City College", title: "Welding certificate", description: "Hands-on welding.",
        skillsTaught: [SkillRequirement(skill: 11, importance: 1, minimumLevel: 2), SkillRequirement(skill: 13, importance: 0.5)],
        cipCode: "48.0508", occupationCodes: ["51-4121", "51-4122"], cost: 4_200.75, clockHours: 600, weeks: 20, modality: .hybrid,
        location: GeoPoint(latitude: 29.76, longitude: -95.37), credentialAwarded: .license,
        startDates: [day, day.addingTimeInterval(86_400 * 90)],
        outcomes: .init(completionRate: 0.8, employmentRate: 0.7, medianEarnings: 51_000))
    let occupation = Occupation(
        code: "51-4121", title: "Welders", description: "Weld metal parts.", skills: [SkillRequirement(skill: 11, importance: 1)],
        demand: .init(employment: 400_000, growthRate: 0.02, annualOpenings: 45_000, medianWage: 48_000))
    return [.candidate(candidate), .job(job), .job(bareJob), .program(program), .occupation(occupation), .occupation(Occupation(code: "00-0000", title: "Empty"))]
}

@Test func snapshotFileRoundTripsEveryFieldAndEveryResult() throws {
    var fixture = try IndexFixture(seed: 51, jobs: 300, candidates: 120, programs: 50)
    for entity in fullyPopulatedEntities() { try fixture.writer.upsert(entity) }
    for i in stride(from: 0, to: 300, by: 7) { fixture.writer.delete(EntityKey(.job, "job-\(i)")) }
    try fixture.writer.upsert(.candidate(fixture.corpus.candidate(5)))  // a replacement: tombstone + new slot
    let bytes = fixture.writer.encodedSnapshotFile(metadata: ["database": "db-1", "sequence": "42"])
    let header = try bytes.withUnsafeBytes { try IndexSnapshotFile.header(of: $0) }
    #expect(header.metadata == ["database": "db-1", "sequence": "42"])
    #expect(header.entityCount == fixture.writer.count)
    #expect(header.generation == fixture.writer.generation)
    var restored = try bytes.withUnsafeBytes { try IndexWriter(restoring: $0, configuration: fixture.writer.configuration) }
    #expect(restored.count == fixture.writer.count)
    #expect(restored.profileBuilder.asOf == fixture.writer.profileBuilder.asOf)
    let original = fixture.writer.snapshot(), copy = restored.snapshot()
    for (key, doc) in original.slotByKey {
        let other = try copy.document(for: key)
        #expect(copy.entity(other) == original.entity(doc), "\(key)")
        #expect(copy.profile(other) == original.profile(doc), "\(key)")
        #expect(copy.attributes(other) == original.attributes(doc), "\(key)")
    }
    // Same results (documents are renumbered: compare by key).
    var rng = SeededGenerator(seed: 52)
    for round in 0..<30 {
        let kind: EntityKind = [.job, .candidate, .program][round % 3]
        let query = randomQuery(&rng, corpus: fixture.corpus, mode: round % 3)
        let filters = round % 2 == 0 || kind == .program ? FilterSet() : randomFilters(&rng, kind: kind)
        let a = try original.search(query, in: kind, filters: filters, limit: 15).hits
        let b = try copy.search(query, in: kind, filters: filters, limit: 15).hits
        #expect(a.map(\.score) == b.map(\.score), "round \(round)")
        #expect(a.map { original.entity($0.id)!.id } == b.map { copy.entity($0.id)!.id }, "round \(round)")
    }
    // Small chunks (several, the last one short) restore the same writer: re-encoded with the
    // default chunking it is the very same file.
    let chunked = fixture.writer.encodedSnapshotFile(metadata: ["database": "db-1", "sequence": "42"], entitiesPerChunk: 7)
    #expect(chunked != bytes)
    let fromChunks = try chunked.withUnsafeBytes { try IndexWriter(restoring: $0, configuration: fixture.writer.configuration) }
    #expect(fromChunks.encodedSnapshotFile(metadata: ["database": "db-1", "sequence": "42"]) == bytes)
    // The restored writer keeps working: new terms, replacements, deletes.
    var job = fixture.corpus.job(1)
    job.title = "zyzzyva quuxology"
    try restored.upsert(.job(job))
    let deleted = restored.delete(EntityKey(.occupation, "51-4121"))
    #expect(deleted)
    let after = restored.snapshot()
    #expect(try after.search(SearchQuery(text: "zyzzyva"), in: .job, limit: 5).hits.map { after.entity($0.id)!.id } == ["job-1"])
    #expect(after.count(of: .occupation) == 1)
}

@Test func damagedOrForeignSnapshotFilesAreRefused() throws {
    var fixture = try IndexFixture(seed: 61, jobs: 60, candidates: 20, programs: 10)
    for entity in fullyPopulatedEntities() { try fixture.writer.upsert(entity) }
    let configuration = fixture.writer.configuration
    let bytes = fixture.writer.encodedSnapshotFile(metadata: [:])
    func refuses(_ damaged: [UInt8], _ configuration: IndexConfiguration = configuration) -> Bool {
        do {
            _ = try damaged.withUnsafeBytes { try IndexWriter(restoring: $0, configuration: configuration) }
            return false
        } catch let error as IndexError {
            return error.code == .invalidSnapshot
        } catch {
            return false
        }
    }
    #expect(!refuses(bytes))
    // Any flipped byte: in the magic, version, header, lengths, checksum or payload.
    var rng = SeededGenerator(seed: 62)
    let positions = Array(0..<64) + (0..<200).map { _ in Int.random(in: 0..<bytes.count, using: &rng) } + [bytes.count - 1]
    for position in positions {
        var damaged = bytes
        damaged[position] ^= UInt8.random(in: 1...255, using: &rng)
        #expect(refuses(damaged), "byte \(position) of \(bytes.count)")
    }
    for length in [0, 4, 8, 12, 40, bytes.count / 2, bytes.count - 1] {
        #expect(refuses(Array(bytes.prefix(length))), "truncated to \(length)")
    }
    #expect(refuses(bytes + [0]))
    #expect(refuses(Array("not a snapshot at all".utf8)))
    var other = configuration
    other.k1 = 1.5
    #expect(refuses(bytes, other))
    var version = bytes
    version[8] = 99  // format version, first byte
    #expect(refuses(version))
}
