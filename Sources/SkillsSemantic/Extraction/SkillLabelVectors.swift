// SPDX-License-Identifier: Apache-2.0
import Foundation
import SkillsEncoder
import SkillsTaxonomy

/// Encoder vectors of every label of every skill: for each skill in taxonomy order its preferred
/// label, then its alternative labels. Labels of one skill are contiguous rows, so a skill's score
/// against a phrase is the maximum over its row range. Besides, one context sentence per skill
/// (``contextSentence(for:)``), which whole sentences of a text are compared with.
///
/// The label list is ``labels(of:)``; building through ``LabelEmbeddings/cached(labels:encoder:directory:)``
/// with it shares the cache file with anything else that encodes the same list (the engine's skill
/// vectors do).
public struct SkillLabelVectors: Sendable {
    /// Rows of every label (`labelCount × dimension`, L2-normalised).
    public let embeddings: LabelEmbeddings
    /// Skill `s` owns rows `rowStart[s] ..< rowStart[s + 1]`; the first of them is its preferred label.
    public let rowStart: [Int]

    /// Vectors of ``contextSentence(for:)`` of every skill, in taxonomy order.
    public let contexts: LabelEmbeddings

    public var skillCount: Int { rowStart.count - 1 }
    public var dimension: Int { embeddings.dimension }

    /// Every label of `skills`: per skill its preferred label, then its alternative labels.
    public static func labels(of skills: [Skill]) -> [String] {
        skills.flatMap { [$0.label] + $0.altLabels }
    }

    /// A sentence naming the skill the way a job ad would, e.g. "The job requires skills in SQL.".
    ///
    /// Why: a sentence is closer to a sentence than to a bare two-word label, so comparing a text's
    /// sentences with these ranks the skills they describe better than comparing with labels.
    public static func contextSentence(for skill: Skill) -> String {
        "The job requires skills in \(skill.label)."
    }

    /// Wraps vectors made for ``labels(of:)`` and for ``contextSentence(for:)`` of `skills`; throws
    /// `mismatchedVectors` otherwise.
    public init(skills: [Skill], embeddings: LabelEmbeddings, contexts: LabelEmbeddings) throws {
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
        guard contexts.labels == skills.map(Self.contextSentence(for:)), contexts.modelHash == embeddings.modelHash,
            contexts.dimension == embeddings.dimension
        else {
            throw SemanticError.mismatchedVectors("context vectors are not those of the \(skills.count) skills' context sentences")
        }
        self.embeddings = embeddings
        self.contexts = contexts
        self.rowStart = starts
    }

    /// Encodes (or reads from `cacheDirectory`) the labels and context sentences of `skills`.
    ///
    /// - Complexity: the first call encodes every label (about 105,000 for the shipped taxonomy:
    ///   minutes on one core) and one sentence per skill (22,187); later calls read the two cache
    ///   files (~160 MB and ~34 MB) in about a second.
    public init(skills: [Skill], encoder: SentenceEncoder, cacheDirectory: URL) throws {
        let embeddings = try LabelEmbeddings.cached(labels: Self.labels(of: skills), encoder: encoder, directory: cacheDirectory)
        let contexts = try LabelEmbeddings.cached(
            labels: skills.map(Self.contextSentence(for:)), encoder: encoder, directory: cacheDirectory)
        try self.init(skills: skills, embeddings: embeddings, contexts: contexts)
    }
}
