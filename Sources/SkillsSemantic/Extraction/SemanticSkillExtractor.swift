// SPDX-License-Identifier: Apache-2.0
import SkillsCore
import SkillsEncoder
import SkillsTaxonomy
import SkillsVectors

/// Finds skills a text talks about without naming them: candidate phrases of the text are encoded
/// and compared with the vectors of every skill label; a skill is reported for a sentence when a
/// phrase comes close enough to one of its labels.
///
/// ```swift
/// let vectors = try SkillLabelVectors(skills: taxonomy.skills, encoder: encoder, cacheDirectory: cache)
/// let semantic = try SemanticSkillExtractor(skills: taxonomy.skills, vectors: vectors, encoder: encoder)
/// let skills = try semantic.extract(text, mergingWith: lexical.extract(text))   // lexical hits keep priority
/// ```
///
/// Per sentence: every candidate gets its best skills by centred cosine against their labels
/// (``SemanticSpace``), re-weighed with the sentence — its cosine to the skill's context sentence
/// (``SemanticExtractionOptions/contextWeight``) and how much of the label it spells out
/// (``LabelCoverage``, ``SemanticExtractionOptions/coverageWeight``) — less
/// ``SemanticExtractionOptions/singleWordPenalty`` for one-word candidates. A skill's score in the
/// sentence is its best candidate's; hits below ``SemanticExtractionOptions/minimumSimilarity`` or
/// further than ``SemanticExtractionOptions/margin`` below the sentence's best are dropped and the
/// best ``SemanticExtractionOptions/maximumPerSentence`` stay. A skill found in several sentences
/// keeps its best score and all its spans. Results have `method == .semantic` and confidence =
/// score × ``SemanticExtractionOptions/confidenceScale``.
///
/// Encoding dominates the cost (one forward pass per distinct candidate — 19 per sentence on
/// average over the extraction benchmark's job-ad sentences with the default 1–6-word n-grams — and
/// one per sentence); the label comparison is one `sgemm` per 32 candidates over the label rows.
public struct SemanticSkillExtractor: Sendable {
    /// How many skills are kept per candidate phrase (by phrase cosine) before the sentence re-weighs them.
    public static let keptPerCandidate = 32

    public let options: SemanticExtractionOptions
    public let encoder: SentenceEncoder
    public let vectors: SkillLabelVectors
    private let space: SemanticSpace
    private let coverage: LabelCoverage
    private let skills: [Skill]
    private let allowed: [Bool]

    /// - Parameters:
    ///   - skills: the skill list `vectors` was made for (positions are the ``SkillIndex`` values).
    /// - Throws: ``SemanticError`` for invalid options or vectors of another label list or model.
    public init(
        skills: [Skill], vectors: SkillLabelVectors, encoder: SentenceEncoder,
        options: SemanticExtractionOptions = SemanticExtractionOptions()
    ) throws {
        try options.validate()
        guard vectors.skillCount == skills.count else {
            throw SemanticError.mismatchedVectors("label vectors are for \(vectors.skillCount) skills, got \(skills.count)")
        }
        guard vectors.embeddings.modelHash == encoder.modelHash, vectors.dimension == encoder.dimension else {
            throw SemanticError.mismatchedVectors(
                "label vectors were made by model \(vectors.embeddings.modelHash), the encoder is \(encoder.modelHash)")
        }
        self.options = options
        self.encoder = encoder
        self.vectors = vectors
        self.space = SemanticSpace(vectors: vectors, alternativeLabels: options.alternativeLabels)
        self.coverage = LabelCoverage(skills: skills)
        self.skills = skills.map { Skill(id: $0.id, label: $0.label, type: $0.type) }
        self.allowed = skills.map { options.types.contains($0.type) }
    }

    /// What a hit's score takes from the sentence around its candidate.
    public struct SentenceContext: Sendable {
        /// The sentence's centred vector (empty when the context weight is 0: nothing is encoded).
        public var vector: [Float]
        /// ``LabelCoverage/words(_:)`` of the sentence.
        public var words: Set<String>
    }

    /// Semantic hits in `text`, highest confidence first.
    public func extract(_ text: String) throws -> [ExtractedSkill] {
        try extract(text, lexical: [])
    }

    /// Lexical hits of `text` with the semantic hits merged in (lexical entries keep priority:
    /// their confidence and their place; candidates inside a lexical mention are skipped as
    /// ``SemanticExtractionOptions/lexicalSpans`` says).
    public func extract(_ text: String, mergingWith lexical: [ExtractedSkill]) throws -> [ExtractedSkill] {
        lexical.merged(withSemantic: try extract(text, lexical: lexical))
    }

    private func extract(_ text: String, lexical: [ExtractedSkill]) throws -> [ExtractedSkill] {
        let candidates = candidates(of: text, lexical: lexical)
        guard !candidates.isEmpty else { return [] }
        let scores = score(try encoder.encodeFlat(candidates.map(\.text)), count: candidates.count)
        let sentences = options.splitter.sentenceContexts(text).map(\.text)
        return select(candidates, scores: weighed(scores, of: candidates, contexts: try contexts(sentences)))
    }

    /// The contexts of `sentences` (the texts of `options.splitter.sentenceContexts`): their words,
    /// and their centred vectors when `options.contextWeight` > 0.
    public func contexts(_ sentences: [String], options: SemanticExtractionOptions? = nil) throws -> [SentenceContext] {
        let options = options ?? self.options
        var vectors = [[Float]](repeating: [], count: sentences.count)
        if options.contextWeight > 0, !sentences.isEmpty {
            let d = space.dimension
            let flat = space.centredTexts(try encoder.encodeFlat(sentences))
            vectors = sentences.indices.map { Array(flat[$0 * d..<($0 + 1) * d]) }
        }
        return zip(sentences, vectors).map { SentenceContext(vector: $1, words: Set(LabelCoverage.words($0))) }
    }

    /// Scores with the sentence blended in: (1 − w − c) · phrase cosine + w · cosine of the
    /// candidate's sentence (`contexts[candidate.sentence]`) with the skill's context sentence +
    /// c · label coverage of that sentence − the single-word penalty; each candidate's hits re-sorted.
    public func weighed(
        _ scores: [[ScoredID]], of candidates: [CandidatePhrase], contexts: [SentenceContext], options: SemanticExtractionOptions? = nil
    ) -> [[ScoredID]] {
        let options = options ?? self.options
        let w = options.contextWeight, c = options.coverageWeight
        return zip(candidates, scores).map { candidate, hits in
            let context = contexts[candidate.sentence]
            let penalty = candidate.words == 1 ? options.singleWordPenalty : 0
            return hits.map { hit in
                var score = (1 - w - c) * hit.score - penalty
                if w > 0 { score += w * context.vector.withUnsafeBufferPointer { space.contextCosine(skill: Int(hit.id), $0.baseAddress!) } }
                if c > 0 { score += c * coverage.coverage(skill: Int(hit.id), sentenceWords: context.words) }
                return ScoredID(id: hit.id, score: score)
            }.sorted(by: ScoredID.ranksBefore)
        }
    }

    /// The candidate phrases of `text` that are scored: the splitter's, minus those the lexical
    /// mentions shadow.
    public func candidates(of text: String, lexical: [ExtractedSkill] = [], options: SemanticExtractionOptions? = nil) -> [CandidatePhrase] {
        let options = options ?? self.options
        let candidates = options.splitter.split(text)
        let spans = lexical.flatMap(\.spans)
        guard !spans.isEmpty else { return candidates }
        switch options.lexicalSpans {
        case .ignore: return candidates
        case .skipContained:
            return candidates.filter { c in !spans.contains { $0.lowerBound <= c.span.lowerBound && c.span.upperBound <= $0.upperBound } }
        case .skipOverlapping:
            return candidates.filter { c in !spans.contains { $0.overlaps(c.span) } }
        }
    }

    /// The best ``keptPerCandidate`` skills of each of `count` phrase vectors (row-major in
    /// `phraseVectors`, as the encoder returns them), by centred cosine against each skill's labels
    /// (preferred only unless `options.alternativeLabels`), among the allowed types.
    public func score(_ phraseVectors: [Float], count: Int) -> [[ScoredID]] {
        let d = space.dimension
        precondition(phraseVectors.count == count * d, "score needs count × dimension floats")
        let centred = space.centredTexts(phraseVectors)
        let labelRows = space.labelRows
        let chunk = 32
        var similarities = [Float](repeating: 0, count: chunk * labelRows)
        var result: [[ScoredID]] = []
        result.reserveCapacity(count)
        let rowStart = space.rowStart
        centred.withUnsafeBufferPointer { phrases in
            space.labels.withUnsafeBufferPointer { labels in
                similarities.withUnsafeMutableBufferPointer { sims in
                    for start in stride(from: 0, to: count, by: chunk) {
                        let m = min(chunk, count - start)
                        // Why one sgemm over every label row: 32 phrases against 22k–105k rows is
                        // compute bound, where per-phrase sgemv would be memory bound.
                        BLAS.sgemm(
                            transposeB: true, m: m, n: labelRows, k: d, a: phrases.baseAddress! + start * d, lda: d,
                            b: labels.baseAddress!, ldb: d, c: sims.baseAddress!, ldc: labelRows)
                        for r in 0..<m {
                            let row = sims.baseAddress! + r * labelRows
                            var top = TopKCollector(k: Self.keptPerCandidate)
                            for s in 0..<skills.count where allowed[s] {
                                var best = row[rowStart[s]]
                                for j in (rowStart[s] + 1)..<max(rowStart[s] + 1, rowStart[s + 1]) where row[j] > best { best = row[j] }
                                if best >= top.threshold { top.push(id: Int32(s), score: best) }
                            }
                            result.append(top.finish())
                        }
                    }
                }
            }
        }
        return result
    }

    /// Turns scored candidates into hits with `options` (default: the extractor's): per sentence the
    /// best skills above the threshold and within the margin, then merged across sentences.
    public func select(_ candidates: [CandidatePhrase], scores: [[ScoredID]], options: SemanticExtractionOptions? = nil) -> [ExtractedSkill] {
        let options = options ?? self.options
        precondition(candidates.count == scores.count, "one score list per candidate")
        var bySentence: [Int: [SkillIndex: (score: Float, span: Range<Int>)]] = [:]
        for (candidate, hits) in zip(candidates, scores) {
            for hit in hits.prefix(options.maximumPerCandidate) where hit.score >= options.minimumSimilarity {
                let previous = bySentence[candidate.sentence]?[hit.id]
                if previous == nil || hit.score > previous!.score {
                    bySentence[candidate.sentence, default: [:]][hit.id] = (hit.score, candidate.span)
                }
            }
        }
        var found: [SkillIndex: ExtractedSkill] = [:]
        for sentence in bySentence.keys.sorted() {
            let hits = bySentence[sentence]!.sorted { ($0.value.score, $1.key) > ($1.value.score, $0.key) }
            guard let best = hits.first?.value.score else { continue }
            for (skill, hit) in hits.prefix(options.maximumPerSentence) where hit.score >= best - options.margin {
                let confidence = Double(hit.score) * options.confidenceScale
                if var known = found[skill] {
                    known.confidence = max(known.confidence, confidence)
                    if !known.spans.contains(hit.span) { known.spans.append(hit.span) }
                    found[skill] = known
                } else {
                    let s = skills[Int(skill)]
                    found[skill] = ExtractedSkill(
                        skill: skill, id: s.id, label: s.label, type: s.type, confidence: confidence, spans: [hit.span],
                        method: .semantic)
                }
            }
        }
        return found.values.map { hit in
            var hit = hit
            hit.spans.sort { $0.lowerBound < $1.lowerBound }
            return hit
        }.sorted { ($0.confidence, $1.skill) > ($1.confidence, $0.skill) }
    }
}
