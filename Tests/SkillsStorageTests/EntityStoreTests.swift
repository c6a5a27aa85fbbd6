import Foundation
import Testing
import SkillsTestSupport
@testable import SkillsStorage

@Suite struct EntityStoreTests {
    let test: TestDatabase
    let store: EntityStore
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    init() throws {
        test = try TestDatabase()
        store = EntityStore(try test.connect())
    }

    func job(_ id: String, _ text: String = "{}", source: String? = nil, externalID: String? = nil,
             expiresAt: Date? = nil) -> EntityInput {
        EntityInput(kind: "job", id: id, source: source, externalID: externalID, document: Data(text.utf8),
                    profile: Data([1, 2, 3]), vector: VectorBlob.data([0.5, -1, 2]), expiresAt: expiresAt)
    }

    @Test func upsertReportsInsertedUnchangedUpdated() throws {
        #expect(try store.upsert(job("1", "{\"a\":1}"), at: t0) == .inserted)
        #expect(try store.upsert(job("1", "{\"a\":1}"), at: t0 + 10) == .unchanged)
        let stored = try #require(try store.get(kind: "job", id: "1"))
        #expect(stored.updatedAt == t0)
        #expect(try store.upsert(job("1", "{\"a\":2}"), at: t0 + 20) == .updated)
        let updated = try #require(try store.get(kind: "job", id: "1"))
        #expect(updated.document == Data("{\"a\":2}".utf8))
        #expect(updated.createdAt == t0)
        #expect(updated.updatedAt == t0 + 20)
        #expect(try VectorBlob.floats(try #require(updated.vector)) == [0.5, -1, 2])
        // Same id under another kind is another entity.
        var program = job("1")
        program.kind = "program"
        #expect(try store.upsert(program) == .inserted)
        #expect(try store.count(kind: "job") == 1)
    }

    @Test func changeStateCountsEveryRowChangeAndNamesTheFile() throws {
        let start = try store.changeState()
        #expect(start.sequence == 0)
        #expect(start.databaseID.count == 32)
        try store.upsert(job("c1", "{\"a\":1}"))
        try store.upsert(job("c1", "{\"a\":1}"))  // unchanged: not counted
        try store.upsert([job("c2"), job("c3")])
        try store.upsert(job("c1", "{\"a\":2}"))
        #expect(try store.changeState().sequence == 4)
        #expect(try store.delete(kind: "job", id: "c2"))
        #expect(try !store.delete(kind: "job", id: "c2"))  // already deleted: not counted
        #expect(try store.changeState().sequence == 5)
        #expect(try store.purgeDeleted(before: Date().addingTimeInterval(60)) == 1)
        #expect(try store.changeState() == EntityChangeState(databaseID: start.databaseID, sequence: 6))
        // Another connection and a reopened file see the same state; another file has another id.
        #expect(try EntityStore(try test.connect()).changeState().sequence == 6)
        let reopened = try SQLiteDatabase(path: test.path)
        #expect(try EntityStore(try reopened.connect()).changeState().databaseID == start.databaseID)
        let other = try TestDatabase()
        #expect(try EntityStore(try other.connect()).changeState().databaseID != start.databaseID)
    }

    @Test func callerSuppliedHashDecidesUnchanged() throws {
        var input = job("h", "{\"v\":1}")
        input.contentHash = "raw-input-hash"
        #expect(try store.upsert(input) == .inserted)
        input.document = Data("{\"v\":2}".utf8)
        #expect(try store.upsert(input) == .unchanged)
        #expect(try store.contentHash(kind: "job", id: "h") == "raw-input-hash")
    }

    @Test func softDeleteAndRevive() throws {
        try store.upsert(job("1"), at: t0)
        try store.upsert(job("2"), at: t0)
        #expect(try store.delete(kind: "job", id: "1", at: t0 + 5))
        #expect(try !store.delete(kind: "job", id: "1", at: t0 + 6))
        #expect(try !store.delete(kind: "job", id: "missing"))
        #expect(try store.get(kind: "job", id: "1")?.deletedAt == t0 + 5)
        #expect(try store.count(kind: "job") == 1)
        #expect(try store.count(kind: "job", filter: EntityFilter(includeDeleted: true)) == 2)
        #expect(try store.contentHash(kind: "job", id: "1") == nil)
        var scanned: [String] = []
        try store.scan(kind: "job") { scanned.append($0.id) }
        #expect(scanned == ["2"])
        // Writing the same content again brings it back.
        #expect(try store.upsert(job("1"), at: t0 + 7) == .inserted)
        #expect(try store.get(kind: "job", id: "1")?.deletedAt == nil)
        #expect(try store.purgeDeleted(before: t0 + 100) == 0)
        try store.delete(kind: "job", id: "2", at: t0 + 8)
        #expect(try store.purgeDeleted(before: t0 + 100) == 1)
        #expect(try store.get(kind: "job", id: "2") == nil)
    }

    @Test func sourceAndExternalIDAreUnique() throws {
        try store.upsert(job("1", source: "feed", externalID: "X"))
        #expect(try store.find(source: "feed", externalID: "X")?.id == "1")
        let error = storageError { try store.upsert(job("2", source: "feed", externalID: "X")) }
        #expect(error?.kind == .constraint)
        #expect(error?.sqliteCode == 2067)  // SQLITE_CONSTRAINT_UNIQUE
        #expect(try store.get(kind: "job", id: "2") == nil)
        try store.upsert(job("3", source: "other", externalID: "X"))
        try store.upsert(job("4"))
        try store.upsert(job("5"))  // NULL source pairs never collide
    }

    @Test func badArgumentsAreRejected() {
        #expect(storageError { try store.upsert(job("")) }?.kind == .invalidArgument)
        #expect(storageError { _ = try store.get(kind: "", id: "1") }?.kind == .invalidArgument)
        #expect(storageError { _ = try store.list(kind: "job", limit: 0) }?.kind == .invalidArgument)
        #expect(storageError { _ = try store.list(kind: "job", limit: 100_000) }?.kind == .invalidArgument)
        #expect(storageError { _ = try VectorBlob.floats(Data([1, 2, 3])) }?.kind == .invalidArgument)
    }

    @Test func expiryIsReportedAndFiltered() throws {
        try store.upsert(job("old", expiresAt: t0 - 1))
        try store.upsert(job("new", expiresAt: t0 + 1000))
        try store.upsert(job("forever"))
        #expect(try store.expiredIDs(kind: "job", at: t0) == ["old"])
        let live = try store.list(kind: "job", filter: EntityFilter(liveAt: t0)).entities.map(\.id)
        #expect(live == ["forever", "new"])
        #expect(try store.get(kind: "job", id: "old")?.isLive(at: t0) == false)
    }

    /// Filters and pagination against a plain in-memory reference, on a seeded random corpus.
    @Test func listMatchesReferenceFilters() throws {
        var rng = SeededGenerator(seed: 42)
        var reference: [String: StoredEntity] = [:]
        for step in 0..<400 {
            let id = String(format: "e%03d", Int.random(in: 0..<150, using: &rng))
            let now = t0 + Double(step)
            if Bool.random(using: &rng), reference[id] != nil, Int.random(in: 0..<4, using: &rng) == 0 {
                if try store.delete(kind: "job", id: id, at: now) {
                    reference[id]?.deletedAt = now
                    reference[id]?.updatedAt = now
                }
                continue
            }
            let source = ["a", "b", nil][Int.random(in: 0..<3, using: &rng)]
            let input = job(id, "{\"n\":\(Int.random(in: 0..<3, using: &rng))}",
                            expiresAt: Bool.random(using: &rng) ? t0 + Double(Int.random(in: 0..<400, using: &rng)) : nil)
            var withSource = input
            withSource.source = source
            let outcome = try store.upsert(withSource, at: now)
            if outcome != .unchanged {
                reference[id] = try store.get(kind: "job", id: id)
            }
        }
        let filters = [
            EntityFilter(), EntityFilter(includeDeleted: true), EntityFilter(source: "a"),
            EntityFilter(updatedSince: t0 + 200), EntityFilter(liveAt: t0 + 250),
            EntityFilter(source: "b", updatedSince: t0 + 100, includeDeleted: true, liveAt: t0 + 50),
        ]
        for filter in filters {
            let expected = reference.values.filter { entity in
                (filter.includeDeleted || entity.deletedAt == nil)
                    && (filter.source.map { entity.source == $0 } ?? true)
                    && (filter.updatedSince.map { entity.updatedAt >= $0 } ?? true)
                    && (filter.liveAt.map { at in entity.expiresAt.map { $0 > at } ?? true } ?? true)
            }.map(\.id).sorted()
            for pageSize in [1, 7, 1000] {
                var ids: [String] = []
                var cursor: String?
                repeat {
                    let page = try store.list(kind: "job", filter: filter, after: cursor, limit: pageSize)
                    #expect(page.entities.count <= pageSize)
                    ids += page.entities.map(\.id)
                    cursor = page.nextCursor
                } while cursor != nil
                #expect(ids == expected)
            }
            #expect(try store.count(kind: "job", filter: filter) == expected.count)
        }
    }

    @Test func paginationIsStableUnderInserts() throws {
        var rng = SeededGenerator(seed: 9)
        var original: Set<String> = []
        for _ in 0..<200 {
            let id = String(Int.random(in: 0..<1_000_000, using: &rng))
            original.insert(id)
            try store.upsert(job(id))
        }
        var seen: [String] = []
        var cursor: String?
        repeat {
            let page = try store.list(kind: "job", after: cursor, limit: 13)
            seen += page.entities.map(\.id)
            cursor = page.nextCursor
            for _ in 0..<5 { try store.upsert(job(String(Int.random(in: 0..<1_000_000, using: &rng)))) }
        } while cursor != nil
        #expect(Set(seen).count == seen.count)
        #expect(seen == seen.sorted())
        #expect(original.isSubset(of: Set(seen)))
    }

    @Test func scanReadsRequestedFieldsOfLiveEntities() throws {
        for i in 0..<50 { try store.upsert(job("s\(i)", "{\"i\":\(i)}")) }
        for i in stride(from: 0, to: 50, by: 5) { try store.delete(kind: "job", id: "s\(i)") }
        var rows: [ScannedEntity] = []
        let visited = try store.scan(kind: "job", fields: [.vector]) { rows.append($0) }
        #expect(visited == 40)
        #expect(Set(rows.map(\.id)) == Set((0..<50).filter { $0 % 5 != 0 }.map { "s\($0)" }))
        #expect(rows.allSatisfy { $0.document == nil && $0.profile == nil && $0.vector == VectorBlob.data([0.5, -1, 2]) })
        var full: [ScannedEntity] = []
        try store.scan(kind: "job") { full.append($0) }
        #expect(full.first { $0.id == "s7" }?.document == Data("{\"i\":7}".utf8))
        var floats: [Float] = []
        var ids: [String] = []
        try store.scanBuffers(kind: "job", fields: [.vector]) { row in
            ids.append(row.id)
            #expect(row.document == nil)
            if let vector = row.vector { try VectorBlob.append(vector, to: &floats) }
        }
        #expect(ids == full.map(\.id))
        #expect(floats == Array(repeating: [Float(0.5), -1, 2], count: 40).flatMap { $0 })
    }

    @Test func emptyBlobsRoundTrip() throws {
        try store.upsert(EntityInput(kind: "job", id: "e", document: Data(), profile: Data(), vector: nil))
        let stored = try #require(try store.get(kind: "job", id: "e"))
        #expect(stored.document.isEmpty)
        #expect(stored.vector == nil)
    }
}
