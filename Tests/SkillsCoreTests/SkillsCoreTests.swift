// Properties of TopKCollector:
// 1. finish() equals sort-then-prefix of everything pushed (reference), for any k and input order.
// 2. ties break on the lower id.
import SkillsTestSupport
import Testing

@testable import SkillsCore

@Test(arguments: [1, 2, 3, 10, 64])
func topKMatchesSortReference(k: Int) {
    var rng = SeededGenerator(seed: UInt64(k))
    for n in [0, 1, k - 1, k, 2 * k + 1, 1000] where n >= 0 {
        var collector = TopKCollector(k: k)
        var all: [ScoredID] = []
        for i in 0..<n {
            // Few distinct scores so ties are common.
            let item = ScoredID(id: Int32(i), score: Float(Int.random(in: 0..<20, using: &rng)))
            all.append(item)
            collector.push(id: item.id, score: item.score)
        }
        let expected = Array(all.sorted(by: ScoredID.ranksBefore).prefix(k))
        #expect(collector.finish() == expected)
    }
}

@Test func thresholdRisesOnceFull() {
    var collector = TopKCollector(k: 2)
    #expect(collector.threshold == -.infinity)
    for (i, s) in [1, 5, 3, 4].enumerated() { collector.push(id: Int32(i), score: Float(s)) }
    #expect(collector.finish().map(\.id) == [1, 3])
}
