// SPDX-License-Identifier: Apache-2.0
import Foundation
import SkillsEncoder
import SkillsTaxonomy
import SkillsVectors

/// Job title → occupation with the sentence encoder: the title's vector against each occupation's
/// title and alternate titles (the best of them) and its description:
/// score = (1 − ``descriptionWeight``) · best title cosine + ``descriptionWeight`` · description cosine
/// (the title cosine alone when an occupation has no description).
///
/// ```swift
/// let matcher = try SemanticOccupationMatcher(occupations: taxonomy.occupations, encoder: encoder, cacheDirectory: cache)
/// matcher.match("Junior Frontend Ninja")   // [15-1254.00 Web Developers, …]
/// ```
public struct SemanticOccupationMatcher: Sendable {
    public let occupations: [Occupation]
    public let encoder: SentenceEncoder
    /// Weight of the description cosine (0…1).
    public let descriptionWeight: Double
    /// Rows: per occupation its title, then its alternate titles.
    public let titleVectors: LabelEmbeddings
    /// One row per occupation (an empty description is encoded as the title).
    public let descriptionVectors: LabelEmbeddings
    private let rowStart: [Int]
    private let hasDescription: [Bool]

    /// The title list the vectors are made of: per occupation its title, then its alternate titles.
    public static func titles(of occupations: [Occupation]) -> [String] {
        occupations.flatMap { [$0.title] + $0.alternateTitles }
    }

    /// Encodes (or reads from `cacheDirectory`) the occupations' titles and descriptions.
    /// - Throws: ``SemanticError`` for a weight outside 0…1, `EncoderError` from the encoder or cache.
    public init(occupations: [Occupation], encoder: SentenceEncoder, cacheDirectory: URL, descriptionWeight: Double = 0.2) throws {
        guard descriptionWeight.isFinite, (0...1).contains(descriptionWeight) else {
            throw SemanticError.invalidOption("descriptionWeight must be within 0...1, got \(descriptionWeight)")
        }
        self.occupations = occupations
        self.encoder = encoder
        self.descriptionWeight = descriptionWeight
        titleVectors = try LabelEmbeddings.cached(labels: Self.titles(of: occupations), encoder: encoder, directory: cacheDirectory)
        descriptionVectors = try LabelEmbeddings.cached(
            labels: occupations.map { $0.description.isEmpty ? $0.title : $0.description }, encoder: encoder,
            directory: cacheDirectory)
        var starts = [0]
        for o in occupations { starts.append(starts[starts.count - 1] + 1 + o.alternateTitles.count) }
        rowStart = starts
        hasDescription = occupations.map { !$0.description.isEmpty }
    }

    /// The best `limit` occupations for one title, best first.
    public func match(_ title: String, limit: Int = 10) throws -> [OccupationMatch] {
        try match([title], limit: limit)[0]
    }

    /// The best `limit` occupations for each title (encoded in batches).
    public func match(_ titles: [String], limit: Int = 10) throws -> [[OccupationMatch]] {
        let d = encoder.dimension
        let queries = try encoder.encodeFlat(titles)
        return (0..<titles.count).map { q in
            let query = Array(queries[q * d..<(q + 1) * d])
            let scores = self.scores(query, descriptionWeight: descriptionWeight)
            return ranked(scores, limit: limit).map { OccupationMatch(occupations, $0, score: scores[$0]) }
        }
    }

    /// Score of every occupation for one query vector, with `descriptionWeight` (for calibration).
    public func scores(_ query: [Float], descriptionWeight: Double) -> [Double] {
        let titleCosines = cosines(query, titleVectors)
        let descriptionCosines = cosines(query, descriptionVectors)
        return occupations.indices.map { o in
            var best = titleCosines[rowStart[o]]
            for row in rowStart[o]..<rowStart[o + 1] { best = max(best, titleCosines[row]) }
            guard hasDescription[o] else { return Double(best) }
            return (1 - descriptionWeight) * Double(best) + descriptionWeight * Double(descriptionCosines[o])
        }
    }

    private func cosines(_ query: [Float], _ embeddings: LabelEmbeddings) -> [Float] {
        var out = [Float](repeating: 0, count: embeddings.labels.count)
        guard !out.isEmpty else { return out }
        embeddings.vectors.withUnsafeBufferPointer { a in
            query.withUnsafeBufferPointer { x in
                out.withUnsafeMutableBufferPointer { y in
                    BLAS.sgemv(m: embeddings.labels.count, n: embeddings.dimension, a: a.baseAddress!, lda: embeddings.dimension,
                               x: x.baseAddress!, y: y.baseAddress!)
                }
            }
        }
        return out
    }
}
