import Foundation

/// The SQLite file that is the system of record: where it lives, how to connect, its schema.
///
/// Creating one creates the folder and the file when missing, switches it to WAL and brings the
/// schema up to date (``Schema``), so every later ``connect()`` sees a ready database. The value is
/// `Sendable` and cheap to copy; connections are not: each thread calls ``connect()`` once.
public struct SQLiteDatabase: Sendable {
    /// The database file.
    public let path: String
    public let configuration: SQLiteConfiguration

    /// Opens (creating when needed) and migrates the database at `path`.
    public init(path: String, configuration: SQLiteConfiguration = SQLiteConfiguration()) throws {
        try configuration.validate()
        guard !path.isEmpty, path != ":memory:" else {
            throw StorageError(.invalidArgument, "database path must name a file, got '\(path)'")
        }
        self.path = path
        self.configuration = configuration
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw StorageError(.cannotOpen, "cannot create folder \(folder.path): \(error.localizedDescription)")
        }
        let connection = try connect()
        defer { connection.close() }
        try Schema.migrate(connection)
    }

    /// A new connection for the calling thread.
    public func connect() throws -> SQLiteConnection {
        try SQLiteConnection(path: path, configuration: configuration)
    }
}
