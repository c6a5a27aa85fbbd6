import Foundation
import SkillsCore
import SkillsIndex

/// Ranks entities of one kind for an entity of another, in two stages:
///
/// 1. **Candidate generation**: the source's skills (each weighted by its profile weight, plus up to
///    `relatedExpansion` related skills at `weight · similarity / 2`) and its title as BM25 text
///    (`textBoost`) form one MaxScore query over the target kind's postings, with the filters in the
///    scan; the best `candidatePool` documents survive. With `denseCandidates` > 0 the best that
///    many documents by entity-vector inner product (filters applied per block) join them.
/// 2. **Exact rescoring**: every feature (0…1) of each candidate, then
///    `score = Σ_f 100 · w_f · x_f / Σ_f w_f` over the direction's weights; ties break on the lower
///    document id.
///
/// Pure and synchronous; safe to share between threads.
public struct Matcher: Sendable {
    public let snapshot: IndexSnapshot
    public let configuration: RankingConfig
    public let related: any RelatedSkills
    let features: FeatureExtractor

    /// - Parameter asOf: "now" for recency; passed in so ranking is repeatable.
    public init(snapshot: IndexSnapshot, configuration: RankingConfig, related: any RelatedSkills = NoRelatedSkills(), asOf: Date) {
        self.snapshot = snapshot
        self.configuration = configuration
        self.related = related
        self.features = FeatureExtractor(asOf: asOf)
    }

    /// One page of ranked targets.
    ///
    /// - Throws: ``RankingError`` for an unknown or wrong-kind source, bad weights, and (code `index`)
    ///   bad limits, filters and cursors.
    public func match(_ request: MatchRequest) throws(RankingError) -> MatchPage {
        let settings = try configuration.direction(request.direction, overrides: request.weightOverrides)
        let maximum = snapshot.configuration.maximumLimit
        if !(1...maximum).contains(request.limit) { throw .index(.invalidLimit(request.limit, maximum: maximum)) }
        let cursor: SearchCursor?
        do {
            cursor = try request.cursor.map { token throws(IndexError) in try SearchCursor(token: token) }
        } catch { throw .index(error) }
        if let cursor, cursor.generation != snapshot.generation {
            throw .index(.staleCursor(cursorGeneration: cursor.generation, current: snapshot.generation))
        }
        let source = try document(request.source, expected: request.direction.sourceKind, role: "source")
        let goal = try goalProfile(request, source: source)
        var filters = request.filters
        if request.direction == .jobToCandidates, request.employerView { filters.consentingOnly = true }

        let query = generationQuery(request.direction, source: source, goal: goal, settings: settings)
        var pool: [ScoredID]
        do {
            pool = try snapshot.candidates(query, in: request.direction.targetKind, filters: filters, count: settings.candidatePool)
            if settings.denseCandidates > 0, let vector = goal.map({ snapshot.vector(for: $0) }) ?? snapshot.vector(of: source) {
                let dense = try snapshot.denseCandidates(vector, in: request.direction.targetKind, filters: filters, count: settings.denseCandidates)
                pool = Self.merge(pool, dense)
            }
        } catch { throw .index(error) }

        let context = Context(matcher: self, direction: request.direction, source: source, goal: goal, settings: settings)
        var scored: [(doc: Int32, score: Double, rank: Float)] = pool.map { hit in
            let s = evaluate(context, target: hit.id, explain: false).score
            return (hit.id, s, Float(s))
        }
        scored.sort { $0.rank != $1.rank ? $0.rank > $1.rank : $0.doc < $1.doc }
        if let cursor { scored.removeAll { !cursor.admits(doc: $0.doc, score: $0.rank) } }
        let page = scored.prefix(request.limit)
        let matches = page.map { item in
            let entity = snapshot.entity(item.doc)!
            let explanation = request.explain ? score(context, target: item.doc) : nil
            return Match(target: EntityKey(entity.kind, entity.id), document: item.doc, score: item.score, explanation: explanation)
        }
        let next = scored.count > page.count
            ? page.last.map { SearchCursor(score: $0.rank, document: $0.doc, generation: snapshot.generation).token } : nil
        return MatchPage(matches: matches, nextCursor: next, rescored: pool.count)
    }

    /// The postings candidates followed by the dense ones they lack (rescoring sees each once).
    static func merge(_ postings: [ScoredID], _ dense: [ScoredID]) -> [ScoredID] {
        guard !dense.isEmpty else { return postings }
        var seen = Set(postings.map(\.id))
        var merged = postings
        for hit in dense where seen.insert(hit.id).inserted { merged.append(hit) }
        return merged
    }

    /// The explanation of one (source, target) pair, whether or not the target would be generated.
    public func explain(
        source: EntityKey, target: EntityKey, direction: MatchDirection, weightOverrides: [String: Double] = [:], goal: EntityKey? = nil
    ) throws(RankingError) -> Explanation {
        let settings = try configuration.direction(direction, overrides: weightOverrides)
        let s = try document(source, expected: direction.sourceKind, role: "source")
        let t = try document(target, expected: direction.targetKind, role: "target")
        let request = MatchRequest(source: source, direction: direction, goal: goal)
        let context = Context(matcher: self, direction: direction, source: s, goal: try goalProfile(request, source: s), settings: settings)
        return score(context, target: t)
    }

    func document(_ key: EntityKey, expected: EntityKind, role: String) throws(RankingError) -> Int32 {
        if key.kind != expected {
            throw RankingError(code: .wrongSourceKind, message: "\(role) \(key) must be a \(expected.rawValue) for this direction")
        }
        do { return try snapshot.document(for: key) } catch { throw .index(error) }
    }

    /// For candidate→programs with a goal: the goal's skills the candidate lacks.
    func goalProfile(_ request: MatchRequest, source: Int32) throws(RankingError) -> SkillProfile? {
        guard let goalKey = request.goal else { return nil }
        guard request.direction == .candidateToPrograms, goalKey.kind == .job || goalKey.kind == .occupation else {
            throw RankingError(code: .wrongSourceKind, message: "goal \(goalKey) needs direction candidate_to_programs and a job or occupation")
        }
        let goal: Int32
        do { goal = try snapshot.document(for: goalKey) } catch { throw .index(error) }
        let have = snapshot.profile(source)
        return SkillProfile(entries: snapshot.profile(goal).entries.filter { have.entry(for: $0.skill) == nil })
    }

    public func generationQuery(_ direction: MatchDirection, source: Int32, goal: SkillProfile?, settings: RankingConfig.Direction) -> SearchQuery {
        let profile = goal ?? snapshot.profile(source)
        var weights: [Int32: Float] = [:]
        for entry in profile.entries { weights[entry.skill] = entry.weight }
        if settings.relatedExpansion > 0 {
            for entry in profile.entries {
                for r in related.related(to: entry.skill).prefix(settings.relatedExpansion) {
                    let w = entry.weight * r.similarity / 2
                    if w > weights[r.skill] ?? 0 { weights[r.skill] = w }
                }
            }
        }
        let skills = weights.sorted { $0.key < $1.key }.map { SearchQuery.SkillWeight(skill: $0.key, weight: $0.value) }
        return SearchQuery(skills: skills, text: snapshot.entity(source)?.title ?? "", textBoost: settings.textBoost)
    }

    /// What every rescored pair of one request shares, computed once.
    struct Context {
        let direction: MatchDirection
        let sourceDocument: Int32
        let source: Entity
        let sourceFacts: RankingFacts
        let sourceProfile: SkillProfile
        let goal: SkillProfile?
        let settings: RankingConfig.Direction
        let text: BoundTextQuery?
        /// Positive weights in feature order.
        let weights: [(feature: RankingFeature, weight: Double)]
        let total: Double

        init(matcher: Matcher, direction: MatchDirection, source: Int32, goal: SkillProfile?, settings: RankingConfig.Direction) {
            self.direction = direction
            self.sourceDocument = source
            self.source = matcher.snapshot.entity(source)!
            self.sourceFacts = RankingFacts(self.source, asOf: matcher.features.asOf)
            self.sourceProfile = matcher.snapshot.profile(source)
            self.goal = goal
            self.settings = settings
            text = settings.weights[.textScore, default: 0] > 0 ? matcher.snapshot.bindText(self.source.title, in: direction.targetKind) : nil
            weights = RankingFeature.allCases.compactMap { f in settings.weights[f].flatMap { $0 > 0 ? (f, $0) : nil } }
            total = settings.totalWeight
        }
    }

    /// Features, weighted contributions and skill facts of one pair.
    func score(_ context: Context, target: Int32) -> Explanation {
        evaluate(context, target: target, explain: true).explanation!
    }

    /// The score of one pair and, when `explain`, its explanation. Without it (rescoring the pool)
    /// no lists are built, but the score is the same sum in the same order, so it equals the
    /// explanation's score exactly.
    func evaluate(_ context: Context, target: Int32, explain: Bool) -> (score: Double, explanation: Explanation?) {
        let targetProfile = snapshot.profile(target)
        let sides = FeatureExtractor.sides(context.direction, source: context.sourceProfile, target: targetProfile, goal: context.goal)
        let comparison = SkillComparison(demand: sides.demand, supply: sides.supply, related: related, recordFacts: explain)
        let text = context.text.map { snapshot.textScore($0, doc: target) } ?? 0
        let cosine = snapshot.cosine(context.sourceDocument, target).map { Double(max(0, $0)) }
        let values = features.values(
            direction: context.direction, source: context.sourceFacts, target: RankingFacts(snapshot.entity(target)!, asOf: features.asOf),
            sourceProfile: context.sourceProfile, targetProfile: targetProfile, comparison: comparison, textScore: text,
            vectorCosine: cosine, settings: context.settings)
        var contributions: [FeatureContribution] = []
        if explain { contributions.reserveCapacity(context.weights.count) }
        var sum = 0.0
        for (feature, weight) in context.weights {
            let value = values[feature] ?? 0
            let points = 100 * weight * value / context.total
            if explain { contributions.append(FeatureContribution(feature: feature, value: value, weight: weight, points: points)) }
            sum += points
        }
        guard explain else { return (sum, nil) }
        return (sum, Explanation(
            score: sum, contributions: contributions, matchedSkills: comparison.matched,
            missingRequiredSkills: comparison.missingRequired, relatedMatches: comparison.related))
    }
}
