import Foundation
import SkillsTestSupport
import Testing

@testable import SkillsEncoder

/// The vector `exp` and GELU against the C library on seeded random inputs, plus edge values.
struct KernelTests {
    @Test func vectorExpMatchesLibrary() {
        var rng = SeededGenerator(seed: 21)
        for _ in 0..<20000 {
            let x = Float.random(in: -80...80, using: &rng)
            let expected = Foundation.exp(Double(x))
            #expect(abs(Double(Kernels.fastExp(x)) - expected) <= 3e-7 * expected, "exp(\(x))")
        }
        #expect(Kernels.fastExp(0) == 1)
        #expect(Kernels.fastExp(-1000) < 1e-37)
        #expect(Kernels.fastExp(1000).isFinite)
    }

    @Test func vectorGeluMatchesErf() {
        var rng = SeededGenerator(seed: 22)
        var values = (0..<4003).map { _ in Float.random(in: -12...12, using: &rng) }
        values += [0, -0, 1e-8, -1e-8, 40, -40]
        var computed = values
        computed.withUnsafeMutableBufferPointer { Kernels.gelu($0.baseAddress!, count: $0.count) }
        for (x, y) in zip(values, computed) {
            let expected = 0.5 * Double(x) * (1 + erf(Double(x) / 2.0.squareRoot()))
            #expect(abs(Double(y) - expected) <= 2e-7 * max(1, abs(Double(x))), "gelu(\(x))")
        }
    }
}
