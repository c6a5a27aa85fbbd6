/// Evidence that a stretch of text is technical, so that ambiguous tech names (`C`, `R`, `Go`,
/// `LESS`) may be read as tech names there: other unambiguous technology or knowledge mentions
/// nearby ("C, C++ and Java"), or cue words ("programming languages such as R").
struct TechnicalContext: Sendable {
    /// Tokens either side of a mention that are searched for evidence.
    static let window = 6

    private let cues: Set<UInt64>

    init() {
        cues = Set(
            [
                "programming", "language", "languages", "framework", "frameworks", "library", "libraries", "stack",
                "coding", "developer", "developers", "software", "scripting", "scripts", "compiler", "database",
                "databases", "backend", "frontend", "api", "apis", "sdk", "ide", "runtime", "tools", "technologies",
                "tech", "engineer", "engineers",
            ].map(BoilerplateDetector.hash))
    }

    func isCue(_ token: TextToken) -> Bool { cues.contains(token.hash) }
}
