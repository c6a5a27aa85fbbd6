import SkillsCore
import Synchronization

/// Results of context processing, keyed by (active context, local context, flags).
///
/// Most credentials share a handful of `@context` arrays (VC v2 + OB 3.0.x …) and apply the same
/// type- and property-scoped contexts at every node; processing them takes longer than the rest
/// of a verification, so each distinct step is done once per process. Every active context the
/// processor builds carries an id from this cache, so a key names its input exactly. Results
/// depend on the context documents, so each context loader needs its own cache.
public final class ContextCache: Sendable {
    private struct Table {
        var entries: [String: ActiveContext] = [:]
        var nextID = 1
    }
    private let table = Mutex(Table())
    private let capacity: Int

    public init(capacity: Int = 256) { self.capacity = capacity }

    /// The cache for the bundled contexts.
    public static let bundled = ContextCache()

    func get(_ key: String) -> ActiveContext? { table.withLock { $0.entries[key] } }

    /// Stores `context` under `key` with a fresh id, and returns it with that id.
    func put(_ key: String, _ context: ActiveContext) -> ActiveContext {
        table.withLock { t in
            if t.entries.count >= capacity { t.entries.removeAll() }  // ids keep counting: no stale keys
            var stored = context
            stored.cacheID = t.nextID
            t.nextID += 1
            t.entries[key] = stored
            return stored
        }
    }
}
