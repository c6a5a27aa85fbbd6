import Foundation
import SkillsCore

/// Postings and statistics of the live documents of one entity kind.
///
/// Kinds are indexed apart because every search targets one kind: a candidate→jobs query never
/// walks candidate postings, and IDFs describe the collection being searched.
struct KindPartition: Sendable {
    var liveCount = 0
    /// Indexed by skill.
    var skillPostings: [PostingList]
    /// BM25-style IDF of each skill within this kind.
    var skillIDF: [Float]
    /// Indexed by term id.
    var textPostings: [PostingList]
    var textIDF: [Float]
    var averageTitleLength: Float = 0
    var averageBodyLength: Float = 0

    /// BM25 IDF, `ln(1 + (N − df + 0.5) / (df + 0.5))`: always positive.
    static func idf(documents: Int, frequency: Int) -> Float {
        Float(log(1 + (Double(documents) - Double(frequency) + 0.5) / (Double(frequency) + 0.5)))
    }
}
