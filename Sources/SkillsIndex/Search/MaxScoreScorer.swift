import SkillsCore

/// Document-at-a-time top-k over weighted posting lists with MaxScore pruning (Turtle & Flood).
///
/// Terms are sorted by their best possible contribution. Once the collector's threshold exceeds
/// the sum of the smallest bounds, those "non-essential" terms can no longer lift a document into
/// the top k on their own: only documents from the essential lists are visited, and non-essential
/// lists are probed with `seek` only while the running score plus their remaining bound can still
/// beat the threshold. The result is identical to exhaustive scoring.
///
/// A selective filter keeps the threshold low (only accepted documents enter the top k), so most
/// lists stay essential and the merge walks nearly the whole union. For such filters
/// ``topK(_:after:statistics:filter:strategy:)`` first restricts every list to the accepted
/// documents (each document of the union tested once, in ascending order), tightens each bound to
/// the restricted list's largest weight, and runs MaxScore over the much shorter lists.
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

    /// How a filtered scan meets its filter. Both give the same results; only the cost differs.
    enum Strategy {
        /// Restrict the lists first when a sample says the filter is selective.
        case automatic
        /// Test the filter on documents as the merge reaches them.
        case documentAtATime
        /// Restrict every list to the accepted documents, then merge.
        case restrictFirst
        /// Restrict only lists of at most `longerThan` postings; longer lists are merged as
        /// non-essential (probed by seek for documents of the restricted lists). Exact when the
        /// final threshold beats their bounds, else the scan falls back to ``restrictFirst``.
        case restrictShortLists(longerThan: Int)
    }

    /// Lists longer than this share of the document range stay unrestricted under `automatic`:
    /// common title words and skills have long lists but small bounds, and testing the filter on
    /// all of their documents costs more than the threshold they could ever reach.
    static let longListShare = 64

    /// Restrict first when at most this share of sampled postings passes the filter. Below it the
    /// top-k threshold rises too slowly for MaxScore to skip much, so the union is walked anyway;
    /// restricting walks it once with one bit test per posting instead of a k-way merge.
    static let restrictBelowAcceptance = 0.3
    /// Postings sampled (evenly over the longest list) to estimate the filter's acceptance.
    static let acceptanceSample = 64

    let terms: [Term]

    init(terms: [Term]) {
        self.terms = terms.filter { $0.postings.count > 0 && $0.multiplier > 0 }.sorted { $0.bound < $1.bound }
    }

    /// The `k` best documents accepted by `filter` and admitted by `after`.
    func topK(
        _ k: Int, after: SearchCursor?, statistics: inout ScanStatistics, filter: some DocumentFilter,
        strategy: Strategy = .automatic
    ) -> [ScoredID] {
        for term in terms { statistics.unionPostings += term.postings.count }
        let longerThan: Int?
        switch strategy {
        case .documentAtATime: longerThan = nil
        case .restrictFirst: longerThan = .max
        case .restrictShortLists(let limit): longerThan = limit
        case .automatic:
            let selective = !(filter is AcceptAll) && sampledAcceptance(filter) <= Self.restrictBelowAcceptance
            longerThan = selective ? max(1_024, documentRange / Self.longListShare) : nil
        }
        guard let longerThan else { return merge(k, after: after, statistics: &statistics, filter: filter).hits }
        if longerThan < .max, terms.contains(where: { $0.postings.count > longerThan }),
           terms.contains(where: { $0.postings.count <= longerThan }) {
            let long = MaxScoreScorer(terms: terms.filter { $0.postings.count > longerThan })
            let short = MaxScoreScorer(terms: terms.filter { $0.postings.count <= longerThan }).restricted(to: filter, statistics: &statistics)
            // Long lists keep their original postings, so every list at or below the last long one
            // in bound order is treated as non-essential from the start.
            let combined = MaxScoreScorer(terms: long.terms + short.terms)
            let cut = (combined.terms.lastIndex { $0.postings.count > longerThan } ?? -1) + 1
            let (hits, threshold) = combined.merge(k, after: after, statistics: &statistics, filter: AcceptAll(), nonEssentialBelow: cut)
            // A document only in the non-essential lists scores at most the sum of their bounds;
            // rounded up to the next Float, it must stay below the k-th score (no tie either).
            let ceiling = combined.terms[..<cut].reduce(0.0) { $0 + Double($1.bound) }
            if hits.count == k, Double(Float(ceiling).nextUp) < threshold { return hits }
            statistics.fallbacks += 1
        }
        return restricted(to: filter, statistics: &statistics).merge(k, after: after, statistics: &statistics, filter: AcceptAll()).hits
    }

    /// One past the largest document id in any list.
    var documentRange: Int { Int(terms.map { $0.postings.docs.last ?? 0 }.max() ?? 0) + 1 }

    /// Share of evenly spaced postings of the longest list that `filter` accepts (1 when empty).
    func sampledAcceptance(_ filter: some DocumentFilter) -> Double {
        guard let longest = terms.max(by: { $0.postings.count < $1.postings.count })?.postings else { return 1 }
        let n = min(Self.acceptanceSample, longest.count)
        var accepted = 0
        for i in 0..<n where filter.accepts(longest.docs[i * longest.count / n]) { accepted += 1 }
        return Double(accepted) / Double(max(1, n))
    }

    /// The same terms over only the documents `filter` accepts, bounds tightened to what is left.
    ///
    /// Three passes: mark every document of the union in a bit set; test the filter once per
    /// marked document in ascending order (one forward sweep over the attribute columns, which the
    /// hardware prefetches; testing in list order instead missed the cache on almost every
    /// document at a million slots); keep the postings whose document passed.
    func restricted(to filter: some DocumentFilter, statistics: inout ScanStatistics) -> MaxScoreScorer {
        let documents = documentRange
        var bits = [UInt64](repeating: 0, count: (documents + 63) >> 6)
        for term in terms {
            for doc in term.postings.docs { bits[Int(doc) >> 6] |= 1 << UInt64(doc & 63) }
        }
        var evaluations = 0
        for word in bits.indices where bits[word] != 0 {
            var pending = bits[word], accepted: UInt64 = 0
            while pending != 0 {
                let bit = pending.trailingZeroBitCount
                if filter.accepts(Int32(word << 6 | bit)) { accepted |= 1 << UInt64(bit) }
                pending &= pending - 1
                evaluations += 1
            }
            bits[word] = accepted
        }
        var kept: [Term] = []
        kept.reserveCapacity(terms.count)
        for term in terms {
            var list = PostingList()
            let postings = term.postings
            for p in 0..<postings.count {
                let doc = postings.docs[p]
                if bits[Int(doc) >> 6] & (1 << UInt64(doc & 63)) != 0 { list.append(doc: doc, weight: postings.weights[p]) }
            }
            statistics.filteredPostings += postings.count
            kept.append(Term(postings: list, multiplier: term.multiplier))
        }
        statistics.filterCalls += evaluations
        return MaxScoreScorer(terms: kept)
    }

    /// The MaxScore merge; `filter` is tested on documents that could still enter the top k.
    /// Lists below `nonEssentialBelow` (in bound order) are only probed, never walked. Returns the
    /// hits and the final threshold (the k-th score as Double, or -infinity).
    func merge(
        _ k: Int, after: SearchCursor?, statistics: inout ScanStatistics, filter: some DocumentFilter, nonEssentialBelow: Int = 0
    ) -> (hits: [ScoredID], threshold: Double) {
        let n = terms.count
        var collector = TopKCollector(k: k)
        guard n > 0 else { return ([], -.infinity) }
        var prefixBound = [Double](repeating: 0, count: n)
        var running = 0.0
        for i in 0..<n {
            running += Double(terms[i].bound)
            prefixBound[i] = running
        }
        // Each list's current document (`Int32.max` once exhausted) in one flat array, so the
        // per-document minimum and match loops read contiguous values instead of chasing each
        // list's storage; `position` stays in step with it.
        var current = terms.map { $0.postings.docs.first ?? .max }
        var position = [Int](repeating: 0, count: n)
        var read = 0, seeks = 0, scored = 0, filterCalls = 0
        var threshold = -Double.infinity
        var firstEssential = nonEssentialBelow
        while firstEssential < n {
            var doc = Int32.max
            for i in firstEssential..<n { doc = min(doc, current[i]) }
            if doc == .max { break }
            var score = 0.0
            // Element access through `terms[i].postings` (no local copy) avoids retain/release per posting.
            for i in firstEssential..<n where current[i] == doc {
                let p = position[i]
                score += Double(terms[i].multiplier * terms[i].postings.weights[p])
                position[i] = p + 1
                current[i] = p + 1 < terms[i].postings.count ? terms[i].postings.docs[p + 1] : .max
                read += 1
            }
            if firstEssential > 0, score + prefixBound[firstEssential - 1] <= threshold { continue }
            if !(filter is AcceptAll) { filterCalls += 1 }
            if !filter.accepts(doc) { continue }
            var pruned = false
            var i = firstEssential - 1
            while i >= 0 {
                if score + prefixBound[i] <= threshold {
                    pruned = true
                    break
                }
                if current[i] < doc {
                    let p = terms[i].postings.seek(doc, from: position[i])
                    position[i] = p
                    current[i] = p < terms[i].postings.count ? terms[i].postings.docs[p] : .max
                    seeks += 1
                }
                if current[i] == doc {
                    read += 1
                    score += Double(terms[i].multiplier * terms[i].postings.weights[position[i]])
                }
                i -= 1
            }
            if pruned { continue }
            scored += 1
            let final = Float(score)
            if let after, !after.admits(doc: doc, score: final) { continue }
            collector.push(id: doc, score: final)
            let newThreshold = Double(collector.threshold)
            if newThreshold > threshold {
                threshold = newThreshold
                while firstEssential < n, prefixBound[firstEssential] <= threshold { firstEssential += 1 }
            }
        }
        statistics.postingsRead += read
        statistics.seeks += seeks
        statistics.documentsScored += scored
        statistics.filterCalls += filterCalls
        return (collector.finish(), threshold)
    }
}
