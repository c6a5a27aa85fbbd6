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
        direction: MatchDirection, source: Entity, target: Entity, sourceProfile: SkillProfile, targetProfile: SkillProfile,
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
        if case .program(let p) = target {
            v[.programCost] = p.cost.map { 1 - min(1, $0 / settings.maximumProgramCost) } ?? 0.5
            v[.programDuration] = p.weeks.map { 1 - min(1, Double($0) / 104) } ?? 0.5
        }
        if case .occupation(let o) = target { v[.labourDemand] = o.demand.score }
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

    func recency(_ target: Entity, comparison: SkillComparison) -> Double {
        switch target {
        case .job(let j):
            return max(0, min(1, 1 - asOf.timeIntervalSince(j.postedOn) / (90 * 86_400)))
        case .candidate:
            return comparison.matchedRecency
        case .program(let p):
            guard let next = p.startDates.filter({ $0 >= asOf }).min() else { return 0.5 }
            return max(0, 1 - next.timeIntervalSince(asOf) / (180 * 86_400))
        case .occupation:
            return 1
        }
    }

    static func distance(_ a: Entity, _ b: Entity) -> Double {
        func remote(_ e: Entity) -> Bool {
            switch e {
            case .job(let j): j.workplace == .remote
            case .program(let p): p.modality == .online
            case .candidate(let c): c.openToRemote
            case .occupation: true
            }
        }
        let candidate: Candidate? = if case .candidate(let c) = a { c } else if case .candidate(let c) = b { c } else { nil }
        let other = candidate == nil ? b : (a.kind == .candidate ? b : a)
        if case .occupation = other { return 1 }
        if remote(other), candidate?.openToRemote ?? true { return 1 }
        guard let p = a.location, let q = b.location else { return 0.5 }
        let near = 1 / (1 + p.distanceKilometres(to: q) / 50)
        return candidate?.willingToRelocate == true ? max(near, 0.5) : near
    }

    static func payFit(_ a: Entity, _ b: Entity) -> Double {
        var offered: PayRange?, desired: PayRange?
        for e in [a, b] {
            if case .job(let j) = e { offered = j.pay }
            if case .candidate(let c) = e { desired = c.desiredPay }
        }
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
