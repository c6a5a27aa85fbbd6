import Foundation
import SkillsCore
import SkillsTestSupport

@testable import SkillsIndex

/// A small dense corpus (few skills and words, so postings overlap heavily) and a brute-force
/// reference scorer written straight from the formulas in `SearchQuery`'s documentation.
struct IndexFixture {
    static let skillCount = 300
    let corpus: SyntheticCorpus
    var writer: IndexWriter

    init(seed: UInt64, jobs: Int = 400, candidates: Int = 200, programs: Int = 100, realistic: Bool = false) throws {
        var p = SyntheticCorpus.Parameters()
        if realistic {
            p.skillCount = 2_000
            p.families = 10
            p.skillsPerFamily = 200
        } else {
            p.skillCount = Self.skillCount
            p.families = 5
            p.skillsPerFamily = 60
            p.vocabulary = 150
        }
        p.seed = seed
        corpus = SyntheticCorpus(p)
        var config = IndexConfiguration()
        config.skillCount = p.skillCount
        writer = try IndexWriter(configuration: config, profileBuilder: SkillProfileBuilder(asOf: SyntheticCorpus.today))
        for i in 0..<jobs { try writer.upsert(.job(corpus.job(i))) }
        for i in 0..<candidates { try writer.upsert(.candidate(corpus.candidate(i))) }
        for i in 0..<programs { try writer.upsert(.program(corpus.program(i))) }
    }

    /// Exhaustive scores of every live document of `kind` passing `filters`, best first.
    static func reference(_ snapshot: IndexSnapshot, _ query: SearchQuery, kind: EntityKind, filters: FilterSet) -> [ScoredID] {
        let config = snapshot.configuration
        let analyzer = TextAnalyzer()
        let docs = (0..<Int32(snapshot.slotCount)).filter { snapshot.entity($0)?.kind == kind }
        let n = Double(docs.count)
        func idf(_ df: Int) -> Float { Float(log(1 + (n - Double(df) + 0.5) / (Double(df) + 0.5))) }
        var skillDF: [Int32: Int] = [:]
        var termDF: [String: Int] = [:]
        var analysed: [Int32: (title: [String], body: [String])] = [:]
        for doc in docs {
            for entry in snapshot.profile(doc).entries { skillDF[entry.skill, default: 0] += 1 }
            let entity = snapshot.entity(doc)!
            let t = analyzer.terms(entity.title), b = analyzer.terms(entity.body)
            analysed[doc] = (t, b)
            for term in Set(t + b) { termDF[term, default: 0] += 1 }
        }
        let avgTitle = Float(docs.reduce(0.0) { $0 + Double(analysed[$1]!.title.count) } / n)
        let avgBody = Float(docs.reduce(0.0) { $0 + Double(analysed[$1]!.body.count) } / n)
        var queryTerms: [String: Float] = [:]
        if query.textBoost > 0 { for term in analyzer.terms(query.text) { queryTerms[term, default: 0] += 1 } }
        func bm25(_ tf: Int, _ len: Int, _ avg: Float) -> Float {
            guard tf > 0 else { return 0 }
            let norm = config.k1 * (1 - config.b + config.b * Float(len) / avg)
            return Float(tf) * (config.k1 + 1) / (Float(tf) + norm)
        }
        var out: [ScoredID] = []
        for doc in docs where filters.matches(snapshot.attributes(doc)!) {
            var score = 0.0
            var matched = false
            for q in query.skills {
                let w = snapshot.profile(doc).weight(of: q.skill)
                if w > 0 {
                    matched = true
                    score += Double(q.weight * idf(skillDF[q.skill]!) * w)
                }
            }
            let (title, body) = analysed[doc]!
            for (term, count) in queryTerms {
                let tfT = title.filter { $0 == term }.count, tfB = body.filter { $0 == term }.count
                if tfT + tfB > 0 {
                    matched = true
                    let impact = config.titleBoost * bm25(tfT, title.count, avgTitle) + config.bodyBoost * bm25(tfB, body.count, avgBody)
                    score += Double(query.textBoost * count * idf(termDF[term]!) * impact)
                }
            }
            if matched { out.append(ScoredID(id: doc, score: Float(score))) }
        }
        return out.sorted(by: ScoredID.ranksBefore)
    }

    /// Engine hits agree with the reference top-k: same score at each rank (to rounding), and each
    /// engine hit is a reference document with that score.
    static func agree(_ hits: [ScoredID], _ reference: [ScoredID], k: Int) -> Bool {
        let expected = Array(reference.prefix(k))
        guard hits.count == expected.count else { return false }
        let refScore = Dictionary(uniqueKeysWithValues: reference.map { ($0.id, $0.score) })
        for (hit, want) in zip(hits, expected) {
            let tolerance = 1e-4 * max(1, abs(want.score))
            guard abs(hit.score - want.score) <= tolerance, let mine = refScore[hit.id], abs(mine - hit.score) <= tolerance else {
                return false
            }
        }
        return Set(hits.map(\.id)).count == hits.count
    }
}
