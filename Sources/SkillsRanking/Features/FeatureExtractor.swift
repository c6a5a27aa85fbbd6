import Foundation
import SkillsCore

/// Computes every feature value (0…1) of one (source, target) pair. Pure: the clock is `asOf`.
struct FeatureExtractor: Sendable {
    let asOf: Date

    /// Which side asks and which side offers, per direction.
    static func sides(
        _ direction: MatchDirection, source: SkillProfile, target: SkillProfile, goal: SkillProfile?
    ) -> (demand: SkillProfile, supply: SkillProfile) {
        switch direction {
        case .candidateToJobs, .candidateToOccupations: (target, source)
        case .programToJobs: (target, source)
        case .jobToCandidates, .jobToPrograms: (source, target)
        case .candidateToPrograms: (goal ?? source, target)
        }
    }

    /// Feature values indexed by ``RankingFeature/ordinal``; features that do not apply are 0.
    func values(
        direction: MatchDirection, source: RankingFacts, target: RankingFacts, sourceProfile: SkillProfile, targetProfile: SkillProfile,
        comparison: SkillComparison, textScore: Float, vectorCosine: Double?, settings: RankingConfig.Direction
    ) -> FeatureValues {
        var v = FeatureValues()
        v[.requiredCoverage] = comparison.requiredCoverage
        v[.preferredCoverage] = comparison.preferredCoverage
        v[.relatedCredit] = comparison.relatedCredit
        v[.textScore] = Double(textScore) / (Double(textScore) + settings.textSaturation)
        // Dense entity vectors when the index has them (negative cosines count as 0), else the
        // cosine of the sparse skill-weight vectors.
        v[.vectorCosine] = vectorCosine ?? Self.cosine(sourceProfile, targetProfile)
        v[.verifiedShare] = comparison.verifiedShare
        v[.recency] = recency(target, comparison: comparison)
        v[.distance] = Self.distance(source, target)
        v[.payFit] = Self.payFit(source, target)
        if target.kind == .program {
            v[.programCost] = target.programCost.map { 1 - min(1, $0 / settings.maximumProgramCost) } ?? 0.5
            v[.programDuration] = target.programWeeks.map { 1 - min(1, Double($0) / 104) } ?? 0.5
        }
        if target.kind == .occupation { v[.labourDemand] = target.labourDemand ?? 0 }
        return v
    }

    /// Cosine of the sparse skill-weight vectors.
    static func cosine(_ a: SkillProfile, _ b: SkillProfile) -> Double {
        var dot = 0.0, i = 0, j = 0
        let x = a.entries, y = b.entries
        while i < x.count, j < y.count {
            if x[i].skill == y[j].skill {
                dot += Double(x[i].weight) * Double(y[j].weight)
                i += 1
                j += 1
            } else if x[i].skill < y[j].skill { i += 1 } else { j += 1 }
        }
        let na = x.reduce(0.0) { $0 + Double($1.weight * $1.weight) }
        let nb = y.reduce(0.0) { $0 + Double($1.weight * $1.weight) }
        return na > 0 && nb > 0 ? min(1, dot / (na * nb).squareRoot()) : 0
    }

    func recency(_ target: RankingFacts, comparison: SkillComparison) -> Double {
        switch target.kind {
        case .job:
            return max(0, min(1, 1 - asOf.timeIntervalSince(target.postedOn ?? asOf) / (90 * 86_400)))
        case .candidate:
            return comparison.matchedRecency
        case .program:
            guard let next = target.nextStart else { return 0.5 }
            return max(0, 1 - next.timeIntervalSince(asOf) / (180 * 86_400))
        case .occupation:
            return 1
        }
    }

    /// 1 when remote fits, else `1/(1 + km/50)` (at least 0.5 for a candidate willing to relocate), 0.5 if unknown.
    static func distance(_ a: RankingFacts, _ b: RankingFacts) -> Double {
        let candidate: RankingFacts? = a.kind == .candidate ? a : (b.kind == .candidate ? b : nil)
        let other = candidate == nil ? b : (a.kind == .candidate ? b : a)
        if other.kind == .occupation { return 1 }
        if other.remote, candidate?.remote ?? true { return 1 }
        guard let p = a.location, let q = b.location else { return 0.5 }
        let near = 1 / (1 + p.distanceKilometres(to: q) / 50)
        return candidate?.willingToRelocate == true ? max(near, 0.5) : near
    }

    /// 1 when the job's pay overlaps the candidate's desired pay, else offered maximum / desired minimum; 0.5 if unknown.
    static func payFit(_ a: RankingFacts, _ b: RankingFacts) -> Double {
        // b's side wins when both are the same kind, as when reading a then b.
        let offered = b.kind == .job ? b.offeredPay : (a.kind == .job ? a.offeredPay : nil)
        let desired = b.kind == .candidate ? b.desiredPay : (a.kind == .candidate ? a.desiredPay : nil)
        guard let offered, let desired else { return 0.5 }
        if offered.overlaps(desired) { return 1 }
        guard let top = offered.maximum ?? offered.minimum, let want = desired.minimum, want > 0 else { return 0.5 }
        return max(0, min(1, top / want))
    }
}

/// One value per ``RankingFeature``, in a fixed-size buffer (the rescoring loop runs it hundreds of times).
struct FeatureValues {
    private var storage = [Double](repeating: 0, count: RankingFeature.allCases.count)

    subscript(_ feature: RankingFeature) -> Double? {
        get { storage[feature.ordinal] }
        set { storage[feature.ordinal] = newValue ?? 0 }
    }
}
