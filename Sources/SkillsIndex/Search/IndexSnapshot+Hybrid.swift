import SkillsCore

extension IndexSnapshot {
    /// Lexical and dense results fused: for a free-text query with a query vector in the same space
    /// as the entity vectors (the sentence encoder's).
    ///
    /// The best `depth` documents by the lexical score `L` (skills + BM25, as ``search(_:in:filters:limit:after:)``)
    /// and the best `depth` by the inner product `c` of their vector with `vector` are pooled; each
    /// pooled document gets both scores and
    ///
    ///     score = (1 − semanticWeight) · L / L_max + semanticWeight · max(0, c)
    ///
    /// with `L_max` the best lexical score of the pool (the lexical part is 0 when nothing matched
    /// lexically). Best first, ties on the lower document; pages continue with the cursor within the
    /// pool, so results stop after at most 2 · `depth` documents.
    ///
    /// - Throws: ``IndexError`` as ``search(_:in:filters:limit:after:)``, and for a vector of the wrong length.
    public func hybridSearch(
        _ query: SearchQuery, vector: [Float], in kind: EntityKind, filters: FilterSet = FilterSet(), limit: Int,
        after cursor: SearchCursor? = nil, semanticWeight: Float = 0.5, depth: Int = 200
    ) throws(IndexError) -> SearchResult {
        try validateRequest(limit: limit, filters: filters, kind: kind, cursor: cursor)
        guard semanticWeight.isFinite, (0...1).contains(semanticWeight) else {
            throw .invalidConfiguration("semanticWeight", "must be within 0...1, got \(semanticWeight)")
        }
        let depth = max(depth, limit)
        let lexical = try candidates(query, in: kind, filters: filters, count: depth)
        let dense = try denseCandidates(vector, in: kind, filters: filters, count: depth)
        var lexicalScore: [Int32: Float] = [:]
        for hit in lexical { lexicalScore[hit.id] = hit.score }
        let terms = try scoringTerms(query, kind: kind)
        for hit in dense where lexicalScore[hit.id] == nil { lexicalScore[hit.id] = Self.score(terms, doc: hit.id) }
        let best = lexicalScore.values.max() ?? 0
        var fused = lexicalScore.map { doc, l in
            let semantic = max(0, cosine(vector, doc) ?? 0)
            let lexicalPart = best > 0 ? l / best : 0
            return ScoredID(id: doc, score: (1 - semanticWeight) * lexicalPart + semanticWeight * semantic)
        }
        fused.sort { $0.score != $1.score ? $0.score > $1.score : $0.id < $1.id }
        if let cursor { fused.removeAll { !cursor.admits(doc: $0.id, score: $0.score) } }
        let hits = Array(fused.prefix(limit))
        let next = fused.count > limit ? hits.last.map { SearchCursor(score: $0.score, document: $0.id, generation: generation) } : nil
        return SearchResult(hits: hits, nextCursor: next, statistics: ScanStatistics())
    }

    /// The lexical score of one document: Σ multiplier · posting weight over the terms it appears in.
    static func score(_ terms: [MaxScoreScorer.Term], doc: Int32) -> Float {
        var score = 0.0
        for term in terms {
            let p = term.postings.seek(doc, from: 0)
            if p < term.postings.count, term.postings.docs[p] == doc { score += Double(term.multiplier * term.postings.weights[p]) }
        }
        return Float(score)
    }
}
