import SkillsCore

extension IndexSnapshot {
    /// The best `limit` documents of `kind` for `query` that pass `filters`, after `cursor` if given.
    ///
    /// - Throws: ``IndexError`` for a limit outside `1...maximumLimit`, a skill outside the taxonomy,
    ///   invalid or contradictory filters, a malformed or stale cursor.
    /// - Complexity: proportional to the postings MaxScore visits, typically far fewer than the union.
    public func search(
        _ query: SearchQuery, in kind: EntityKind, filters: FilterSet = FilterSet(), limit: Int,
        after cursor: SearchCursor? = nil
    ) throws(IndexError) -> SearchResult {
        try validateRequest(limit: limit, filters: filters, kind: kind, cursor: cursor)
        let scorer = try MaxScoreScorer(terms: scoringTerms(query, kind: kind))
        var statistics = ScanStatistics()
        let hits = filters.isEmpty
            ? scorer.topK(limit, after: cursor, statistics: &statistics, filter: AcceptAll())
            : scorer.topK(limit, after: cursor, statistics: &statistics, filter: compile(filters))
        let next = hits.count == limit ? hits.last.map { SearchCursor(score: $0.score, document: $0.id, generation: generation) } : nil
        return SearchResult(hits: hits, nextCursor: next, statistics: statistics)
    }

    func compile(_ filters: FilterSet) -> CompiledFilter {
        CompiledFilter(filters, columns: columns, attributes: attributes)
    }

    func validateRequest(limit: Int, filters: FilterSet, kind: EntityKind, cursor: SearchCursor?) throws(IndexError) {
        if !(1...configuration.maximumLimit).contains(limit) {
            throw .invalidLimit(limit, maximum: configuration.maximumLimit)
        }
        try filters.validate(targetKind: kind)
        if let cursor, cursor.generation != generation {
            throw .staleCursor(cursorGeneration: cursor.generation, current: generation)
        }
    }

    /// The query's posting lists with their query-side multipliers.
    func scoringTerms(_ query: SearchQuery, kind: EntityKind) throws(IndexError) -> [MaxScoreScorer.Term] {
        let part = partitions[Self.ordinal(kind)]
        var terms: [MaxScoreScorer.Term] = []
        var seen = Set<Int32>()
        for entry in query.skills {
            guard entry.skill >= 0, Int(entry.skill) < configuration.skillCount else {
                throw .unknownSkill(entry.skill, skillCount: configuration.skillCount)
            }
            guard entry.weight.isFinite, entry.weight >= 0 else {
                throw IndexError(code: .invalidFilter, message: "query weight of skill \(entry.skill) must be >= 0, got \(entry.weight)")
            }
            guard seen.insert(entry.skill).inserted else {
                throw IndexError(code: .invalidFilter, message: "query lists skill \(entry.skill) twice")
            }
            let s = Int(entry.skill)
            terms.append(.init(postings: part.skillPostings[s], multiplier: entry.weight * part.skillIDF[s]))
        }
        if !query.text.isEmpty, query.textBoost > 0 {
            var counts: [Int32: Float] = [:]
            for term in analyzer.terms(query.text) {
                if let id = termIDs[term] { counts[id, default: 0] += 1 }
            }
            for (id, count) in counts.sorted(by: { $0.key < $1.key }) {
                let t = Int(id)
                terms.append(.init(postings: part.textPostings[t], multiplier: query.textBoost * count * part.textIDF[t]))
            }
        }
        return terms
    }

    /// BM25 score of `doc` for `text` alone (0 if no term matches).
    public func textScore(_ text: String, doc: Int32) -> Float {
        guard let kind = attributes[Int(doc)]?.kind else { return 0 }
        return textScore(bindText(text, in: kind), doc: doc)
    }
}

extension IndexSnapshot {
    /// Candidate generation for rescoring: the best `count` documents, without the page-size cap.
    ///
    /// - Throws: ``IndexError`` for `count` outside `1...100_000`, unknown skills, bad filters.
    public func candidates(
        _ query: SearchQuery, in kind: EntityKind, filters: FilterSet = FilterSet(), count: Int
    ) throws(IndexError) -> [ScoredID] {
        if !(1...100_000).contains(count) { throw .invalidLimit(count, maximum: 100_000) }
        try filters.validate(targetKind: kind)
        let scorer = try MaxScoreScorer(terms: scoringTerms(query, kind: kind))
        var statistics = ScanStatistics()
        if filters.isEmpty { return scorer.topK(count, after: nil, statistics: &statistics, filter: AcceptAll()) }
        return scorer.topK(count, after: nil, statistics: &statistics, filter: compile(filters))
    }
}

/// A free-text query bound to one kind's statistics, for scoring many documents against it.
public struct BoundTextQuery: Sendable {
    let terms: [(postings: PostingList, multiplier: Float)]
}

extension IndexSnapshot {
    /// Analyses `text` once and binds its terms to `kind`'s postings and IDFs.
    public func bindText(_ text: String, in kind: EntityKind) -> BoundTextQuery {
        let part = partitions[Self.ordinal(kind)]
        var counts: [Int32: Float] = [:]
        for term in analyzer.terms(text) {
            if let id = termIDs[term] { counts[id, default: 0] += 1 }
        }
        return BoundTextQuery(terms: counts.sorted { $0.key < $1.key }.map { (part.textPostings[Int($0.key)], $0.value * part.textIDF[Int($0.key)]) })
    }

    /// BM25 of `doc` for a bound query (0 if no term matches); equals the text part of ``search(_:in:filters:limit:after:)``.
    ///
    /// - Complexity: O(terms · log postings).
    public func textScore(_ query: BoundTextQuery, doc: Int32) -> Float {
        var score = 0.0
        for term in query.terms {
            let p = term.postings.seek(doc, from: 0)
            if p < term.postings.count, term.postings.docs[p] == doc {
                score += Double(term.multiplier * term.postings.weights[p])
            }
        }
        return Float(score)
    }
}
