// SPDX-License-Identifier: Apache-2.0
import SkillsTaxonomy

/// Typed configuration of a ``SemanticSkillExtractor``. Defaults are the values calibrated on the
/// validation sets of the skill-extraction benchmark (see `Documentation/EXTRACTION.md`);
/// ``validate()`` rejects values out of range with the option's name.
public struct SemanticExtractionOptions: Sendable, Hashable {
    /// Which candidate phrases a text is cut into.
    public var splitter: CandidateSplitter
    /// Score a phrase must reach for a skill (−1…1): its best label cosine, blended with the
    /// sentence by ``contextWeight``.
    public var minimumSimilarity: Float
    /// A hit is kept only within this cosine distance of the best hit of its sentence (0…2; 2 = off).
    public var margin: Float
    /// At most this many semantic skills per sentence (1…64).
    public var maximumPerSentence: Int
    /// At most this many skills per candidate phrase (1…``SemanticSkillExtractor/keptPerCandidate``).
    public var maximumPerCandidate: Int
    /// Also compare against alternative labels (else preferred labels only).
    public var alternativeLabels: Bool
    /// Skill types semantic hits may have. Technology names are left to the lexical extractor by
    /// default: product names are exact strings, and near misses ("Apache Spark" for "spark") are noise.
    public var types: Set<SkillType>
    /// Semantic confidence = cosine × this (0…1); below the lexical threshold, so merged lists
    /// rank lexical hits first.
    public var confidenceScale: Double
    /// What to do with candidate phrases that lexical hits already explain (merged extraction).
    public var lexicalSpans: LexicalSpanRule
    /// Weight w of the sentence in a hit's score (0…1): score = (1 − w − c) · cosine(phrase, label) +
    /// w · cosine(sentence, skill's context sentence) + c · label coverage − single-word penalty, so
    /// a phrase's reading that fits its sentence wins. 0 = no sentence is encoded.
    public var contextWeight: Float
    /// Weight c of ``LabelCoverage`` (the share of the label's rare words the sentence spells out)
    /// in a hit's score (0…1; `contextWeight + coverageWeight` ≤ 1).
    public var coverageWeight: Float
    /// Subtracted from the score of a one-word candidate (0…1): lone generic words ("tools",
    /// "Industry") come close to many labels and are the commonest false hits.
    public var singleWordPenalty: Float

    /// How lexical mentions shadow candidate phrases in merged extraction.
    public enum LexicalSpanRule: String, Sendable, Hashable, CaseIterable {
        /// Candidates are scored whatever the lexical extractor found.
        case ignore
        /// A candidate lying inside a lexical mention's span is skipped.
        case skipContained
        /// A candidate overlapping any lexical mention is skipped.
        case skipOverlapping
    }

    public init(
        splitter: CandidateSplitter = CandidateSplitter(ngramWords: 1...6),
        minimumSimilarity: Float = 0.54, margin: Float = 0.03, maximumPerSentence: Int = 3, maximumPerCandidate: Int = 1,
        alternativeLabels: Bool = false, types: Set<SkillType> = [.skill, .knowledge], confidenceScale: Double = 0.66,
        lexicalSpans: LexicalSpanRule = .skipContained, contextWeight: Float = 0.29, coverageWeight: Float = 0.14,
        singleWordPenalty: Float = 0.09
    ) {
        self.splitter = splitter
        self.minimumSimilarity = minimumSimilarity
        self.margin = margin
        self.maximumPerSentence = maximumPerSentence
        self.maximumPerCandidate = maximumPerCandidate
        self.alternativeLabels = alternativeLabels
        self.types = types
        self.confidenceScale = confidenceScale
        self.lexicalSpans = lexicalSpans
        self.contextWeight = contextWeight
        self.coverageWeight = coverageWeight
        self.singleWordPenalty = singleWordPenalty
    }

    /// Throws ``SemanticError`` naming the first invalid option.
    public func validate() throws {
        func bad(_ message: String) -> SemanticError { .invalidOption(message) }
        guard minimumSimilarity.isFinite, (-1...1).contains(minimumSimilarity) else {
            throw bad("minimumSimilarity must be within -1...1, got \(minimumSimilarity)")
        }
        guard margin.isFinite, (0...2).contains(margin) else { throw bad("margin must be within 0...2, got \(margin)") }
        guard (1...64).contains(maximumPerSentence) else {
            throw bad("maximumPerSentence must be within 1...64, got \(maximumPerSentence)")
        }
        guard (1...SemanticSkillExtractor.keptPerCandidate).contains(maximumPerCandidate) else {
            throw bad("maximumPerCandidate must be within 1...\(SemanticSkillExtractor.keptPerCandidate), got \(maximumPerCandidate)")
        }
        guard confidenceScale.isFinite, (0...1).contains(confidenceScale) else {
            throw bad("confidenceScale must be within 0...1, got \(confidenceScale)")
        }
        guard contextWeight.isFinite, (0...1).contains(contextWeight) else {
            throw bad("contextWeight must be within 0...1, got \(contextWeight)")
        }
        guard coverageWeight.isFinite, (0...1).contains(coverageWeight), contextWeight + coverageWeight <= 1 else {
            throw bad("coverageWeight must be within 0...1 and contextWeight + coverageWeight at most 1, got \(coverageWeight)")
        }
        guard singleWordPenalty.isFinite, (0...1).contains(singleWordPenalty) else {
            throw bad("singleWordPenalty must be within 0...1, got \(singleWordPenalty)")
        }
        guard !types.isEmpty else { throw bad("types must name at least one skill type") }
        let words = splitter.ngramWords
        guard words.lowerBound >= 1, words.upperBound <= 12 else {
            throw bad("ngramWords must lie within 1...12, got \(words)")
        }
        guard (2...64).contains(splitter.maximumClauseWords), (2...256).contains(splitter.maximumSentenceWords) else {
            throw bad("maximumClauseWords must be within 2...64 and maximumSentenceWords within 2...256")
        }
    }
}
