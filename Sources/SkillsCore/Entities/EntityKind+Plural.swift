extension EntityKind {
    /// The plural used in URLs and CLI arguments (`jobs`, `candidates`…).
    public var plural: String { rawValue + "s" }

    /// Reads a plural name (`jobs`) back.
    public init?(plural: String) {
        guard plural.hasSuffix("s"), let kind = EntityKind(rawValue: String(plural.dropLast())) else { return nil }
        self = kind
    }
}
