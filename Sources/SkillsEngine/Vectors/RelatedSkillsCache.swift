import Foundation
import SkillsCore
import SkillsVectors

/// The precomputed related-skill lists of a ``SkillSimilarity`` in a file (computing them takes
/// seconds on the shipped taxonomy, reading them milliseconds).
///
/// Stored as a ``VectorMatrixFile`` of `skills × 2·neighbourCount` floats: (skill number, similarity)
/// pairs, unused pairs `(-1, 0)`; skill numbers are below 2²⁴, so a float holds them exactly.
enum RelatedSkillsCache {
    static func read(_ url: URL, key: String, skillCount: Int, neighbourCount: Int) -> [[ScoredID]]? {
        guard let matrix = VectorMatrixFile.read(url, key: key), matrix.count == skillCount, matrix.dimension == 2 * neighbourCount else {
            return nil
        }
        return matrix.withUnsafeBufferPointer { values in
            (0..<skillCount).map { row in
                stride(from: 0, to: 2 * neighbourCount, by: 2).compactMap { column -> ScoredID? in
                    let id = values[row * 2 * neighbourCount + column]
                    return id >= 0 ? ScoredID(id: Int32(id), score: values[row * 2 * neighbourCount + column + 1]) : nil
                }
            }
        }
    }

    static func write(_ related: [[ScoredID]], key: String, neighbourCount: Int, to url: URL) throws {
        precondition(related.count < 1 << 24, "skill numbers must fit a float exactly")
        var values = [Float](repeating: 0, count: related.count * 2 * neighbourCount)
        for (row, list) in related.enumerated() {
            for column in 0..<neighbourCount {
                let base = row * 2 * neighbourCount + 2 * column
                if column < list.count {
                    values[base] = Float(list[column].id)
                    values[base + 1] = list[column].score
                } else {
                    values[base] = -1
                }
            }
        }
        try VectorMatrixFile.write(try VectorMatrix(dimension: 2 * neighbourCount, values: values), key: key, to: url)
    }
}
