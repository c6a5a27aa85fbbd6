import SkillsCore

/// How a supply profile (what someone has or a program teaches) meets a demand profile (what a
/// job, occupation or goal asks for): the skill-level facts behind coverage, related credit and the
/// explanation.
struct SkillComparison: Sendable {
    var matched: [MatchedSkill] = []
    var missingRequired: [Int32] = []
    var related: [RelatedMatch] = []
    var requiredCoverage = 0.0
    var preferredCoverage = 0.0
    var relatedCredit = 0.0
    var verifiedShare = 0.0
    /// Mean recency factor of matched held skills.
    var matchedRecency = 0.0

    /// Held skills count with their profile weight as importance; everything but `preferred` is required.
    static func importance(_ e: SkillProfile.Entry) -> Double { Double(e.role == .held ? e.weight : e.importance) }

    /// - Parameter recordFacts: `false` computes only the numbers (rescoring a pool); the lists
    ///   of matched, missing and related skills are for explanations.
    init(demand: SkillProfile, supply: SkillProfile, related: any RelatedSkills, recordFacts: Bool = true) {
        var reqTotal = 0.0, reqHave = 0.0, prefTotal = 0.0, prefHave = 0.0, total = 0.0, relatedSum = 0.0
        var matchedCount = 0, verified = 0, recency = 0.0
        let held = supply.entries
        for want in demand.entries {
            let importance = Self.importance(want)
            let preferred = want.role == .preferred
            total += importance
            if preferred { prefTotal += importance } else { reqTotal += importance }
            if let h = Self.position(of: want.skill, in: held) {
                let isVerified = held[h].isVerified
                if recordFacts {
                    matched.append(MatchedSkill(skill: want.skill, importance: Float(importance), role: want.role, verified: isVerified))
                }
                matchedCount += 1
                if preferred { prefHave += importance } else { reqHave += importance }
                if isVerified { verified += 1 }
                recency += Double(held[h].recency)
                continue
            }
            if !preferred, recordFacts { missingRequired.append(want.skill) }
            // The most similar held skill (ties: the lower skill), by the similarity formula.
            var best: (skill: Int32, similarity: Float)?
            for have in held {
                let s = related.similarity(want.skill, have.skill)
                if s > 0, s > best?.similarity ?? 0 { best = (have.skill, s) }
            }
            if let best {
                if recordFacts { self.related.append(RelatedMatch(wanted: want.skill, held: best.skill, similarity: best.similarity)) }
                relatedSum += importance * Double(best.similarity)
            }
        }
        requiredCoverage = reqTotal > 0 ? reqHave / reqTotal : 0
        preferredCoverage = prefTotal > 0 ? prefHave / prefTotal : requiredCoverage
        relatedCredit = total > 0 ? min(1, relatedSum / total) : 0
        verifiedShare = matchedCount == 0 ? 0 : Double(verified) / Double(matchedCount)
        matchedRecency = matchedCount == 0 ? 0 : recency / Double(matchedCount)
    }

    /// Where `skill` sits in sorted `entries`, by binary search; reading fields in place avoids
    /// copying entries (which hold the issuer string).
    @inline(__always)
    static func position(of skill: Int32, in entries: [SkillProfile.Entry]) -> Int? {
        var low = 0, high = entries.count
        while low < high {
            let mid = (low + high) >> 1
            if entries[mid].skill < skill { low = mid + 1 } else { high = mid }
        }
        return low < entries.count && entries[low].skill == skill ? low : nil
    }
}
