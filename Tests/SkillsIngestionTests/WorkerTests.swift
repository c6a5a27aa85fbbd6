// Properties of the queue → worker path:
// 1. Every good item of a batch lands as an entity; bad items fail with a reason naming their line, and do not block the rest.
// 2. Re-sending the same items changes nothing (skipped as unchanged; same entity count).
// 3. A delete envelope removes the entity.
// 4. An item whose worker died (lease expired) is processed by the next worker exactly once.
// 5. The splitter reads NDJSON, arrays and one pretty-printed document (one item), with per-line errors otherwise.
import Foundation
import SkillsCore
import SkillsStorage
import Testing

@testable import SkillsIngestion

struct JSONPersisting: EntityPersisting {
    func storageInput(for entity: Entity, source: String, contentHash: String?, expiresAt: Date?) throws -> EntityInput {
        let document: Data
        switch entity {
        case .job(let job): document = try JSONEncoder().encode(job)
        case .candidate(let candidate): document = try Self.encoder.encode(candidate)
        default: throw IngestError(.invalidField, "jobs and candidates only in this test")
        }
        return EntityInput(
            kind: entity.kind.rawValue, id: entity.id, source: source, externalID: entity.id,
            document: document, expiresAt: expiresAt, contentHash: contentHash)
    }

    func entity(kind: EntityKind, storedDocument: Data) throws -> Entity {
        switch kind {
        case .job: return .job(try JSONDecoder().decode(Job.self, from: storedDocument))
        case .candidate: return .candidate(try JSONDecoder().decode(Candidate.self, from: storedDocument))
        default: throw IngestError(.invalidField, "jobs and candidates only in this test")
        }
    }

    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return encoder
    }
}

func temporaryDatabase() throws -> SQLiteDatabase {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("skillmatch-ingest-\(UUID().uuidString)")
    return try SQLiteDatabase(path: folder.appendingPathComponent("test.sqlite").path)
}

func jobLine(_ id: Int, title: String = "Welder") -> String {
    #"{"@type": "JobPosting", "@id": "job-\#(id)", "title": "\#(title)", "description": "welding", "datePosted": "2026-01-01"}"#
}

@Test func goodItemsLandAndBadItemsReportTheirLine() throws {
    let database = try temporaryDatabase()
    let body = [jobLine(1), "{not json", jobLine(2), #"{"@type": "JobPosting", "title": "no id"}"#, "[1]", jobLine(3)].joined(separator: "\n")
    let items = IngestItemSplitter().split(Data(body.utf8))
    #expect(items.count == 6)
    let connection = try database.connect()
    let queue = try IngestQueue(connection)
    let task = try queue.enqueue(taskFormat: "jobposting", source: "board", items: items)
    let processor = IngestProcessor(resolver: DraftResolver(resolver: resolver))
    let worker = try IngestWorker(id: "w1", database: database, processor: processor, persisting: JSONPersisting())
    let result = try worker.runOnce()
    #expect(result.claimed == 4)
    #expect(result.changes.upserted.map(\.id) == ["job-1", "job-2", "job-3"])
    let report = try #require(try queue.task(id: task))
    #expect(report.counts.received == 6)
    #expect(report.counts.processed == 3)
    #expect(report.counts.failed == 3)
    #expect(try EntityStore(connection).count(kind: "job") == 3)
    let reasons = report.errors.map(\.error).joined(separator: "\n")
    #expect(reasons.contains("line 2"))
    #expect(reasons.contains("identifier"))
    #expect(reasons.contains("line 5"))
}

@Test func resendingChangesNothingAndDeletesApply() throws {
    let database = try temporaryDatabase()
    let connection = try database.connect()
    let queue = try IngestQueue(connection)
    let processor = IngestProcessor(resolver: DraftResolver(resolver: resolver))
    let worker = try IngestWorker(id: "w1", database: database, processor: processor, persisting: JSONPersisting())
    let body = Data((1...20).map { jobLine($0) }.joined(separator: "\n").utf8)
    _ = try queue.enqueue(taskFormat: "auto", source: "board", items: IngestItemSplitter().split(body))
    #expect(try worker.runOnce().changes.upserted.count == 20)
    let again = try queue.enqueue(taskFormat: "auto", source: "board", items: IngestItemSplitter().split(body))
    let second = try worker.runOnce()
    #expect(second.claimed == 20)
    #expect(second.changes.isEmpty)
    #expect(try queue.task(id: again)?.counts.skippedUnchanged == 20)
    #expect(try EntityStore(connection).count(kind: "job") == 20)

    _ = try queue.enqueue(taskFormat: "auto", source: "board", items: [.payload(Data(#"{"delete": {"kind": "jobs", "id": "job-7"}}"#.utf8))])
    #expect(try worker.runOnce().changes.deleted.map(\.id) == ["job-7"])
    #expect(try EntityStore(connection).count(kind: "job") == 19)
}

@Test func expiredLeaseIsProcessedOnceByTheNextWorker() throws {
    let database = try temporaryDatabase()
    let connection = try database.connect()
    let queue = try IngestQueue(connection)
    _ = try queue.enqueue(taskFormat: "jobposting", source: "board", items: [.payload(Data(jobLine(1).utf8))])
    // A worker claims and "dies" before completing.
    let start = Date()
    #expect(try queue.claim(worker: "dead", limit: 10, leaseSeconds: 1, at: start).count == 1)
    let processor = IngestProcessor(resolver: DraftResolver(resolver: resolver))
    let worker = try IngestWorker(id: "w2", database: database, processor: processor, persisting: JSONPersisting())
    #expect(try worker.runOnce(now: start.addingTimeInterval(0.5)).claimed == 0)
    let later = try worker.runOnce(now: start.addingTimeInterval(5))
    #expect(later.changes.upserted.map(\.id) == ["job-1"])
    #expect(try worker.runOnce(now: start.addingTimeInterval(60)).claimed == 0)
    #expect(try EntityStore(connection).count(kind: "job") == 1)
}

@Test func splitterHandlesArraysAndLimits() {
    let splitter = IngestItemSplitter(limits: .init(maxDepth: 8, maxBytes: 200))
    #expect(splitter.split(Data("[{\"a\":1},{\"b\":2}]".utf8)).count == 2)
    #expect(splitter.split(Data("  \n\n".utf8)).isEmpty)
    let deep = String(repeating: "{\"a\":", count: 20) + "1" + String(repeating: "}", count: 20)
    guard case .rejected(let reason) = splitter.split(Data(deep.utf8))[0] else { Issue.record("deep accepted"); return }
    #expect(reason.contains("line 1"))
    let big = "{\"a\":\"" + String(repeating: "x", count: 300) + "\"}"
    guard case .rejected(let tooBig) = splitter.split(Data(big.utf8))[0] else { Issue.record("big accepted"); return }
    #expect(tooBig.hasPrefix("item_too_large"))
    var invalidUTF8 = Data("{\"a\":\"".utf8)
    invalidUTF8.append(contentsOf: [0xFF, 0xFE])
    invalidUTF8.append(contentsOf: Array("\"}".utf8))
    guard case .rejected = splitter.split(invalidUTF8)[0] else { Issue.record("invalid UTF-8 accepted"); return }
}

@Test func splitterTakesAPrettyPrintedDocumentAsOneItem() throws {
    let splitter = IngestItemSplitter(limits: .init(maxDepth: 8, maxBytes: 200))
    let pretty = "\n{\n  \"@type\": \"JobPosting\",\n  \"identifier\": \"p-1\",\n  \"skills\": [\n    \"welding\"\n  ]\n}\n"
    let items = splitter.split(Data(pretty.utf8))
    #expect(items.count == 1)
    guard case .payload(let payload) = try #require(items.first) else { Issue.record("pretty document rejected"); return }
    #expect(try JSONParser().parse(payload)["identifier"]?.stringValue == "p-1")
    // NDJSON whose first line is broken keeps its per-line errors (the whole body is not one object).
    let ndjson = splitter.split(Data("{not json\n{\"a\":1}\n{\"b\":2}\n".utf8))
    #expect(ndjson.count == 3)
    guard case .rejected(let reason) = ndjson[0] else { Issue.record("broken line accepted"); return }
    #expect(reason.contains("line 1"))
    // A broken pretty-printed document is reported line by line, never half-accepted as one item.
    #expect(splitter.split(Data("{\n  \"a\": [1,\n}\n".utf8)).allSatisfy { if case .rejected = $0 { true } else { false } })
    // A pretty-printed document over the item limit is one item_too_large, not hundreds of line errors.
    let big = "{\n\"a\": \"" + String(repeating: "x", count: 300) + "\"\n}"
    let bigItems = splitter.split(Data(big.utf8))
    #expect(bigItems.count == 1)
    guard case .rejected(let tooBig) = try #require(bigItems.first) else { Issue.record("big accepted"); return }
    #expect(tooBig.hasPrefix("item_too_large"))
}
