import SkillsCore

extension IndexSnapshot {
    /// For each field, how many documents matching `query` (any query skill or term) and `filters`
    /// hold each value.
    ///
    /// Counting needs every match, so this walks the union of the query's postings without pruning.
    public func facets(
        _ query: SearchQuery, in kind: EntityKind, filters: FilterSet = FilterSet(), fields: [FacetField]
    ) throws(IndexError) -> [FacetField: [String: Int]] {
        try filters.validate(targetKind: kind)
        let terms = try scoringTerms(query, kind: kind)
        var matched = [Bool](repeating: false, count: slotCount)
        for term in terms where term.multiplier > 0 {
            for doc in term.postings.docs { matched[Int(doc)] = true }
        }
        var counts: [FacetField: [String: Int]] = [:]
        for field in fields { counts[field] = [:] }
        for (doc, isMatch) in matched.enumerated() where isMatch {
            guard let attributes = attributes[doc], filters.matches(attributes) else { continue }
            for field in fields {
                for value in field.values(attributes) { counts[field]![value, default: 0] += 1 }
            }
        }
        return counts
    }
}
