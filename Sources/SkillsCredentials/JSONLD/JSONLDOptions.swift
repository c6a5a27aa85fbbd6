import SkillsCore

/// Limits and the context source for the JSON-LD processor.
///
/// The processor always runs in safe mode: anything that JSON-LD would silently drop (an
/// undefined term, a relative IRI, an invalid value) is an error, because dropped data is not
/// signed data.
public struct JSONLDOptions: Sendable {
    /// Returns the context document for a URL; `nil` means "not available" (an error).
    public var contextLoader: @Sendable (String) -> JSONValue?
    /// Maximum number of remote contexts loaded while processing one document.
    public var maxContextLoads: Int
    /// Maximum number of quads produced for one document.
    public var maxQuads: Int
    /// Processed contexts; must belong to this loader (a custom loader gets a fresh cache).
    public var contextCache: ContextCache

    public init(
        contextLoader: (@Sendable (String) -> JSONValue?)? = nil,
        maxContextLoads: Int = 64, maxQuads: Int = 100_000
    ) {
        self.contextLoader = contextLoader ?? BundledContexts.document(for:)
        self.contextCache = contextLoader == nil ? .bundled : ContextCache()
        self.maxContextLoads = maxContextLoads
        self.maxQuads = maxQuads
    }
}
