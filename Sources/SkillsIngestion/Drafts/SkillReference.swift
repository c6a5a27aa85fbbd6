import SkillsCore

/// A skill named explicitly by an input document, before it is matched to the taxonomy.
///
/// Formats name skills in many ways: an ESCO URI (`targetUrl`), a code in a framework
/// (`termCode` + `inDefinedTermSet`), or only a label ("PostgreSQL"). The resolver tries the id,
/// then the code, then the label as a taxonomy label or alias, then extraction over the label.
public struct SkillReference: Sendable, Hashable {
    /// A taxonomy id or URI (`http://data.europa.eu/esco/skill/…`, `onet-tech:…`).
    public var id: String?
    /// A code in some framework (O*NET element id, CASE item code…).
    public var code: String?
    /// The human label.
    public var label: String?
    /// The framework the code or URI belongs to, as the document names it.
    public var framework: String?
    /// Importance in (0, 1]: 1 for essential or required skills.
    public var importance: Float
    /// Whether the document marks the skill as required (jobs) rather than preferred.
    public var required: Bool
    public var provenance: SkillProvenance
    /// The issuer of a backing credential, for `credentialBacked` and `verified`.
    public var issuer: String?
    /// Proficiency 1…5 when the document states one.
    public var level: Int?

    public init(
        id: String? = nil, code: String? = nil, label: String? = nil, framework: String? = nil,
        importance: Float = 1, required: Bool = true, provenance: SkillProvenance = .stated, issuer: String? = nil,
        level: Int? = nil
    ) {
        self.id = id
        self.code = code
        self.label = label
        self.framework = framework
        self.importance = importance
        self.required = required
        self.provenance = provenance
        self.issuer = issuer
        self.level = level
    }

    /// `true` when the reference names nothing usable.
    public var isEmpty: Bool {
        [id, code, label].allSatisfy { ($0 ?? "").allSatisfy(\.isWhitespace) }
    }
}
