import CSQLite

/// Every failure of the storage module: what went wrong, SQLite's own message and result code.
///
/// Callers switch on ``kind`` (never parse ``message``): `.constraint` maps to a conflict,
/// `.busy` to "try again", `.notADatabase` / `.corrupt` to an operator problem.
public struct StorageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The class of failure.
    public enum Kind: String, Sendable {
        /// The file or its folder could not be opened or created.
        case cannotOpen
        /// The file is not an SQLite database.
        case notADatabase
        /// The database file is damaged.
        case corrupt
        /// Another connection held a lock for longer than the busy timeout and the retries.
        case busy
        /// A UNIQUE, NOT NULL, CHECK or foreign-key constraint rejected the write.
        case constraint
        /// The connection was closed before this call.
        case closed
        /// The file's schema version is newer than this build knows.
        case schemaTooNew
        /// The caller passed a value the store does not accept (empty id, bad limit, ...).
        case invalidArgument
        /// The disk or the file system refused the write (full, read-only, I/O error).
        case io
        /// Any other SQLite failure (bad SQL is a programming error and lands here).
        case sqlite
    }

    public let kind: Kind
    /// A precise, human-readable message (includes SQLite's message when there is one).
    public let message: String
    /// SQLite's extended result code, when the failure came from SQLite.
    public let sqliteCode: Int32?

    public init(_ kind: Kind, _ message: String, sqliteCode: Int32? = nil) {
        self.kind = kind
        self.message = message
        self.sqliteCode = sqliteCode
    }

    public var description: String {
        if let code = sqliteCode { return "storage \(kind.rawValue) (SQLite \(code)): \(message)" }
        return "storage \(kind.rawValue): \(message)"
    }

    /// Classifies an SQLite result code.
    static func fromSQLite(code: Int32, message: String, context: String) -> StorageError {
        let kind: Kind
        switch code & 0xff {
        case SQLITE_CANTOPEN: kind = .cannotOpen
        case SQLITE_NOTADB: kind = .notADatabase
        case SQLITE_CORRUPT: kind = .corrupt
        case SQLITE_BUSY, SQLITE_LOCKED: kind = .busy
        case SQLITE_CONSTRAINT: kind = .constraint
        case SQLITE_IOERR, SQLITE_FULL, SQLITE_READONLY, SQLITE_PERM: kind = .io
        default: kind = .sqlite
        }
        return StorageError(kind, "\(context): \(message)", sqliteCode: code)
    }
}
