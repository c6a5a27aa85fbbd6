// Extraction benchmark (`skillmatch-bench extraction`): quality and speed of SkillExtractor.
//
// Quality: on ../shared/data/eval/skill-extraction/{tech_validation,tech_test,house_validation}
// _annotations.csv (gold ESCO preferred labels per sentence; a gold label is found when the
// extractor returns that ESCO skill for the sentence) prints micro precision and recall over
// ESCO predictions and mean R-Precision@5 (skills ranked by confidence), for the extractor and,
// side by side, a naive peer (exact, case-insensitive match of ESCO preferred and alternative
// labels on word boundaries).
// Speed: MB/s of extraction on one core over the SkillSpan CoNLL sentences (job postings) joined
// into ~2 KB documents and repeated to ~8 MB (median of 5 runs), and taxonomy load + extractor
// build time, wall and thread CPU (median of 5; the load is the whole Taxonomies/, wages included).
// Run: swift build -c release --product skillmatch-bench &&
//      .build/release/skillmatch-bench extraction [--skills Taxonomies/skills.tsv] [--threshold 0.5]
import Foundation
import SkillsTaxonomy
import SkillsTestSupport

func runExtractionBenchmark(_ arguments: [String]) throws {
    var skillsPath: String?
    var options = ExtractionOptions()
    var quick = false
    var showErrors = false
    var i = 0
    while i < arguments.count {
        switch arguments[i] {
        case "--skills" where i + 1 < arguments.count: skillsPath = arguments[i + 1]; i += 1
        case "--threshold" where i + 1 < arguments.count:
            options.minimumConfidence = Double(arguments[i + 1]) ?? options.minimumConfidence; i += 1
        case "--no-variants": options.deriveVariants = false
        case "--quick": quick = true
        case "--errors": showErrors = true
        default: throw BenchmarkError("unknown option \(arguments[i])")
        }
        i += 1
    }
    var skills: [Skill] = []
    var extractor: SkillExtractor?
    var load: [(wall: Double, cpu: Double)] = []
    var build: [(wall: Double, cpu: Double)] = []
    for _ in 0..<(quick ? 1 : 5) {
        if let skillsPath {
            load.append(try wallAndCPUSeconds { skills = try ExtractionCorpus.skills(tsv: URL(fileURLWithPath: skillsPath)) })
            build.append(try wallAndCPUSeconds { extractor = try SkillExtractor(skills: skills, options: options) })
        } else {
            var taxonomy: Taxonomy?
            load.append(try wallAndCPUSeconds { taxonomy = try TaxonomyLoader.load(directory: FixturePaths.taxonomies) })
            guard let taxonomy else { return }
            skills = taxonomy.skills
            build.append(try wallAndCPUSeconds { extractor = try SkillExtractor(taxonomy: taxonomy, options: options) })
        }
    }
    guard let extractor else { return }
    print("skills: \(skills.count) from \(skillsPath ?? FixturePaths.taxonomies.path); dictionary nodes: \(extractor.phraseNodeCount)")
    // The whole Taxonomies/ (wages included) is loaded eagerly; ready to extract = load + build.
    let (loadWall, loadCPU) = (median(load.map(\.wall)), median(load.map(\.cpu)))
    let (buildWall, buildCPU) = (median(build.map(\.wall)), median(build.map(\.cpu)))
    print(String(format: "taxonomy load %.3f s wall (%.3f s CPU) + extractor build %.3f s wall (%.3f s CPU) = ready to extract in %.3f s wall (%.3f s CPU) (medians of %d; target <= 1 s)",
                 loadWall, loadCPU, buildWall, buildCPU, loadWall + buildWall, loadCPU + buildCPU, load.count))

    // Gold labels are ESCO v1.1.1 preferred labels; compare by concept URI so that a shipped
    // taxonomy with other label wording is judged fairly (labels are the fallback).
    let uris = (try? ExtractionCorpus.escoSkillURIs()) ?? [:]
    print("gold labels compared by \(uris.isEmpty ? "preferred label" : "ESCO URI (v1.1.1 skills_en.csv)")")
    func goldIDs(_ sentences: [GoldSentence]) -> [GoldSentence] {
        uris.isEmpty ? sentences : sentences.map { GoldSentence(text: $0.text, labels: Set($0.labels.map { uris[$0] ?? "label:" + $0 })) }
    }
    let key: (ExtractedSkill) -> String = uris.isEmpty ? { $0.label } : { $0.id }
    let naive = NaiveLabelMatcher(skills: skills, key: uris.isEmpty ? \.label : \.id)
    let evalDir = FixturePaths.shared("eval/skill-extraction")
    print("set                 method     sentences  gold  predicted  precision  recall  RP@5")
    for name in ["tech_validation", "tech_test", "house_validation"] {
        let gold = goldIDs(try ExtractionCorpus.goldSentences(evalDir.appendingPathComponent("\(name)_annotations.csv")))
        let ours = QualityCounts(gold: gold) { sentence in
            extractor.extract(sentence).filter { $0.id.hasPrefix(escoSkillPrefix) }.map(key)
        }
        let peer = QualityCounts(gold: gold) { naive.match($0) }
        if showErrors { printErrors(gold, extractor, key: key) }
        for (method, q) in [("extractor", ours), ("naive", peer)] {
            let label = name.padding(toLength: 19, withPad: " ", startingAt: 0) + " "
                + method.padding(toLength: 10, withPad: " ", startingAt: 0)
            print(label + String(format: " %9d %5d %10d %10.3f %7.3f %5.3f", gold.count, q.gold, q.predicted,
                                 q.precision, q.recall, q.rPrecision))
        }
    }
    if quick { return }

    let corpus = try speedCorpus()
    let bytes = corpus.reduce(0) { $0 + $1.utf8.count }
    var rates: [Double] = []
    var found = 0
    for _ in 0..<5 {
        var count = 0
        let t = secondsElapsed { for doc in corpus { count += extractor.extract(doc).count } }
        found = count
        rates.append(Double(bytes) / 1e6 / t)
    }
    print(String(format: "speed: %.1f MB/s on one core (median of 5; %.1f MB in %d documents, %d skills found; target >= 5)",
                 median(rates), Double(bytes) / 1e6, corpus.count, found))
}

/// False positives (`+`) and misses (`-`) per sentence, for tuning general rules.
private func printErrors(_ gold: [GoldSentence], _ extractor: SkillExtractor, key: (ExtractedSkill) -> String) {
    for sentence in gold {
        let found = extractor.extract(sentence.text).filter { $0.id.hasPrefix(escoSkillPrefix) }
        let labels = Set(found.map(key))
        let wrong = found.filter { !sentence.labels.contains(key($0)) }
            .map { hit in
                let scalars = Array(sentence.text.unicodeScalars)
                let text = hit.spans.map { String(String.UnicodeScalarView(scalars[$0])) }.joined(separator: ",")
                return "+\(hit.label) <\(text)> [\(String(format: "%.2f", hit.confidence))]"
            }
        let missed = sentence.labels.subtracting(labels).map { "-\($0)" }
        if !wrong.isEmpty || !missed.isEmpty { print("  \(sentence.text)\n    \((wrong + missed).joined(separator: "; "))") }
    }
}

let escoSkillPrefix = "http://data.europa.eu/esco/skill/"

/// Job-posting text for the speed test: SkillSpan sentences in ~2 KB documents, ~8 MB in all.
private func speedCorpus() throws -> [String] {
    let dir = FixturePaths.shared("eval/skill-extraction")
    var sentences: [String] = []
    for file in ["skillspan_house_dev.conll", "skillspan_tech_dev.conll"] {
        sentences += try ExtractionCorpus.conllSentences(dir.appendingPathComponent(file))
    }
    var documents: [String] = []
    var current = ""
    var total = 0
    while total < 8_000_000 {
        for sentence in sentences {
            current += sentence + "\n"
            if current.utf8.count >= 2_000 {
                total += current.utf8.count
                documents.append(current)
                current = ""
            }
        }
    }
    return documents
}

/// Micro precision/recall and mean R-Precision@5 of one method on one gold set.
struct QualityCounts {
    var gold = 0
    var predicted = 0
    var correct = 0
    var rPrecisionSum = 0.0
    var rPrecisionSentences = 0

    init(gold sentences: [GoldSentence], predict: (String) -> [String]) {
        for sentence in sentences {
            var seen = Set<String>()
            let ranked = predict(sentence.text).filter { seen.insert($0).inserted }
            gold += sentence.labels.count
            predicted += ranked.count
            correct += ranked.filter(sentence.labels.contains).count
            if !sentence.labels.isEmpty {
                let r = min(sentence.labels.count, 5)
                rPrecisionSum += Double(ranked.prefix(r).filter(sentence.labels.contains).count) / Double(r)
                rPrecisionSentences += 1
            }
        }
    }

    var precision: Double { predicted == 0 ? 0 : Double(correct) / Double(predicted) }
    var recall: Double { gold == 0 ? 0 : Double(correct) / Double(gold) }
    var rPrecision: Double { rPrecisionSentences == 0 ? 0 : rPrecisionSum / Double(rPrecisionSentences) }
}

/// The peer: exact case-insensitive match of ESCO preferred and alternative labels on word
/// boundaries, every matching skill returned in text order.
struct NaiveLabelMatcher {
    private var labels: [String: [String]] = [:]
    private var longest = 1

    init(skills: [Skill], key: KeyPath<Skill, String>) {
        for skill in skills where skill.id.hasPrefix(escoSkillPrefix) {
            for label in [skill.label] + skill.altLabels {
                let words = Self.words(label)
                guard !words.isEmpty else { continue }
                longest = max(longest, words.count)
                labels[words.joined(separator: " "), default: []].append(skill[keyPath: key])
            }
        }
    }

    func match(_ text: String) -> [String] {
        let words = Self.words(text)
        var result: [String] = []
        for start in words.indices {
            for length in 1...min(longest, words.count - start) {
                if let found = labels[words[start..<start + length].joined(separator: " ")] { result += found }
            }
        }
        return result
    }

    static func words(_ text: String) -> [String] {
        text.lowercased().split { !($0.isLetter || $0.isNumber || $0 == "+" || $0 == "#") }.map(String.init)
    }
}
