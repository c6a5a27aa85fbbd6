import SkillsCore
import SkillsVectors

/// A kind's entity vectors frozen for search: the blocked BLAS scan over the contiguous matrix.
struct KindVectorIndex: Sendable {
    let index: FlatVectorIndex
    /// Row → document (slot).
    let documents: [Int32]

    init(_ vectors: KindVectors) {
        // The default `sdot` kernel: with 128-d entity vectors it measured 16.5 ms median per
        // candidate→jobs query at 100k jobs against 27–30 ms for `sgemv` (loaded machine, see
        // Documentation/VECTORS.md). The matrix is valid and the block size in range: cannot throw.
        index = try! FlatVectorIndex(vectors: vectors.matrix)
        documents = vectors.documents
    }
}

extension IndexSnapshot {
    /// Length of the entity vectors; `nil` when the index holds none.
    public var vectorDimension: Int? { entityVectors?.skills.dimension }

    /// The unit (or zero) vector of document `doc`; `nil` without vectors or for a tombstone.
    public func vector(of doc: Int32) -> [Float]? {
        guard let (kind, row) = vectorLocation(doc) else { return nil }
        return try? vectors[kind].index.vectors.row(row)
    }

    /// The vector of a profile that is not a document (a goal's missing skills, a query).
    public func vector(for profile: SkillProfile) -> [Float]? { entityVectors?.vector(of: profile) }

    /// Cosine of two documents' vectors (both unit or zero, so a dot product); `nil` when either has none.
    public func cosine(_ a: Int32, _ b: Int32) -> Float? {
        guard let (ka, ra) = vectorLocation(a), let (kb, rb) = vectorLocation(b) else { return nil }
        let d = vectors[ka].index.dimension
        return vectors[ka].index.vectors.withUnsafeBufferPointer { x in
            vectors[kb].index.vectors.withUnsafeBufferPointer { y in
                BLAS.sdot(d, x.baseAddress! + Int(ra) * d, y.baseAddress! + Int(rb) * d)
            }
        }
    }

    /// Cosine of a unit query vector with document `doc`'s vector; `nil` when it has none.
    public func cosine(_ query: [Float], _ doc: Int32) -> Float? {
        guard let (kind, row) = vectorLocation(doc), query.count == vectors[kind].index.dimension else { return nil }
        let d = query.count
        return vectors[kind].index.vectors.withUnsafeBufferPointer { x in
            query.withUnsafeBufferPointer { q in BLAS.sdot(d, x.baseAddress! + Int(row) * d, q.baseAddress!) }
        }
    }

    /// Dense candidate generation: the `count` live documents of `kind` passing `filters` whose
    /// vectors have the highest inner product with `query`, best first (ties on the lower document).
    ///
    /// The blocked BLAS scan (``FlatVectorIndex/search(query:k:deadline:where:)``) scores every row
    /// of the kind's matrix block by block and asks the filter (and whether the row is live) only for
    /// rows that would enter the current top `count`: evaluating a geo or date filter for every row
    /// first cost more than the scan itself (see Documentation/VECTORS.md). Empty without vectors,
    /// for an empty kind, or for a zero query.
    ///
    /// - Throws: ``IndexError`` for `count` outside `1...100_000`, a query of the wrong length, or
    ///   invalid filters.
    /// - Complexity: O(rows of `kind` · dimension) for the scan plus the filter calls of admitted rows.
    public func denseCandidates(
        _ query: [Float], in kind: EntityKind, filters: FilterSet = FilterSet(), count: Int
    ) throws(IndexError) -> [ScoredID] {
        if !(1...100_000).contains(count) { throw .invalidLimit(count, maximum: 100_000) }
        try filters.validate(targetKind: kind)
        guard !vectors.isEmpty else { return [] }
        let part = vectors[Self.ordinal(kind)]
        guard query.count == part.index.dimension else {
            throw IndexError(code: .invalidFilter, message: "query vector has \(query.count) components, expected \(part.index.dimension)")
        }
        guard part.index.count > 0, query.contains(where: { $0 != 0 }) else { return [] }
        let hits: [ScoredID]
        do {
            hits = filters.isEmpty
                ? try Self.dense(part, query, count, vectorRows, AcceptAll()) : try Self.dense(part, query, count, vectorRows, compile(filters))
        } catch {
            // Only a wrong query length or k can fail, both checked above.
            throw IndexError(code: .invalidFilter, message: "dense scan failed: \(error)")
        }
        return hits.map { ScoredID(id: part.documents[Int($0.id)], score: $0.score) }
    }

    /// The blocked scan with the filter asked lazily: only for rows that would enter the top `count`
    /// (live rows only: a replaced or deleted entity's old row is skipped).
    private static func dense<F: DocumentFilter>(
        _ part: KindVectorIndex, _ query: [Float], _ count: Int, _ vectorRows: [Int32], _ filter: F
    ) throws -> [ScoredID] {
        try part.index.search(query: query, k: count) { row in
            let doc = part.documents[Int(row)]
            return vectorRows[Int(doc)] == row && filter.accepts(doc)
        }
    }

    /// The kind ordinal and row of a live document's vector.
    private func vectorLocation(_ doc: Int32) -> (Int, Int32)? {
        guard !vectorRows.isEmpty, doc >= 0, Int(doc) < vectorRows.count, vectorRows[Int(doc)] >= 0,
            let kind = attributes[Int(doc)]?.kind
        else { return nil }
        return (Self.ordinal(kind), vectorRows[Int(doc)])
    }
}
