import Foundation
import Testing
@testable import SkillsStorage

@Suite struct DatabaseTests {
    @Test func migrationsAreIdempotent() throws {
        let test = try TestDatabase()
        let again = try SQLiteDatabase(path: test.path)
        let connection = try again.connect()
        #expect(try Schema.currentVersion(connection) == Schema.version)
        try Schema.migrate(connection)
        #expect(try Schema.currentVersion(connection) == Schema.version)
        let tables = try connection.withStatement("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") {
            var names: [String] = []
            while try $0.step() { names.append($0.text(0)) }
            return names
        }
        for table in ["api_keys", "credentials", "entities", "ingest_items", "ingest_tasks"] {
            #expect(tables.contains(table))
        }
    }

    @Test func opensInWALMode() throws {
        let test = try TestDatabase()
        let connection = try test.connect()
        let mode = try connection.withStatement("PRAGMA journal_mode") { try $0.step() ? $0.text(0) : "" }
        #expect(mode == "wal")
    }

    @Test func newerSchemaIsRefused() throws {
        let test = try TestDatabase()
        try test.connect().execute("PRAGMA user_version = \(Schema.version + 1)")
        let error = storageError { _ = try SQLiteDatabase(path: test.path) }
        #expect(error?.kind == .schemaTooNew)
    }

    @Test func fileThatIsNotADatabaseGivesTypedError() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("skillmatch-corrupt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("db.sqlite").path
        try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: path))
        let error = storageError { _ = try SQLiteDatabase(path: path) }
        #expect(error?.kind == .notADatabase)
        #expect(error?.sqliteCode == 26)
    }

    @Test func folderThatCannotBeCreatedGivesTypedError() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("skillmatch-file-\(UUID().uuidString)")
        try Data("not a folder".utf8).write(to: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        let error = storageError { _ = try SQLiteDatabase(path: folder.appendingPathComponent("sub/db.sqlite").path) }
        #expect(error?.kind == .cannotOpen)
    }

    @Test func badPathsAndConfigurationAreRejected() {
        #expect(storageError { _ = try SQLiteDatabase(path: "") }?.kind == .invalidArgument)
        #expect(storageError { _ = try SQLiteDatabase(path: ":memory:") }?.kind == .invalidArgument)
        var configuration = SQLiteConfiguration()
        configuration.busyTimeoutMilliseconds = -1
        let error = storageError { _ = try SQLiteDatabase(path: "/tmp/never-created/db.sqlite", configuration: configuration) }
        #expect(error?.kind == .invalidArgument)
        #expect(error?.message.contains("busyTimeoutMilliseconds") == true)
    }

    @Test func configurationDecodesPartialJSONWithDefaults() throws {
        let configuration = try JSONDecoder().decode(
            SQLiteConfiguration.self, from: Data(#"{"synchronous": "FULL", "busyTimeoutMilliseconds": 250}"#.utf8))
        var expected = SQLiteConfiguration()
        expected.synchronous = .full
        expected.busyTimeoutMilliseconds = 250
        #expect(configuration == expected)
        let policy = try JSONDecoder().decode(RetryPolicy.self, from: Data(#"{"maxAttempts": 9}"#.utf8))
        #expect(policy == RetryPolicy(maxAttempts: 9))
        #expect(throws: DecodingError.self) {
            _ = try JSONDecoder().decode(SQLiteConfiguration.self, from: Data(#"{"synchronous": "OFF"}"#.utf8))
        }
    }

    @Test func closedConnectionGivesTypedError() throws {
        let test = try TestDatabase()
        let connection = try test.connect()
        connection.close()
        connection.close()
        #expect(!connection.isOpen)
        #expect(storageError { _ = try EntityStore(connection).get(kind: "job", id: "1") }?.kind == .closed)
        #expect(storageError { try connection.execute("SELECT 1") }?.kind == .closed)
        #expect(storageError { _ = try connection.write { 1 } }?.kind == .closed)
    }

    @Test func badSQLIsATypedErrorWithSQLiteMessage() throws {
        let test = try TestDatabase()
        let connection = try test.connect()
        let error = storageError { try connection.withStatement("SELECT nope FROM nowhere") { _ in } }
        #expect(error?.kind == .sqlite)
        #expect(error?.message.contains("no such table") == true)
    }

    @Test func writeRollsBackOnErrorAndNestedWritesAreSavepoints() throws {
        let test = try TestDatabase()
        let connection = try test.connect()
        let store = EntityStore(connection)
        #expect(throws: ExpectedFailure.self) {
            try connection.write {
                try store.upsert(EntityInput(kind: "job", id: "a", document: Data("{}".utf8)))
                throw ExpectedFailure()
            }
        }
        #expect(try store.get(kind: "job", id: "a") == nil)
        #expect(!connection.isInTransaction)

        try connection.write {
            try store.upsert(EntityInput(kind: "job", id: "outer", document: Data("{}".utf8)))
            // An inner failure rolls back only the inner savepoint when the caller handles it.
            try? connection.write {
                try store.upsert(EntityInput(kind: "job", id: "inner", document: Data("{}".utf8)))
                throw ExpectedFailure()
            }
        }
        #expect(try store.get(kind: "job", id: "outer") != nil)
        #expect(try store.get(kind: "job", id: "inner") == nil)
    }

    @Test func lockHeldTooLongGivesBusyError() throws {
        var configuration = SQLiteConfiguration()
        configuration.busyTimeoutMilliseconds = 20
        configuration.busyRetries = 1
        let test = try TestDatabase(configuration: configuration)
        let holder = try test.connect()
        let waiter = try test.connect()
        let error = try holder.write {
            try EntityStore(holder).upsert(EntityInput(kind: "job", id: "held", document: Data("{}".utf8)))
            return storageError { try EntityStore(waiter).upsert(EntityInput(kind: "job", id: "w", document: Data("{}".utf8))) }
        }
        #expect(error?.kind == .busy)
        #expect(!waiter.isInTransaction)
        // Once the lock is free the same connection writes normally.
        #expect(try EntityStore(waiter).upsert(EntityInput(kind: "job", id: "w", document: Data("{}".utf8))) == .inserted)
    }

    /// A scan sees one snapshot while another connection keeps writing.
    @Test func scanIsASnapshotUnderConcurrentWrites() throws {
        let test = try TestDatabase()
        let reader = EntityStore(try test.connect())
        let writer = EntityStore(try test.connect())
        for i in 0..<200 { try writer.upsert(EntityInput(kind: "job", id: "a\(i)", document: Data("{}".utf8))) }
        var seen = 0
        try reader.scan(kind: "job", fields: []) { _ in
            seen += 1
            if seen % 20 == 0 {
                try writer.upsert(EntityInput(kind: "job", id: "b\(seen)", document: Data("{}".utf8)))
                try writer.delete(kind: "job", id: "a\(seen - 1)")
            }
        }
        #expect(seen == 200)
        #expect(try reader.count(kind: "job") == 200)  // 10 added, 10 deleted after the scan's snapshot
    }

    @Test func statementCacheHandlesReentrantUse() throws {
        let test = try TestDatabase()
        let connection = try test.connect()
        let sql = "SELECT ?"
        let value = try connection.withStatement(sql) { outer in
            try outer.bind(1, 1 as Int64)
            let inner = try connection.withStatement(sql) { inner in
                try inner.bind(1, 2 as Int64)
                return try inner.step() ? inner.int(0) : -1
            }
            return try outer.step() ? outer.int(0) * 10 + inner : -1
        }
        #expect(value == 12)
    }
}
