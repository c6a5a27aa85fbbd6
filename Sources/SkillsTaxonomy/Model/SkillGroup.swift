/// A node of the ESCO skills hierarchy above the skills themselves (levels 0–3).
///
/// Shipped ids are `esco-group:<code>` (`esco-group:S4.5.0`, `esco-group:K0611`) because the
/// registry package carries codes, not URIs; the ESCO importer uses the official URIs.
public struct SkillGroup: Sendable, Hashable {
    public var id: String
    /// The ESCO hierarchy code (`S4.5.0`, `K0611`, `T4.4`), or "" when the source has none.
    public var code: String
    /// 0 for a pillar (S, K, L, T, A) down to 3 for the most specific group.
    public var level: Int
    public var label: String
    /// Ids of parent groups (none for a pillar).
    public var broader: [String]
    public var description: String

    public init(id: String, code: String = "", level: Int, label: String, broader: [String] = [], description: String = "") {
        self.id = id
        self.code = code
        self.level = level
        self.label = label
        self.broader = broader
        self.description = description
    }
}
