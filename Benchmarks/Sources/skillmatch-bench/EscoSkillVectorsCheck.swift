// `skillmatch-bench dense --esco DIR`: skill vectors and related-skill lists built from the real
// ESCO v1.1.1 skills hierarchy and occupation profiles (arrays made by
// Benchmarks/peers/esco_to_arrays.py from ../shared), timed, with the related skills of a few
// well-known skills printed for a reader to judge. Tests never need this data.
import Foundation
import SkillsVectors

func runEscoSkillVectorsCheck(directory: String, dimension: Int, seed: UInt64) throws {
    func lines(_ name: String) throws -> [Substring] {
        let text = try String(contentsOfFile: directory + "/" + name, encoding: .utf8)
        return text.split(separator: "\n")
    }
    let labels = try lines("labels.tsv").map { $0.split(separator: "\t", maxSplits: 2).last.map(String.init) ?? "" }
    let hierarchy = try lines("hierarchy.tsv").compactMap { line -> (child: Int32, parent: Int32)? in
        let parts = line.split(separator: "\t")
        guard parts.count == 2, let c = Int32(parts[0]), let p = Int32(parts[1]) else { return nil }
        return (child: c, parent: p)
    }
    let occupations = try lines("occupations.tsv").map { $0.split(separator: " ").compactMap { Int32($0) } }
    let start = DispatchTime.now()
    let matrix = try SkillEmbeddingBuilder.build(
        skillCount: labels.count, hierarchy: hierarchy, groups: [], cooccurrence: occupations, dimension: dimension, seed: seed)
    let built = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
    let similarityStart = DispatchTime.now()
    let similarity = try SkillSimilarity(vectors: SkillVectors(matrix: matrix), hierarchy: hierarchy, groups: [])
    let related = Double(DispatchTime.now().uptimeNanoseconds - similarityStart.uptimeNanoseconds) / 1e6
    print("ESCO: \(labels.count) skills and groups, \(hierarchy.count) hierarchy edges, \(occupations.count) occupations")
    print("  vectors d=\(dimension) in \(String(format: "%.0f", built)) ms; related-skill lists in \(String(format: "%.0f", related)) ms")
    for name in ["PostgreSQL", "MySQL", "Python (computer programming)", "Swift (computer programming)", "bake pastry products"] {
        guard let id = labels.firstIndex(of: name) else { continue }
        let list = similarity.related(to: Int32(id)).prefix(6).map { "\(labels[Int($0.id)]) \(String(format: "%.2f", $0.score))" }
        print("  \(name) → \(list.joined(separator: "; "))")
    }
}
