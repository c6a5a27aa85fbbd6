// SPDX-License-Identifier: Apache-2.0
import Foundation
import SkillsEncoder
import SkillsTaxonomy

/// Encoder vectors of every label of every skill: for each skill in taxonomy order its preferred
/// label, then its alternative labels. Labels of one skill are contiguous rows, so a skill's score
/// against a phrase is the maximum over its row range.
///
/// The label list is ``labels(of:)``; building through ``LabelEmbeddings/cached(labels:encoder:directory:)``
/// with it shares the cache file with anything else that encodes the same list (the engine's skill
/// vectors do).
public struct SkillLabelVectors: Sendable {
    /// Rows of every label (`labelCount × dimension`, L2-normalised).
    public let embeddings: LabelEmbeddings
    /// Skill `s` owns rows `rowStart[s] ..< rowStart[s + 1]`; the first of them is its preferred label.
    public let rowStart: [Int]

    public var skillCount: Int { rowStart.count - 1 }
    public var dimension: Int { embeddings.dimension }

    /// Every label of `skills`: per skill its preferred label, then its alternative labels.
    public static func labels(of skills: [Skill]) -> [String] {
        skills.flatMap { [$0.label] + $0.altLabels }
    }

    /// Wraps vectors made for ``labels(of:)`` of `skills`; throws `mismatchedVectors` otherwise.
    public init(skills: [Skill], embeddings: LabelEmbeddings) throws {
        var starts = [0]
        starts.reserveCapacity(skills.count + 1)
        for skill in skills { starts.append(starts[starts.count - 1] + 1 + skill.altLabels.count) }
        guard embeddings.labels.count == starts[starts.count - 1] else {
            throw SemanticError.mismatchedVectors(
                "label vectors hold \(embeddings.labels.count) labels, the \(skills.count) skills have \(starts.last ?? 0)")
        }
        for (s, skill) in skills.enumerated() where embeddings.labels[starts[s]] != skill.label {
            throw SemanticError.mismatchedVectors("label vector \(starts[s]) is \"\(embeddings.labels[starts[s]])\", expected \"\(skill.label)\"")
        }
        self.embeddings = embeddings
        self.rowStart = starts
    }

    /// Encodes (or reads from `cacheDirectory`) the labels of `skills`.
    ///
    /// - Complexity: the first call encodes every label (about 105,000 for the shipped taxonomy:
    ///   minutes on one core); later calls read the cache file (~160 MB) in about a second.
    public init(skills: [Skill], encoder: SentenceEncoder, cacheDirectory: URL) throws {
        let embeddings = try LabelEmbeddings.cached(labels: Self.labels(of: skills), encoder: encoder, directory: cacheDirectory)
        try self.init(skills: skills, embeddings: embeddings)
    }
}
