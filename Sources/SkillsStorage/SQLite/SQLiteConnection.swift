import CSQLite
import Foundation

/// One SQLite connection: owned by one thread at a time, never shared.
///
/// Opens in WAL mode with a busy timeout, caches prepared statements, and runs transactions:
/// ``write(_:)`` takes the write lock up front (`BEGIN IMMEDIATE`) so two writers never deadlock on
/// a lock upgrade, and retries from the start when SQLite still reports busy. Writes nest: an inner
/// ``write(_:)`` becomes a savepoint, so a store method called inside a caller's transaction (an
/// entity upsert plus ``IngestQueue/complete(_:outcome:worker:)``) commits or rolls back with it.
///
/// Not `Sendable`: give every thread its own connection from ``SQLiteDatabase/connect()``.
public final class SQLiteConnection {
    /// The database file.
    public let path: String
    let configuration: SQLiteConfiguration
    private var db: OpaquePointer?
    private var cache: [String: SQLiteStatement] = [:]
    private var statementsInUse: Set<String> = []
    private var transactionDepth = 0

    /// Opens (and creates when missing) the file at `path`; the folder must exist.
    init(path: String, configuration: SQLiteConfiguration) throws {
        self.path = path
        self.configuration = configuration
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &handle, flags, nil)
        guard code == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(handle)
            throw StorageError.fromSQLite(code: code, message: message, context: "open \(path)")
        }
        db = handle
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_busy_timeout(handle, Int32(clamping: configuration.busyTimeoutMilliseconds))
        do {
            // journal_mode answers with a row; reading it is also the first real access to the file,
            // so a file that is not a database fails here with SQLITE_NOTADB.
            let mode = try withStatement("PRAGMA journal_mode=WAL") { statement in
                try statement.step() ? statement.text(0).lowercased() : ""
            }
            guard mode == "wal" else {
                throw StorageError(.cannotOpen, "open \(path): could not switch to WAL (journal_mode is \(mode))")
            }
            try execute("PRAGMA synchronous=\(configuration.synchronous.rawValue)")
            try execute("PRAGMA foreign_keys=ON")
            try execute("PRAGMA cache_size=-\(configuration.cacheSizeKiB)")
            try execute("PRAGMA mmap_size=\(configuration.mmapSizeBytes)")
            try execute("PRAGMA temp_store=MEMORY")
        } catch {
            close()
            throw error
        }
    }

    deinit { close() }

    /// Closes the connection; later calls throw `.closed`. Closing twice is harmless.
    public func close() {
        cache.removeAll()
        if let db { sqlite3_close_v2(db) }
        db = nil
    }

    /// `true` until ``close()``.
    public var isOpen: Bool { db != nil }

    /// `true` inside ``write(_:)`` or ``read(_:)``.
    public var isInTransaction: Bool { transactionDepth > 0 }

    /// Rowid of the last inserted row on this connection.
    public var lastInsertRowID: Int64 { db.map { sqlite3_last_insert_rowid($0) } ?? 0 }

    /// Rows changed by the last statement.
    public var changes: Int { db.map { Int(sqlite3_changes($0)) } ?? 0 }

    // MARK: Statements

    /// Runs one or more SQL statements that take no parameters.
    public func execute(_ sql: String) throws {
        let db = try openHandle()
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(db, sql, nil, nil, &message)
        if code != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(db))
            sqlite3_free(message)
            throw StorageError.fromSQLite(code: sqlite3_extended_errcode(db), message: text,
                                          context: "execute \(sql.prefix(80))")
        }
    }

    /// Runs `body` with a cached prepared statement for `sql`, reset and unbound afterwards.
    public func withStatement<T>(_ sql: String, _ body: (SQLiteStatement) throws -> T) throws -> T {
        let statement: SQLiteStatement
        let cached: Bool
        if !statementsInUse.contains(sql), let hit = cache[sql] {
            statement = hit
            cached = true
        } else {
            statement = try prepare(sql)
            cached = !statementsInUse.contains(sql) && configuration.statementCacheSize > 0
            if cached {
                if cache.count >= configuration.statementCacheSize, let victim = cache.keys.first {
                    cache[victim] = nil
                }
                cache[sql] = statement
            }
        }
        if cached { statementsInUse.insert(sql) }
        defer {
            statement.reset()
            if cached { statementsInUse.remove(sql) }
        }
        return try body(statement)
    }

    private func prepare(_ sql: String) throws -> SQLiteStatement {
        let db = try openHandle()
        var handle: OpaquePointer?
        let code = sqlite3_prepare_v3(db, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &handle, nil)
        guard code == SQLITE_OK, let handle else {
            throw error(code: code, context: "prepare \(sql.prefix(80))")
        }
        return SQLiteStatement(handle: handle, sql: sql, connection: self)
    }

    // MARK: Transactions

    /// Runs `body` in a write transaction (`BEGIN IMMEDIATE`), committing when it returns and
    /// rolling back when it throws. Inside another transaction it runs in a savepoint instead.
    ///
    /// When SQLite stays busy past the timeout, the whole transaction is retried (up to
    /// `busyRetries` times), so `body` must only touch the database.
    public func write<T>(_ body: () throws -> T) throws -> T {
        if transactionDepth > 0 { return try savepoint(body) }
        var attempt = 0
        while true {
            do {
                return try transaction(begin: "BEGIN IMMEDIATE", body)
            } catch let error as StorageError where error.kind == .busy && attempt < configuration.busyRetries {
                attempt += 1
                usleep(UInt32(1_000 * min(1 << attempt, 200)))
            }
        }
    }

    /// Runs `body` in a read transaction: one consistent snapshot that never blocks writers.
    public func read<T>(_ body: () throws -> T) throws -> T {
        if transactionDepth > 0 { return try body() }
        return try transaction(begin: "BEGIN DEFERRED", body)
    }

    /// Runs `body` with another `synchronous` level for its commits (outermost calls only).
    func withSynchronous<T>(_ level: SQLiteConfiguration.Synchronous, _ body: () throws -> T) throws -> T {
        guard transactionDepth == 0, level != configuration.synchronous else { return try body() }
        try execute("PRAGMA synchronous=\(level.rawValue)")
        defer { try? execute("PRAGMA synchronous=\(configuration.synchronous.rawValue)") }
        return try body()
    }

    private func transaction<T>(begin: String, _ body: () throws -> T) throws -> T {
        try execute(begin)
        transactionDepth = 1
        defer { transactionDepth = 0 }
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            if let db, sqlite3_get_autocommit(db) == 0 { try? execute("ROLLBACK") }
            throw error
        }
    }

    private func savepoint<T>(_ body: () throws -> T) throws -> T {
        let name = "sp\(transactionDepth)"
        try execute("SAVEPOINT \(name)")
        transactionDepth += 1
        defer { transactionDepth -= 1 }
        do {
            let result = try body()
            try execute("RELEASE \(name)")
            return result
        } catch {
            try? execute("ROLLBACK TO \(name); RELEASE \(name)")
            throw error
        }
    }

    // MARK: Errors

    private func openHandle() throws -> OpaquePointer {
        guard let db else { throw StorageError(.closed, "connection to \(path) is closed") }
        return db
    }

    func error(code: Int32, context: String) -> StorageError {
        guard let db else { return StorageError(.closed, "connection to \(path) is closed") }
        let extended = sqlite3_extended_errcode(db)
        return StorageError.fromSQLite(code: extended != 0 ? extended : code,
                                       message: String(cString: sqlite3_errmsg(db)), context: context)
    }
}
