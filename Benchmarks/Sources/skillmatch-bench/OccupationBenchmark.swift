// Occupation benchmark (`skillmatch-bench occupations`): job title → O*NET occupation, the lexical
// baseline (BM25 over titles + weighted description) and the sentence encoder side by side.
//
// What's measured: accuracy@1, accuracy@5 and MRR (reciprocal rank of the first correct occupation
// in the full ranking) on ../shared/data/eval/job-titles/titles.validation.csv. Its labels are ESCO
// occupations, mapped to O*NET-SOC codes through ../shared/data/taxonomy/us-codes/esco_onet_crosswalk_Nov2020.csv;
// a prediction is correct when it is one of the mapped codes; titles whose ESCO occupation has no
// crosswalk row are left out (counted). The description weight of each matcher is calibrated on a
// seeded half of the titles ("calibration") and reported on the other half ("held out") and on all.
// With --alternate-titles, the O*NET 29.2 alternate titles of ../shared are added to the shipped
// occupations (the shipped taxonomy has none) and both matchers run again on them.
// Run: swift build -c release --product skillmatch-bench &&
//      SKILLMATCH_SHARED_DATA=/work/shared/data .build/release/skillmatch-bench occupations [--alternate-titles] [--limit N]
import Foundation
import SkillsEncoder
import SkillsSemantic
import SkillsTaxonomy
import SkillsTestSupport

func runOccupationBenchmark(_ arguments: [String]) throws {
    var alternates = false
    var limit: Int?
    var threads = 2
    var rest = arguments[...]
    while let flag = rest.popFirst() {
        switch flag {
        case "--alternate-titles": alternates = true
        case "--limit": limit = try positiveInt(after: flag, in: &rest)
        case "--threads": threads = try positiveInt(after: flag, in: &rest)
        default: throw BenchmarkError("unknown option \(flag)")
        }
    }
    let taxonomy = try TaxonomyLoader.load(directory: FixturePaths.taxonomies)
    var titles = try occupationGold(taxonomy.occupations)
    if let limit { titles = Array(titles.prefix(limit)) }
    var rng = SeededGenerator(seed: 4)
    let order = titles.indices.shuffled(using: &rng)
    let calibration = Set(order.prefix(titles.count / 2))
    print("titles: \(titles.count) with a crosswalked O*NET code (\(calibration.count) calibration, \(titles.count - calibration.count) held out); occupations: \(taxonomy.occupations.count); load average \(loadAverage())")

    let encoder = try SentenceEncoder(
        modelDirectory: SentenceEncoder.defaultModelDirectory(), configuration: EncoderConfiguration(batchSize: 64, threads: threads))
    var queryVectors: [Float] = []
    let encodeSeconds = try secondsElapsed { queryVectors = try encoder.encodeFlat(titles.map(\.title)) }
    print(String(format: "encoded %d titles in %.1f s", titles.count, encodeSeconds))

    var variants: [(String, [SkillsTaxonomy.Occupation])] = [("shipped", taxonomy.occupations)]
    if alternates { variants.append(("+O*NET alternate titles", try withAlternateTitles(taxonomy.occupations))) }
    print("occupations              matcher    desc.weight  part         acc@1   acc@5     MRR")
    for (name, occupations) in variants {
        let lexical = { (w: Double) in LexicalOccupationMatcher(occupations: occupations, descriptionWeight: w) }
        let lexicalRank = { (matcher: LexicalOccupationMatcher, i: Int) in
            matcher.match(titles[i].title, limit: occupations.count).map(\.occupation)
        }
        var semantic: SemanticOccupationMatcher?
        let buildSeconds = try secondsElapsed {
            semantic = try SemanticOccupationMatcher(occupations: occupations, encoder: encoder, cacheDirectory: EmbeddingCache.defaultDirectory())
        }
        guard let semantic else { return }
        print(String(format: "  (%@: occupation vectors in %.1f s)", name, buildSeconds))
        let d = encoder.dimension
        let semanticRank = { (w: Double, i: Int) -> [Int] in
            let scores = semantic.scores(Array(queryVectors[i * d..<(i + 1) * d]), descriptionWeight: w)
            return scores.indices.sorted { (scores[$0], $1) > (scores[$1], $0) }
        }
        let weights = [0.0, 0.1, 0.2, 0.3, 0.4, 0.5]
        let lexicalMatchers = weights.map(lexical)
        let bestLexical = weights.indices.max { a, b in
            TitleMetrics(titles, calibration) { lexicalRank(lexicalMatchers[a], $0) }.mrr
                < TitleMetrics(titles, calibration) { lexicalRank(lexicalMatchers[b], $0) }.mrr
        }!
        let bestSemantic = weights.max { a, b in
            TitleMetrics(titles, calibration) { semanticRank(a, $0) }.mrr < TitleMetrics(titles, calibration) { semanticRank(b, $0) }.mrr
        }!
        let held = Set(titles.indices).subtracting(calibration)
        for (part, subset) in [("calibration", calibration), ("held out", held), ("all", Set(titles.indices))] {
            let l = TitleMetrics(titles, subset) { lexicalRank(lexicalMatchers[bestLexical], $0) }
            let s = TitleMetrics(titles, subset) { semanticRank(bestSemantic, $0) }
            for (method, w, m) in [("lexical", weights[bestLexical], l), ("encoder", bestSemantic, s)] {
                print(name.padding(toLength: 24, withPad: " ", startingAt: 0) + " " + method.padding(toLength: 10, withPad: " ", startingAt: 0)
                    + String(format: " %11.1f  %@ %7.3f %7.3f %7.3f", w, part.padding(toLength: 11, withPad: " ", startingAt: 0), m.at1, m.at5, m.mrr))
            }
        }
        var latencies: [Double] = []
        for title in titles.prefix(200).map(\.title) {
            latencies.append(try secondsElapsed { _ = try semantic.match(title, limit: 10) } * 1000)
        }
        print(String(format: "  encoder match latency: median %.1f ms per title (200 titles, encode + score %d occupations)",
                     median(latencies), occupations.count))
    }
}

/// One validation title with the positions of the occupations its ESCO occupation maps to.
struct GoldTitle {
    var title: String
    var occupations: Set<Int>
}

/// accuracy@1, accuracy@5 and MRR of a ranking function over a subset of titles.
struct TitleMetrics {
    var at1 = 0.0, at5 = 0.0, mrr = 0.0

    init(_ titles: [GoldTitle], _ subset: Set<Int>, rank: (Int) -> [Int]) {
        guard !subset.isEmpty else { return }
        var a1 = 0, a5 = 0, rr = 0.0
        for i in subset.sorted() {
            let ranking = rank(i)
            guard let position = ranking.firstIndex(where: { titles[i].occupations.contains($0) }) else { continue }
            if position == 0 { a1 += 1 }
            if position < 5 { a5 += 1 }
            rr += 1 / Double(position + 1)
        }
        let n = Double(subset.count)
        at1 = Double(a1) / n
        at5 = Double(a5) / n
        mrr = rr / n
    }
}

/// The validation titles whose ESCO occupation the crosswalk maps to shipped O*NET codes (the
/// benchmark's variants keep the shipped occupation order).
private func occupationGold(_ occupations: [SkillsTaxonomy.Occupation]) throws -> [GoldTitle] {
    var position: [String: Int] = [:]
    for (i, o) in occupations.enumerated() { position[o.id] = i }
    var crosswalk: [String: Set<Int>] = [:]
    let rows = try CSV.parse(String(contentsOf: FixturePaths.shared("taxonomy/us-codes/esco_onet_crosswalk_Nov2020.csv"), encoding: .utf8))
    guard let header = rows.first, let uri = header.firstIndex(of: "concept_uri"), let code = header.firstIndex(of: "onet_code") else {
        throw BenchmarkError("crosswalk: missing concept_uri/onet_code columns")
    }
    for row in rows.dropFirst() where row.count > max(uri, code) {
        if let p = position[row[code]] { crosswalk[row[uri], default: []].insert(p) }
    }
    let titleRows = try CSV.parse(String(contentsOf: FixturePaths.shared("eval/job-titles/titles.validation.csv"), encoding: .utf8))
    guard let th = titleRows.first, let t = th.firstIndex(of: "vacancyTitle"), let c = th.firstIndex(of: "conceptUri") else {
        throw BenchmarkError("titles.validation.csv: missing vacancyTitle/conceptUri columns")
    }
    var result: [GoldTitle] = []
    var unmapped = 0
    for row in titleRows.dropFirst() where row.count > max(t, c) {
        guard let codes = crosswalk[row[c]] else { unmapped += 1; continue }
        result.append(GoldTitle(title: row[t].trimmingCharacters(in: .whitespaces), occupations: codes))
    }
    print("job titles: \(result.count + unmapped) rows, \(unmapped) left out (ESCO occupation not in the crosswalk)")
    return result
}

/// The shipped occupations with O*NET 29.2 `Alternate Titles.txt` added.
private func withAlternateTitles(_ occupations: [SkillsTaxonomy.Occupation]) throws -> [SkillsTaxonomy.Occupation] {
    let text = try String(contentsOf: FixturePaths.shared("taxonomy/onet-29.2/Alternate Titles.txt"), encoding: .utf8)
    var byCode: [String: [String]] = [:]
    for (n, line) in text.split(separator: "\n").enumerated() where n > 0 {
        let f = line.split(separator: "\t", omittingEmptySubsequences: false)
        if f.count >= 3 { byCode[String(f[0]), default: []].append(String(f[2])) }
    }
    return occupations.map { o in
        var o = o
        o.alternateTitles = byCode[o.id] ?? []
        return o
    }
}
