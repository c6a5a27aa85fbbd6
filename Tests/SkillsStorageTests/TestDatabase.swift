import Foundation
@testable import SkillsStorage

/// A fresh database in its own temporary folder, removed when the value is released.
final class TestDatabase {
    let folder: URL
    let database: SQLiteDatabase

    init(configuration: SQLiteConfiguration = SQLiteConfiguration()) throws {
        folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("skillmatch-storage-\(UUID().uuidString)")
        database = try SQLiteDatabase(path: folder.appendingPathComponent("nested/db.sqlite").path,
                                      configuration: configuration)
    }

    var path: String { database.path }

    func connect() throws -> SQLiteConnection { try database.connect() }

    deinit { try? FileManager.default.removeItem(at: folder) }
}

/// Runs `body` and returns the StorageError it throws (nil when it throws nothing or something else).
func storageError(_ body: () throws -> Void) -> StorageError? {
    do {
        try body()
        return nil
    } catch let error as StorageError {
        return error
    } catch {
        return nil
    }
}

struct ExpectedFailure: Error {}
