import SkillsCore

/// What to look for in one kind of document: weighted skills and/or free text, with filters.
///
/// The score of a document is
///
///     Σ_skills  queryWeight(s) · idf(s) · profileWeight(doc, s)
///   + textBoost · Σ_terms  queryCount(t) · idf(t) · Σ_fields boost_f · tf·(k1+1) / (tf + k1·(1 − b + b·len_f/avglen_f))
///
/// i.e. a skill is scored like a BM25 term whose "term frequency" is the profile weight, and text is
/// BM25 summed over the title and body fields with their boosts.
public struct SearchQuery: Sendable, Hashable {
    public var skills: [SkillWeight]
    public var text: String
    public var textBoost: Float

    /// One weighted query skill.
    public struct SkillWeight: Sendable, Hashable {
        public var skill: Int32
        public var weight: Float

        public init(skill: Int32, weight: Float) {
            self.skill = skill
            self.weight = weight
        }
    }

    public init(skills: [SkillWeight] = [], text: String = "", textBoost: Float = 1) {
        self.skills = skills
        self.text = text
        self.textBoost = textBoost
    }
}

/// One page of results and what the scan cost.
public struct SearchResult: Sendable, Hashable {
    /// Best first.
    public var hits: [ScoredDocument]
    /// Continues after the last hit; `nil` when the page is not full (no more results).
    public var nextCursor: SearchCursor?
    public var statistics: ScanStatistics
}

/// A document id with its score.
public typealias ScoredDocument = ScoredID

/// Counters of one scan, to show how much pruning saved.
public struct ScanStatistics: Sendable, Hashable {
    /// Sum of the lengths of the query's posting lists (what an exhaustive OR would read).
    public var unionPostings = 0
    /// Postings whose weight was read (visited in an essential list, or found by a seek).
    public var postingsRead = 0
    /// Seeks into non-essential lists (each O(log distance)).
    public var seeks = 0
    /// Documents fully scored.
    public var documentsScored = 0
    /// Postings tested against the filter before the merge (0 when the scan tests documents as it
    /// meets them; see the selective-filter path of the MaxScore scan).
    public var filteredPostings = 0
    /// Filter evaluations (each document at most once).
    public var filterCalls = 0
    /// Restricted scans that kept long lists unrestricted, missed the threshold that proves the
    /// result exact, and reran with every list restricted.
    public var fallbacks = 0

    public init() {}
}
