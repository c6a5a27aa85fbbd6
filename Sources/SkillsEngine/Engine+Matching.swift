import Foundation
import SkillsCore
import SkillsIndex
import SkillsRanking

extension Engine {
    /// Ranks targets for a stored entity (or an occupation) in one direction.
    ///
    /// Jobs past their `validThrough` leave the results: unless the request sets `openOn`, job
    /// targets must be open on `asOf`.
    public func match(_ request: MatchRequest, asOf: Date = Date()) throws -> MatchPage {
        var request = request
        if request.direction.targetKind == .job && request.filters.openOn == nil { request.filters.openOn = asOf }
        let matcher = Matcher(snapshot: snapshot, configuration: ranking, related: related, asOf: asOf)
        do {
            return try matcher.match(request)
        } catch {
            throw EngineError(error)
        }
    }

    /// The direction from one kind to another, or an error listing the supported pairs.
    public static func direction(from source: EntityKind, to target: EntityKind) throws -> MatchDirection {
        if let direction = MatchDirection.allCases.first(where: { $0.sourceKind == source && $0.targetKind == target }) {
            return direction
        }
        let pairs = MatchDirection.allCases.map { "\($0.sourceKind.rawValue)→\($0.targetKind.rawValue)" }.joined(separator: ", ")
        throw EngineError(.invalidQuery, "cannot match \(source.rawValue) to \(target.plural); supported: \(pairs)")
    }

    /// Searches one kind by skills (ids or labels) and/or free text, with filters and facets.
    /// Expired jobs are left out unless `filters.openOn` names another day.
    ///
    /// With the sentence encoder loaded (skill and entity vectors are then in the encoder's space),
    /// free text is also encoded and the results are the fusion of ``IndexSnapshot/hybridSearch(_:vector:in:filters:limit:after:semanticWeight:depth:)``
    /// with ``semanticTextWeight``; otherwise the lexical scores alone.
    public func search(
        skills: [String], text: String, kind: EntityKind, filters: FilterSet, limit: Int, cursor: String?,
        facets: [FacetField] = [], asOf: Date = Date()
    ) throws -> (result: SearchResult, facets: [FacetField: [String: Int]]) {
        var filters = filters
        if kind == .job && filters.openOn == nil { filters.openOn = asOf }
        var weights: [SearchQuery.SkillWeight] = []
        for name in skills {
            guard let skill = skillIndex(named: name) else { throw EngineError(.unknownSkill, "unknown skill '\(name)'") }
            weights.append(.init(skill: skill, weight: 1))
        }
        if weights.isEmpty && text.allSatisfy(\.isWhitespace) {
            throw EngineError(.invalidQuery, "give skills, text, or both")
        }
        let query = SearchQuery(skills: weights, text: text)
        let snapshot = self.snapshot
        let vector = try textVector(text)
        do {
            let parsedCursor = try cursor.map { token throws(IndexError) in try SearchCursor(token: token) }
            let result: SearchResult
            if let vector {
                result = try snapshot.hybridSearch(
                    query, vector: vector, in: kind, filters: filters, limit: limit, after: parsedCursor, semanticWeight: Self.semanticTextWeight)
            } else {
                result = try snapshot.search(query, in: kind, filters: filters, limit: limit, after: parsedCursor)
            }
            let counts = facets.isEmpty ? [:] : try snapshot.facets(query, in: kind, filters: filters, fields: facets)
            return (result, counts)
        } catch {
            throw EngineError(error)
        }
    }

    /// Weight of the dense (encoder) part in free-text search: `(1 − w) · BM25 / best BM25 + w · cosine`.
    public static let semanticTextWeight: Float = 0.5

    /// The encoder vector of a free-text query, when the encoder is loaded and the text is not blank.
    func textVector(_ text: String) throws -> [Float]? {
        guard let encoder = skillVectors.encoder, !text.allSatisfy(\.isWhitespace) else { return nil }
        do {
            return try encoder.encode([text]).first
        } catch {
            throw EngineError(.invalidQuery, "cannot encode the text: \(error)")
        }
    }

    /// A skill by taxonomy id or by preferred/alternative label.
    public func skillIndex(named name: String) -> Int32? {
        taxonomy.index(of: name) ?? resolver.resolve(.init(label: name))
    }

    /// The skill's label for explanations.
    public func label(_ skill: Int32) -> String {
        skill >= 0 && Int(skill) < taxonomy.skills.count ? taxonomy.skills[Int(skill)].label : "skill \(skill)"
    }
}
