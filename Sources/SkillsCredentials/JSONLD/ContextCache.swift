import SkillsCore
import Synchronization

/// Processed top-level `@context` values, keyed by their JSON text.
///
/// Most credentials share a handful of `@context` arrays (VC v2 + OB 3.0.x …); processing the
/// OB context takes longer than the rest of a verification, so it is done once per process.
/// Only contexts applied to an empty active context are cached, so the result depends on the
/// context documents alone, which is why each context loader needs its own cache.
public final class ContextCache: Sendable {
    private let entries = Mutex<[String: ActiveContext]>([:])
    private let capacity: Int

    public init(capacity: Int = 256) { self.capacity = capacity }

    /// The cache for the bundled contexts.
    public static let bundled = ContextCache()

    func get(_ key: String) -> ActiveContext? { entries.withLock { $0[key] } }

    func put(_ key: String, _ context: ActiveContext) {
        entries.withLock { table in
            if table.count >= capacity { table.removeAll() }
            table[key] = context
        }
    }
}
