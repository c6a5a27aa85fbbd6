// `concurrentMap` equals the sequential map, in order, for every count and run size (empty, fewer
// items than cores, uneven last run), with seeded random values.
import SkillsCore
import Testing

@Test func concurrentMapEqualsTheSequentialMap() {
    var rng = SeededGenerator(seed: 61)
    let values = (0..<10_007).map { _ in UInt64.random(in: 0...UInt64.max, using: &rng) }
    for count in [0, 1, 2, 3, 17, 1_000, 10_007] {
        for minimum in [1, 2, 32, 5_000, 20_000] {
            let expected = (0..<count).map { values[$0] &* 31 &+ UInt64($0) }
            #expect(concurrentMap(count, minimumPerRun: minimum) { values[$0] &* 31 &+ UInt64($0) } == expected, "\(count), \(minimum)")
        }
    }
}
