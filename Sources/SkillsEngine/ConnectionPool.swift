import SkillsStorage
import Synchronization

/// Hands SQLite connections to whichever thread needs one, one thread per connection at a time.
///
/// SQLite connections must not be shared by threads; opening one per request would cost more than
/// the query, so finished connections go back to the pool.
final class ConnectionPool: Sendable {
    /// A connection moved between threads only through the pool's lock, one holder at a time.
    private struct Box: @unchecked Sendable { let connection: SQLiteConnection }

    let database: SQLiteDatabase
    private let idle = Mutex<[Box]>([])

    init(database: SQLiteDatabase) {
        self.database = database
    }

    /// Runs `body` with a connection no other thread holds meanwhile.
    func with<T>(_ body: (SQLiteConnection) throws -> T) throws -> T {
        let box = try idle.withLock { $0.popLast() } ?? Box(connection: database.connect())
        defer { idle.withLock { if $0.count < 16 { $0.append(box) } else { box.connection.close() } } }
        return try body(box.connection)
    }
}
