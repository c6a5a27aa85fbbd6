import SkillsCore
import SkillsIndex

/// One ranking request: rank targets of `direction.targetKind` for the source entity.
public struct MatchRequest: Sendable, Hashable {
    public var source: EntityKey
    public var direction: MatchDirection
    public var limit: Int
    public var filters: FilterSet
    /// Feature weights replacing those of `Config/ranking.json` for this request (feature name → weight).
    public var weightOverrides: [String: Double]
    /// `nextCursor` of the previous page.
    public var cursor: String?
    public var explain: Bool
    /// The caller is an employer: job→candidates only returns candidates who consented to be found.
    public var employerView: Bool
    /// candidate→programs: a job or occupation the candidate aims at; programs are ranked by how much
    /// of the gap to it they teach. Without it, programs are ranked by fit with the candidate's skills.
    public var goal: EntityKey?

    public init(
        source: EntityKey, direction: MatchDirection, limit: Int = 10, filters: FilterSet = FilterSet(),
        weightOverrides: [String: Double] = [:], cursor: String? = nil, explain: Bool = false,
        employerView: Bool = true, goal: EntityKey? = nil
    ) {
        self.source = source
        self.direction = direction
        self.limit = limit
        self.filters = filters
        self.weightOverrides = weightOverrides
        self.cursor = cursor
        self.explain = explain
        self.employerView = employerView
        self.goal = goal
    }
}

/// One ranked target.
public struct Match: Sendable, Hashable {
    public var target: EntityKey
    public var document: Int32
    /// 0…100.
    public var score: Double
    /// Present when the request asked for it.
    public var explanation: Explanation?
}

/// One page of matches.
public struct MatchPage: Sendable, Hashable {
    public var matches: [Match]
    /// Pass as ``MatchRequest/cursor`` for the next page; `nil` on the last page.
    public var nextCursor: String?
    /// How many targets candidate generation handed to rescoring.
    public var rescored: Int
}
