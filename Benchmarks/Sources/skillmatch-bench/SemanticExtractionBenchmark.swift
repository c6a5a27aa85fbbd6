// Semantic extraction benchmark (`skillmatch-bench semantic-extraction`): lexical, semantic and
// merged skill extraction side by side on ../shared/data/eval/skill-extraction.
//
// What's measured: micro precision and recall over ESCO predictions and mean R-Precision@5
// (skills ranked by confidence) against the gold ESCO labels of each sentence — the scoring of
// `skillmatch-bench extraction` — for the lexical SkillExtractor, the SemanticSkillExtractor alone
// and the two merged (lexical hits keep priority), on tech_validation, tech_test, house_validation.
// With --calibrate it first sweeps the semantic options on the two *validation* sets only: the
// configuration whose smaller merged/lexical recall ratio over the two sets is highest, with each
// set's merged precision >= --target-precision (default 0.45, the goal), is printed with the
// test-set figures it gives. --errors lists false hits and misses (--errors-on SET for one set).
// Also: time to build the label vectors (encode, or read the cache) and merged extraction speed
// over --speed-sentences (default 100) distinct sentences, every candidate encoded afresh.
// Corpus: *_annotations.csv (sentences of job ads with gold ESCO labels); the label vectors of the
// shipped Taxonomies/ (~105k labels; cached in ${SKILLMATCH_DATA_DIR:-~/.local/share/skillmatch}/embeddings).
// Run: scripts/fetch-model.sh && swift build -c release --product skillmatch-bench &&
//      SKILLMATCH_SHARED_DATA=/work/shared/data .build/release/skillmatch-bench semantic-extraction [--calibrate]
//      [--target-precision 0.45] [--threads 2] [--errors | --errors-on tech_test] [--speed-sentences 100]
import Foundation
import SkillsCore
import SkillsEncoder
import SkillsSemantic
import SkillsTaxonomy
import SkillsTestSupport

func runSemanticExtractionBenchmark(_ arguments: [String]) throws {
    var calibrate = false
    var targetPrecision = 0.45
    var threads = 2
    var showErrors = false
    var errorSets: Set<String> = []
    var speedSentences = 100
    var rest = arguments[...]
    while let flag = rest.popFirst() {
        switch flag {
        case "--calibrate": calibrate = true
        case "--errors": showErrors = true
        case "--errors-on":
            guard let name = rest.popFirst() else { throw BenchmarkError("--errors-on needs a set name") }
            showErrors = true
            errorSets.insert(name)
        case "--target-precision":
            guard let v = rest.popFirst().flatMap(Double.init) else { throw BenchmarkError("--target-precision needs a number") }
            targetPrecision = v
        case "--threads": threads = try positiveInt(after: flag, in: &rest)
        case "--speed-sentences": speedSentences = try positiveInt(after: flag, in: &rest)
        default: throw BenchmarkError("unknown option \(flag)")
        }
    }
    let taxonomy = try TaxonomyLoader.load(directory: FixturePaths.taxonomies)
    let lexical = try SkillExtractor(taxonomy: taxonomy)
    let encoder = try SentenceEncoder(
        modelDirectory: SentenceEncoder.defaultModelDirectory(), configuration: EncoderConfiguration(batchSize: 64, threads: threads))
    let cache = EmbeddingCache.defaultDirectory()
    var vectors: SkillLabelVectors?
    let labelSeconds = try secondsElapsed { vectors = try SkillLabelVectors(skills: taxonomy.skills, encoder: encoder, cacheDirectory: cache) }
    guard let vectors else { return }
    print(String(format: "label vectors: %d labels of %d skills in %.1f s (cache %@); load average %@",
                 vectors.embeddings.labels.count, vectors.skillCount, labelSeconds, cache.path, loadAverage()))
    let semantic = try SemanticSkillExtractor(skills: taxonomy.skills, vectors: vectors, encoder: encoder)

    let uris = try ExtractionCorpus.escoSkillURIs()
    let evalDir = FixturePaths.shared("eval/skill-extraction")
    var sets: [(name: String, sentences: [GoldSentence])] = []
    for name in ["tech_validation", "tech_test", "house_validation"] {
        let gold = try ExtractionCorpus.goldSentences(evalDir.appendingPathComponent("\(name)_annotations.csv"))
        sets.append((name, gold.map { GoldSentence(text: $0.text, labels: Set($0.labels.map { uris[$0] ?? "label:" + $0 })) }))
    }
    let bench = SemanticBench(lexical: lexical, semantic: semantic)
    if calibrate {
        let (chosen, frontier) = try bench.calibrate(
            validation: sets.filter { $0.name.hasSuffix("validation") }.map(\.sentences), targetPrecision: targetPrecision)
        print("trade-off points on every set (merged precision / recall):")
        for options in frontier {
            let rows = try sets.map { set -> String in
                let row = try bench.merged(set.sentences, options: options)
                return String(format: "%@ %.3f/%.3f", set.name, row.precision, row.recall)
            }
            print(String(format: "  minSim %.2f context %.2f coverage %.2f penalty %.2f: ", options.minimumSimilarity, options.contextWeight,
                         options.coverageWeight, options.singleWordPenalty) + rows.joined(separator: "  "))
        }
        print("calibrated: \(describe(chosen))")
        bench.report(sets, options: chosen, title: "calibrated options")
    }
    print("defaults: \(describe(semantic.options))")
    bench.report(sets, options: semantic.options, title: "shipped defaults")
    if showErrors {
        let labels = Dictionary(taxonomy.skills.map { ($0.id, $0.label) }, uniquingKeysWith: { a, _ in a })
        for set in sets where errorSets.isEmpty || errorSets.contains(set.name) {
            print("errors on \(set.name) (+ wrong, ~ semantic, - missed):")
            bench.printErrors(set.sentences, options: semantic.options, labels: labels)
        }
    }

    // Speed: merged extraction of the first --speed-sentences distinct sentences, candidates encoded afresh.
    let texts = Array(Array(Set(sets.flatMap { $0.sentences.map(\.text) })).sorted().prefix(speedSentences))
    let fresh = try SemanticSkillExtractor(skills: taxonomy.skills, vectors: vectors, encoder: encoder, options: semantic.options)
    var candidates = 0
    let seconds = try secondsElapsed {
        for text in texts {
            let hits = lexical.extract(text)
            candidates += fresh.candidates(of: text, lexical: hits).count
            _ = try fresh.extract(text, mergingWith: hits)
        }
    }
    print(String(format: "speed: %d sentences (%d candidates) in %.1f s = %.1f sentences/s, %.0f candidates/s (%d OpenBLAS threads; load average %@)",
                 texts.count, candidates, seconds, Double(texts.count) / seconds, Double(candidates) / seconds, threads, loadAverage()))
}

func describe(_ o: SemanticExtractionOptions) -> String {
    let s = o.splitter
    return String(format: "ngrams %d-%d clauses %@ sentences %@ minSim %.3f margin %.2f perSentence %d perCandidate %d alternatives %@ lexicalSpans %@ context %.2f coverage %.2f single-word penalty %.2f",
                  s.ngramWords.lowerBound, s.ngramWords.upperBound, s.clauses ? "on" : "off", s.sentences ? "on" : "off",
                  o.minimumSimilarity, o.margin, o.maximumPerSentence, o.maximumPerCandidate, o.alternativeLabels ? "on" : "off",
                  o.lexicalSpans.rawValue, o.contextWeight, o.coverageWeight, o.singleWordPenalty)
}

/// Encodes each distinct candidate text and sentence once, so that a sweep over selection and
/// weighting options costs no forward passes (the label choice is the extractor's).
final class SemanticBench {
    let lexical: SkillExtractor
    let semantic: SemanticSkillExtractor
    private var scores: [String: [ScoredID]] = [:]
    private var contexts: [String: SemanticSkillExtractor.SentenceContext] = [:]

    init(lexical: SkillExtractor, semantic: SemanticSkillExtractor) {
        self.lexical = lexical
        self.semantic = semantic
    }

    /// Scores of every candidate text not yet scored.
    func prepare(_ texts: [String]) throws {
        let missing = Array(Set(texts.filter { scores[$0] == nil })).sorted()
        for start in stride(from: 0, to: missing.count, by: 2048) {
            let part = Array(missing[start..<min(start + 2048, missing.count)])
            let s = semantic.score(try semantic.encoder.encodeFlat(part), count: part.count)
            for (text, hits) in zip(part, s) { scores[text] = hits }
        }
    }

    /// Contexts (vector and words) of the sentences of every text not yet encoded.
    func prepareContexts(_ texts: [String], splitter: CandidateSplitter) throws {
        let missing = Array(Set(texts.flatMap { splitter.sentenceContexts($0).map(\.text) }.filter { contexts[$0] == nil })).sorted()
        var withVectors = semantic.options
        withVectors.contextWeight = max(withVectors.contextWeight, 0.1)
        for (text, context) in zip(missing, try semantic.contexts(missing, options: withVectors)) { contexts[text] = context }
    }

    /// The prepared scores of `candidates` of `text`, re-weighed with its sentences under `options`
    /// (contexts must be prepared).
    func scored(_ candidates: [CandidatePhrase], of text: String, options: SemanticExtractionOptions) -> [[ScoredID]] {
        let raw = candidates.map { scores[$0.text]! }
        let sentenceContexts = options.splitter.sentenceContexts(text).map { contexts[$0.text]! }
        return semantic.weighed(raw, of: candidates, contexts: sentenceContexts, options: options)
    }

    /// Semantic and merged hits of one sentence under `options` (candidates must be prepared).
    func run(_ text: String, lexicalHits: [ExtractedSkill], options: SemanticExtractionOptions) -> (semantic: [ExtractedSkill], merged: [ExtractedSkill]) {
        let alone = semantic.candidates(of: text, options: options)
        let shadowed = semantic.candidates(of: text, lexical: lexicalHits, options: options)
        let semanticHits = semantic.select(alone, scores: scored(alone, of: text, options: options), options: options)
        let forMerge = semantic.select(shadowed, scores: scored(shadowed, of: text, options: options), options: options)
        return (semanticHits, lexicalHits.merged(withSemantic: forMerge))
    }

    struct Row {
        var lexical: QualityCounts, semantic: QualityCounts, merged: QualityCounts
    }

    func evaluate(_ sentences: [GoldSentence], options: SemanticExtractionOptions, lexicalHits: [String: [ExtractedSkill]]) -> Row {
        var semanticHits: [String: [String]] = [:], mergedHits: [String: [String]] = [:]
        for sentence in sentences {
            let (s, m) = run(sentence.text, lexicalHits: lexicalHits[sentence.text]!, options: options)
            semanticHits[sentence.text] = esco(s)
            mergedHits[sentence.text] = esco(m)
        }
        return Row(
            lexical: QualityCounts(gold: sentences) { esco(lexicalHits[$0]!) },
            semantic: QualityCounts(gold: sentences) { semanticHits[$0]! },
            merged: QualityCounts(gold: sentences) { mergedHits[$0]! })
    }

    private func esco(_ hits: [ExtractedSkill]) -> [String] { hits.filter { $0.id.hasPrefix(escoSkillPrefix) }.map(\.id) }

    private func lexicalTable(_ sentences: [GoldSentence]) -> [String: [ExtractedSkill]] {
        var table: [String: [ExtractedSkill]] = [:]
        for s in sentences { table[s.text] = lexical.extract(s.text) }
        return table
    }

    /// Merged quality of one set under `options` (encodes what is missing).
    func merged(_ sentences: [GoldSentence], options: SemanticExtractionOptions) throws -> QualityCounts {
        try prepare(sentences.flatMap { s in semantic.candidates(of: s.text, options: options).map(\.text) })
        try prepareContexts(sentences.map(\.text), splitter: options.splitter)
        return evaluate(sentences, options: options, lexicalHits: lexicalTable(sentences)).merged
    }

    func report(_ sets: [(name: String, sentences: [GoldSentence])], options: SemanticExtractionOptions, title: String) {
        print("\(title):")
        print("set                 method     sentences  gold  predicted  precision  recall  RP@5")
        for (name, sentences) in sets {
            let table = lexicalTable(sentences)
            do {
                try prepare(sentences.flatMap { s in semantic.candidates(of: s.text, options: options).map(\.text) })
                try prepareContexts(sentences.map(\.text), splitter: options.splitter)
            } catch {
                print("  \(name): encoding failed: \(error)")
                continue
            }
            let row = evaluate(sentences, options: options, lexicalHits: table)
            for (method, q) in [("lexical", row.lexical), ("semantic", row.semantic), ("merged", row.merged)] {
                print(name.padding(toLength: 19, withPad: " ", startingAt: 0) + " " + method.padding(toLength: 10, withPad: " ", startingAt: 0)
                    + String(format: " %9d %5d %10d %10.3f %7.3f %5.3f", sentences.count, q.gold, q.predicted, q.precision, q.recall, q.rPrecision))
            }
            print(String(format: "%@ merged/lexical recall: %.2f×", name, row.merged.recall / max(row.lexical.recall, 1e-9)))
        }
    }

    /// Grid search on the validation sets: the highest smallest merged/lexical recall ratio over the
    /// sets with every set's merged precision at or above `targetPrecision`; ties go to higher pooled
    /// recall, then RP@5. The printed trade-off curve is pooled. Candidates and their scores
    /// are computed once per splitter and lexical-span rule; the inner loops only re-select.
    func calibrate(validation: [[GoldSentence]], targetPrecision: Double) throws -> (chosen: SemanticExtractionOptions, frontier: [SemanticExtractionOptions]) {
        let sentences = validation.flatMap { $0 }
        let table = lexicalTable(sentences)
        var splitters: [CandidateSplitter] = []
        for words in [1...6, 1...8] { splitters.append(CandidateSplitter(ngramWords: words, clauses: false)) }
        try prepare(sentences.flatMap { s in splitters.flatMap { $0.split(s.text).map(\.text) } })
        try prepareContexts(sentences.map(\.text), splitter: splitters[0])
        var best: (options: SemanticExtractionOptions, ratio: Double, recall: Double, rp: Double, precision: Double)?
        let lexicalRecall = validation.map { set in QualityCounts(gold: set) { esco(table[$0]!) }.recall }
        var tried = 0
        let thresholds = (0...30).map { 0.40 + 0.01 * Float($0) }
        let frontierFloors = [0.40, 0.45, 0.50, 0.55, 0.60, 0.65, 0.70]
        var frontier: [(options: SemanticExtractionOptions, recall: Double, rp: Double, precision: Double)?] =
            Array(repeating: nil, count: frontierFloors.count)
        let weights: [(context: Float, coverage: Float, penalty: Float)] = [Float(0.14), 0.29, 0.43].flatMap { w in
            [Float(0), 0.14, 0.29].flatMap { c in [Float(0), 0.04, 0.09, 0.14].map { (w, c, $0) } }
        }
        for splitter in splitters {
            for rule in [SemanticExtractionOptions.LexicalSpanRule.ignore, .skipContained] {
                for weight in weights {
                    var o = semantic.options
                    o.splitter = splitter
                    o.lexicalSpans = rule
                    o.contextWeight = weight.context
                    o.coverageWeight = weight.coverage
                    o.singleWordPenalty = weight.penalty
                    let prepared = sentences.map { s -> ([CandidatePhrase], [[ScoredID]]) in
                        let c = semantic.candidates(of: s.text, lexical: table[s.text]!, options: o)
                        return (c, scored(c, of: s.text, options: o))
                    }
                    for perCandidate in [1, 2] {
                        for perSentence in [2, 3] {
                            for margin: Float in [0.03, 0.09, 2] {
                                o.maximumPerCandidate = perCandidate
                                o.maximumPerSentence = perSentence
                                o.margin = margin
                                o.minimumSimilarity = thresholds[0]
                                // Why select once: the hits at threshold t are exactly the hits at the
                                // lowest threshold whose score reaches t (the per-sentence best and
                                // top-k order do not depend on t), so each t only filters.
                                let lowest = prepared.map { semantic.select($0.0, scores: $0.1, options: o) }
                                for t in thresholds {
                                    tried += 1
                                    var merged: [String: [String]] = [:]
                                    for (s, hits) in zip(sentences, lowest) {
                                        let kept = hits.filter { $0.confidence >= Double(t) * o.confidenceScale - 1e-9 }
                                        merged[s.text] = esco(table[s.text]!.merged(withSemantic: kept))
                                    }
                                    let q = QualityCounts(gold: sentences) { merged[$0]! }
                                    let perSet = validation.map { set in QualityCounts(gold: set) { merged[$0]! } }
                                    for (i, floor) in frontierFloors.enumerated() where q.precision >= floor {
                                        if frontier[i] == nil || q.recall > frontier[i]!.recall {
                                            o.minimumSimilarity = t
                                            frontier[i] = (o, q.recall, q.rPrecision, q.precision)
                                        }
                                    }
                                    // The goal holds per set: every validation set at the target
                                    // precision, and the smaller recall ratio is what counts.
                                    guard perSet.allSatisfy({ $0.precision >= targetPrecision }) else { continue }
                                    let ratio = zip(perSet, lexicalRecall).map { $0.recall / max($1, 1e-9) }.min()!
                                    if best == nil || (ratio, q.recall, q.rPrecision) > (best!.ratio, best!.recall, best!.rp) {
                                        o.minimumSimilarity = t
                                        best = (o, ratio, q.recall, q.rPrecision, q.precision)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        print("validation trade-off (pooled, merged): best recall at each precision floor")
        for (floor, point) in zip(frontierFloors, frontier) {
            guard let point else { continue }
            print(String(format: "  precision >= %.2f: precision %.3f recall %.3f RP@5 %.3f  (%@)", floor, point.precision, point.recall,
                         point.rp, describe(point.options)))
        }
        guard let best else { throw BenchmarkError("no configuration reaches merged precision \(targetPrecision) on every validation set") }
        print(String(format: "calibration: %d configurations on %d validation sentences; best: smallest merged/lexical recall %.2f× with every set at precision >= %.2f (pooled: precision %.3f recall %.3f RP@5 %.3f)",
                     tried, sentences.count, best.ratio, targetPrecision, best.precision, best.recall, best.rp))
        return (best.options, frontier.compactMap { $0?.options })
    }

    func printErrors(_ sentences: [GoldSentence], options: SemanticExtractionOptions, labels: [String: String]) {
        let table = lexicalTable(sentences)
        for sentence in sentences {
            let (_, merged) = run(sentence.text, lexicalHits: table[sentence.text]!, options: options)
            let found = merged.filter { $0.id.hasPrefix(escoSkillPrefix) }
            let scalars = Array(sentence.text.unicodeScalars)
            let wrong = found.filter { !sentence.labels.contains($0.id) }.map { hit in
                let text = hit.spans.map { String(String.UnicodeScalarView(scalars[$0])) }.joined(separator: ",")
                return "+\(hit.method == .semantic ? "~" : "")\(hit.label) <\(text)> [\(String(format: "%.2f", hit.confidence))]"
            }
            let missed = sentence.labels.subtracting(found.map(\.id)).sorted().map { "-\(labels[$0] ?? $0)" }
            if !wrong.isEmpty || !missed.isEmpty { print("  \(sentence.text)\n    \((wrong + missed).joined(separator: "; "))") }
        }
    }
}
