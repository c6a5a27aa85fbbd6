import SkillsCore

/// Who is matched against whom.
public enum MatchDirection: String, Sendable, Hashable, Codable, CaseIterable {
    case candidateToJobs = "candidate_to_jobs"
    case jobToCandidates = "job_to_candidates"
    case candidateToPrograms = "candidate_to_programs"
    case jobToPrograms = "job_to_programs"
    case programToJobs = "program_to_jobs"
    case candidateToOccupations = "candidate_to_occupations"

    public var sourceKind: EntityKind {
        switch self {
        case .candidateToJobs, .candidateToPrograms, .candidateToOccupations: .candidate
        case .jobToCandidates, .jobToPrograms: .job
        case .programToJobs: .program
        }
    }

    public var targetKind: EntityKind {
        switch self {
        case .candidateToJobs, .programToJobs: .job
        case .jobToCandidates: .candidate
        case .candidateToPrograms, .jobToPrograms: .program
        case .candidateToOccupations: .occupation
        }
    }

    /// Features that mean something in this direction; weights for others are refused.
    public var applicableFeatures: [RankingFeature] {
        switch self {
        case .candidateToJobs, .jobToCandidates:
            [.requiredCoverage, .preferredCoverage, .relatedCredit, .textScore, .vectorCosine, .verifiedShare, .recency, .distance, .payFit]
        case .candidateToPrograms:
            [.requiredCoverage, .relatedCredit, .textScore, .vectorCosine, .recency, .distance, .programCost, .programDuration]
        case .jobToPrograms:
            [.requiredCoverage, .preferredCoverage, .relatedCredit, .textScore, .vectorCosine, .recency, .distance, .programCost, .programDuration]
        case .programToJobs:
            [.requiredCoverage, .preferredCoverage, .relatedCredit, .textScore, .vectorCosine, .recency, .distance]
        case .candidateToOccupations:
            [.requiredCoverage, .relatedCredit, .textScore, .vectorCosine, .labourDemand]
        }
    }
}
