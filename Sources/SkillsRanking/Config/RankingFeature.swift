/// One ranking signal; every value lies in 0…1 before weighting.
public enum RankingFeature: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Importance-weighted share of the demand side's required skills the supply side has.
    case requiredCoverage = "required_coverage"
    /// The same over preferred skills (equals required coverage when nothing is preferred).
    case preferredCoverage = "preferred_coverage"
    /// Partial credit for missing skills through their most similar held skill.
    case relatedCredit = "related_credit"
    /// BM25 of the target's title and description for the source's title, saturated `s / (s + k)`.
    case textScore = "text_score"
    /// Cosine of the two entities' vectors (skill-profile vectors until dense vectors are wired).
    case vectorCosine = "vector_cosine"
    /// Share of matched skills that the candidate holds through verified credentials.
    case verifiedShare = "verified_share"
    /// Freshness: job posting age, candidate skill recency, program next start.
    case recency
    /// `1 / (1 + km / 50)`; 1 for remote, 0.5 when a location is unknown.
    case distance
    /// Overlap of job pay with desired pay; 0.5 when unknown.
    case payFit = "pay_fit"
    /// Cheaper programs score higher: `1 − cost / maximumCost`.
    case programCost = "program_cost"
    /// Shorter programs score higher: `1 − weeks / 104`.
    case programDuration = "program_duration"
    /// The occupation's labour-market demand score.
    case labourDemand = "labour_demand"

    /// Position in ``allCases``.
    public var ordinal: Int {
        switch self {
        case .requiredCoverage: 0
        case .preferredCoverage: 1
        case .relatedCredit: 2
        case .textScore: 3
        case .vectorCosine: 4
        case .verifiedShare: 5
        case .recency: 6
        case .distance: 7
        case .payFit: 8
        case .programCost: 9
        case .programDuration: 10
        case .labourDemand: 11
        }
    }

    public static func < (a: RankingFeature, b: RankingFeature) -> Bool { a.ordinal < b.ordinal }
}
