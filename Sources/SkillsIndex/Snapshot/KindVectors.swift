import SkillsCore
import SkillsVectors

/// The entity vectors of one kind, one contiguous float32 matrix: row `r` is document `documents[r]`.
///
/// Rows are appended as entities arrive and never move, like slots: a replaced or deleted entity
/// leaves a dead row that scans skip (its slot is a tombstone). A snapshot shares the writer's
/// matrix copy-on-write, so freezing costs nothing until the writer appends again.
struct KindVectors: Sendable {
    private(set) var matrix: VectorMatrix
    /// Row → document (slot).
    private(set) var documents: [Int32] = []

    init(dimension: Int) {
        // Dimension ≥ 1 is guaranteed by the skill vectors it comes from.
        matrix = try! VectorMatrix(dimension: dimension)
    }

    /// A kind's restored vectors: `values` holds one row of `dimension` per entry of `documents`.
    init(dimension: Int, values: [Float], documents: [Int32]) throws(IndexError) {
        guard values.count == documents.count * dimension else {
            throw .invalidSnapshot("\(values.count) vector values for \(documents.count) rows of \(dimension)")
        }
        do { matrix = try VectorMatrix(dimension: dimension, values: values) } catch {
            throw .invalidSnapshot("entity vectors: \(error)")
        }
        self.documents = documents
    }

    /// Appends a row of `dimension` finite values (checked by the writer) and returns its number.
    mutating func append(_ vector: [Float], document: Int32) -> Int32 {
        documents.append(document)
        return try! matrix.append(vector)
    }
}

extension EntityVectorBuilder {
    /// The vector of `profile` (skills weighted by their profile weight, summed, normalised); the
    /// zero vector when the profile has no skill with a vector.
    ///
    /// The profile's skills MUST be rows of the skill vectors (the index writer checks them first).
    public func vector(of profile: SkillProfile) -> [Float] {
        (try? vector(profile: profile.entries.map { ($0.skill, $0.weight) })) ?? [Float](repeating: 0, count: skills.dimension)
    }
}
