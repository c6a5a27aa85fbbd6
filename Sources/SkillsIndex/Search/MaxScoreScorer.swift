import SkillsCore

/// Document-at-a-time top-k over weighted posting lists with MaxScore pruning (Turtle & Flood).
///
/// Terms are sorted by their best possible contribution. Once the collector's threshold exceeds
/// the sum of the smallest bounds, those "non-essential" terms can no longer lift a document into
/// the top k on their own: only documents from the essential lists are visited, and non-essential
/// lists are probed with `seek` only while the running score plus their remaining bound can still
/// beat the threshold. The result is identical to exhaustive scoring.
///
/// Contributions are `Float` products summed in `Double`, so a document's score does not depend on
/// the order its terms were added; that keeps pruning exact and results comparable with a
/// brute-force reference.
struct MaxScoreScorer {
    struct Term {
        let postings: PostingList
        /// Query-side factor: query weight · IDF (· text boost).
        let multiplier: Float
        var bound: Float { multiplier * postings.maxWeight }
    }

    let terms: [Term]

    init(terms: [Term]) {
        self.terms = terms.filter { $0.postings.count > 0 && $0.multiplier > 0 }.sorted { $0.bound < $1.bound }
    }

    /// The `k` best documents accepted by `accept` and admitted by `after`.
    func topK(
        _ k: Int, after: SearchCursor?, statistics: inout ScanStatistics, filter: some DocumentFilter
    ) -> [ScoredID] {
        let n = terms.count
        var collector = TopKCollector(k: k)
        guard n > 0 else { return [] }
        var prefixBound = [Double](repeating: 0, count: n)
        var running = 0.0
        for i in 0..<n {
            running += Double(terms[i].bound)
            prefixBound[i] = running
            statistics.unionPostings += terms[i].postings.count
        }
        var position = [Int](repeating: 0, count: n)
        var threshold = -Double.infinity
        var firstEssential = 0
        while firstEssential < n {
            var doc = Int32.max
            for i in firstEssential..<n where position[i] < terms[i].postings.count {
                doc = min(doc, terms[i].postings.docs[position[i]])
            }
            if doc == .max { break }
            var score = 0.0
            for i in firstEssential..<n {
                let p = position[i]
                let postings = terms[i].postings
                if p < postings.count, postings.docs[p] == doc {
                    score += Double(terms[i].multiplier * postings.weights[p])
                    position[i] = p + 1
                    statistics.postingsRead += 1
                }
            }
            if firstEssential > 0, score + prefixBound[firstEssential - 1] <= threshold { continue }
            if !filter.accepts(doc) { continue }
            var pruned = false
            var i = firstEssential - 1
            while i >= 0 {
                if score + prefixBound[i] <= threshold {
                    pruned = true
                    break
                }
                let postings = terms[i].postings
                let p = postings.seek(doc, from: position[i])
                position[i] = p
                statistics.seeks += 1
                if p < postings.count, postings.docs[p] == doc {
                    statistics.postingsRead += 1
                    score += Double(terms[i].multiplier * postings.weights[p])
                }
                i -= 1
            }
            if pruned { continue }
            statistics.documentsScored += 1
            let final = Float(score)
            if let after, !after.admits(doc: doc, score: final) { continue }
            collector.push(id: doc, score: final)
            let newThreshold = Double(collector.threshold)
            if newThreshold > threshold {
                threshold = newThreshold
                while firstEssential < n, prefixBound[firstEssential] <= threshold { firstEssential += 1 }
            }
        }
        return collector.finish()
    }
}
