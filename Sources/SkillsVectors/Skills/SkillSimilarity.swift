import SkillsCore

/// Skill-to-skill similarity for related-skill credit, from vectors and the hierarchy.
///
/// ## Formula
/// For two different skills `a`, `b`:
///
///     s(a, b) = min(1, vectorWeight · max(0, cos(a, b)) + hierarchyWeight · h(a, b))
///
/// where `h` is ``Configuration/parentChildCredit`` when one is the other's parent,
/// ``Configuration/siblingCredit`` when they share a parent or a group, and 0 otherwise; then
/// `s` below ``Configuration/minimumSimilarity`` counts as 0. `s(a, a) = 1`. With the defaults,
/// two siblings (PostgreSQL and MySQL under "database management systems") whose vectors have
/// cosine 0.6 score 0.6 · 0.6 + 0.4 · 0.75 = 0.66: a job asking for PostgreSQL gives a MySQL
/// holder about two thirds of the credit.
///
/// The top ``Configuration/neighbourCount`` related skills of every skill are precomputed at
/// construction (candidates: the vector neighbours plus parent, children and siblings), so
/// ``related(to:)`` is a lookup at query time.
public struct SkillSimilarity: Sendable {
    /// Weights of the formula and how many neighbours to keep, all validated.
    public struct Configuration: Sendable, Codable, Equatable {
        public var vectorWeight: Float
        public var hierarchyWeight: Float
        public var parentChildCredit: Float
        public var siblingCredit: Float
        /// Similarities below this count as 0 (no credit).
        public var minimumSimilarity: Float
        /// Related skills kept per skill.
        public var neighbourCount: Int
        /// Vector neighbours examined per skill before the hierarchy is added.
        public var vectorCandidates: Int

        public init(
            vectorWeight: Float = 0.6, hierarchyWeight: Float = 0.4, parentChildCredit: Float = 1, siblingCredit: Float = 0.75,
            minimumSimilarity: Float = 0.35, neighbourCount: Int = 10, vectorCandidates: Int = 50
        ) {
            self.vectorWeight = vectorWeight
            self.hierarchyWeight = hierarchyWeight
            self.parentChildCredit = parentChildCredit
            self.siblingCredit = siblingCredit
            self.minimumSimilarity = minimumSimilarity
            self.neighbourCount = neighbourCount
            self.vectorCandidates = vectorCandidates
        }

        public func validate() throws {
            for (name, value) in [("vectorWeight", vectorWeight), ("hierarchyWeight", hierarchyWeight),
                                  ("parentChildCredit", parentChildCredit), ("siblingCredit", siblingCredit),
                                  ("minimumSimilarity", minimumSimilarity)] {
                guard value.isFinite, (0...1).contains(value) else {
                    throw VectorsError(.invalidArgument, "\(name) must be in 0...1, got \(value)")
                }
            }
            guard (1...1000).contains(neighbourCount) else {
                throw VectorsError(.invalidArgument, "neighbourCount must be in 1...1000, got \(neighbourCount)")
            }
            guard (0...10_000).contains(vectorCandidates) else {
                throw VectorsError(.invalidArgument, "vectorCandidates must be in 0...10000, got \(vectorCandidates)")
            }
        }
    }

    public let configuration: Configuration
    public let vectors: SkillVectors
    private let parents: [[Int32]]
    private let children: [[Int32]]
    private let groupsOf: [[Int32]]
    private let groups: [[Int32]]
    private var neighbours: [[ScoredID]]

    /// Precomputes the related skills of every skill.
    ///
    /// - Parameters:
    ///   - hierarchy: `(child, parent)` edges between skills numbered like `vectors`' rows.
    ///   - groups: sets of skills sharing a group; members are siblings.
    ///   - precomputed: related lists from an earlier ``allRelated`` with the same inputs (a cache);
    ///     MUST hold one list per skill, else they are computed.
    public init(
        vectors: SkillVectors, hierarchy: [(child: Int32, parent: Int32)], groups: [[Int32]],
        configuration: Configuration = Configuration(), precomputed: [[ScoredID]]? = nil
    ) throws {
        try configuration.validate()
        let n = vectors.count
        func check(_ id: Int32, _ what: String) throws {
            guard id >= 0, Int(id) < n else { throw VectorsError(.rowOutOfRange, "\(what) names skill \(id), outside 0..<\(n)") }
        }
        var parents = [[Int32]](repeating: [], count: n), children = [[Int32]](repeating: [], count: n)
        for (index, edge) in hierarchy.enumerated() {
            try check(edge.child, "hierarchy edge \(index) (child)")
            try check(edge.parent, "hierarchy edge \(index) (parent)")
            guard edge.child != edge.parent else {
                throw VectorsError(.invalidArgument, "hierarchy edge \(index) makes skill \(edge.child) its own parent")
            }
            parents[Int(edge.child)].append(edge.parent)
            children[Int(edge.parent)].append(edge.child)
        }
        var groupsOf = [[Int32]](repeating: [], count: n)
        for (index, group) in groups.enumerated() {
            for id in group { try check(id, "group \(index)") }
            for id in Set(group) { groupsOf[Int(id)].append(Int32(index)) }
        }
        self.configuration = configuration
        self.vectors = vectors
        self.parents = parents
        self.children = children
        self.groupsOf = groupsOf
        self.groups = groups
        self.neighbours = []
        if let precomputed, precomputed.count == n {
            self.neighbours = precomputed
            return
        }
        let candidates = configuration.vectorCandidates > 0 && n > 1
            ? try vectors.allNeighbours(k: configuration.vectorCandidates) : [[ScoredID]](repeating: [], count: n)
        var all: [[ScoredID]] = []
        all.reserveCapacity(n)
        for skill in 0..<n {
            var pool = Set(candidates[skill].map(\.id))
            pool.formUnion(relatives(of: Int32(skill)))
            pool.remove(Int32(skill))
            var collector = TopKCollector(k: configuration.neighbourCount)
            for other in pool {
                let s = similarity(Int32(skill), other)
                if s > 0 { collector.push(id: other, score: s) }
            }
            all.append(collector.finish())
        }
        self.neighbours = all
    }

    /// `s(a, b)` from the formula above; 0 for skills out of range.
    public func similarity(_ a: Int32, _ b: Int32) -> Float {
        guard a >= 0, b >= 0, Int(a) < vectors.count, Int(b) < vectors.count else { return 0 }
        if a == b { return 1 }
        let cosine = (try? vectors.similarity(a, b)) ?? 0
        let s = min(1, configuration.vectorWeight * max(0, cosine) + configuration.hierarchyWeight * hierarchyCredit(a, b))
        return s >= configuration.minimumSimilarity ? s : 0
    }

    /// `h(a, b)`: parent–child, sibling or unrelated.
    public func hierarchyCredit(_ a: Int32, _ b: Int32) -> Float {
        let (pa, pb) = (parents[Int(a)], parents[Int(b)])
        if pa.contains(b) || pb.contains(a) { return configuration.parentChildCredit }
        if pa.contains(where: pb.contains) || groupsOf[Int(a)].contains(where: groupsOf[Int(b)].contains) {
            return configuration.siblingCredit
        }
        return 0
    }

    /// The precomputed related skills of `skill`, most similar first, each with `s ≥ minimum`;
    /// empty for a skill out of range.
    public func related(to skill: Int32) -> [ScoredID] {
        guard skill >= 0, Int(skill) < neighbours.count else { return [] }
        return neighbours[Int(skill)]
    }

    /// Every skill's precomputed related list (row `i` is skill `i`), to cache and pass back as `precomputed`.
    public var allRelated: [[ScoredID]] { neighbours }

    /// Parents, children and siblings (by parent or group) of `skill`.
    private func relatives(of skill: Int32) -> Set<Int32> {
        var result = Set(parents[Int(skill)])
        result.formUnion(children[Int(skill)])
        for parent in parents[Int(skill)] { result.formUnion(children[Int(parent)]) }
        for group in groupsOf[Int(skill)] { result.formUnion(groups[Int(group)]) }
        return result
    }
}
