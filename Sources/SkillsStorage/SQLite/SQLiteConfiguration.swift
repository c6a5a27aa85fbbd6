/// How connections are opened: locking, durability and caching.
public struct SQLiteConfiguration: Sendable, Equatable, Codable {
    /// SQLite's `synchronous` pragma in WAL mode.
    public enum Synchronous: String, Sendable, Codable {
        /// Commits survive a crash of the process (SIGKILL) but the last commits may roll back
        /// after a power loss or kernel crash. The database is never corrupted.
        case normal = "NORMAL"
        /// Every commit fsyncs the WAL: it survives power loss too. One fsync per transaction.
        case full = "FULL"
    }

    /// How long a statement waits for another connection's lock, in milliseconds.
    public var busyTimeoutMilliseconds: Int = 5_000
    /// Durability of ordinary writes (entities, queue completion). See `Documentation/STORAGE.md`.
    public var synchronous: Synchronous = .normal
    /// Durability of queue enqueues: what a `202 Accepted` promises. `.full` by default.
    public var enqueueSynchronous: Synchronous = .full
    /// How many times a write transaction is retried from the start when SQLite still reports busy.
    public var busyRetries: Int = 8
    /// Prepared statements kept per connection.
    public var statementCacheSize: Int = 64
    /// Page cache per connection, in KiB. SQLite's default (2 MiB) is smaller than one batch of
    /// entities: a transaction then spills dirty pages to the WAL and writes them twice.
    public var cacheSizeKiB: Int = 65_536
    /// Bytes of the file read through `mmap` instead of `pread` (0 turns it off). Address space,
    /// not memory: pages are shared with the OS cache. Makes scans markedly faster.
    public var mmapSizeBytes: Int = 1 << 30

    public init() {}

    /// Missing keys keep their defaults, so a config file names only what it changes.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = SQLiteConfiguration()
        busyTimeoutMilliseconds = try container.decodeIfPresent(Int.self, forKey: .busyTimeoutMilliseconds)
            ?? defaults.busyTimeoutMilliseconds
        synchronous = try container.decodeIfPresent(Synchronous.self, forKey: .synchronous) ?? defaults.synchronous
        enqueueSynchronous = try container.decodeIfPresent(Synchronous.self, forKey: .enqueueSynchronous)
            ?? defaults.enqueueSynchronous
        busyRetries = try container.decodeIfPresent(Int.self, forKey: .busyRetries) ?? defaults.busyRetries
        statementCacheSize = try container.decodeIfPresent(Int.self, forKey: .statementCacheSize) ?? defaults.statementCacheSize
        cacheSizeKiB = try container.decodeIfPresent(Int.self, forKey: .cacheSizeKiB) ?? defaults.cacheSizeKiB
        mmapSizeBytes = try container.decodeIfPresent(Int.self, forKey: .mmapSizeBytes) ?? defaults.mmapSizeBytes
    }

    /// Throws `.invalidArgument` naming the offending key.
    public func validate() throws(StorageError) {
        if busyTimeoutMilliseconds < 0 {
            throw StorageError(.invalidArgument, "busyTimeoutMilliseconds must be >= 0, got \(busyTimeoutMilliseconds)")
        }
        if busyRetries < 0 {
            throw StorageError(.invalidArgument, "busyRetries must be >= 0, got \(busyRetries)")
        }
        if cacheSizeKiB < 0 {
            throw StorageError(.invalidArgument, "cacheSizeKiB must be >= 0, got \(cacheSizeKiB)")
        }
        if mmapSizeBytes < 0 {
            throw StorageError(.invalidArgument, "mmapSizeBytes must be >= 0, got \(mmapSizeBytes)")
        }
        if statementCacheSize < 0 {
            throw StorageError(.invalidArgument, "statementCacheSize must be >= 0, got \(statementCacheSize)")
        }
    }
}
