import Foundation
import SkillsTestSupport

/// A deliberately plain BERT forward pass (one text at a time, nested loops, Double accumulation)
/// to check the packed BLAS implementation against.
struct NaiveBert {
    let model: TinyModel

    func embed(_ ids: [Int32]) -> [Float] {
        let h = model.hidden, d = h / model.heads
        let word = model.tensor("embeddings.word_embeddings.weight")
        let position = model.tensor("embeddings.position_embeddings.weight")
        let type = model.tensor("embeddings.token_type_embeddings.weight")
        var x: [[Float]] = ids.enumerated().map { t, id in
            (0..<h).map { word[Int(id) * h + $0] + position[t * h + $0] + type[$0] }
        }
        x = x.map { layerNorm($0, "embeddings.LayerNorm") }
        for n in 0..<model.layers {
            let p = "encoder.layer.\(n)."
            let q = x.map { linear($0, p + "attention.self.query") }
            let k = x.map { linear($0, p + "attention.self.key") }
            let v = x.map { linear($0, p + "attention.self.value") }
            var context = [[Float]](repeating: [Float](repeating: 0, count: h), count: x.count)
            for head in 0..<model.heads {
                let range = head * d..<(head + 1) * d
                for i in x.indices {
                    let scores = x.indices.map { j in
                        range.reduce(0.0) { $0 + Double(q[i][$1]) * Double(k[j][$1]) } / Double(d).squareRoot()
                    }
                    let peak = scores.max()!
                    let weights = scores.map { exp($0 - peak) }
                    let total = weights.reduce(0, +)
                    for c in range {
                        context[i][c] = Float(x.indices.reduce(0.0) { $0 + weights[$1] / total * Double(v[$1][c]) })
                    }
                }
            }
            x = x.indices.map { i in
                let projected = linear(context[i], p + "attention.output.dense")
                return layerNorm(zip(projected, x[i]).map(+), p + "attention.output.LayerNorm")
            }
            x = x.map { row in
                let inner = linear(row, p + "intermediate.dense").map { v in
                    Float(0.5 * Double(v) * (1 + erf(Double(v) / 2.0.squareRoot())))
                }
                return layerNorm(zip(linear(inner, p + "output.dense"), row).map(+), p + "output.LayerNorm")
            }
        }
        var pooled = (0..<h).map { j in x.reduce(0.0) { $0 + Double($1[j]) } / Double(x.count) }
        let norm = pooled.reduce(0) { $0 + $1 * $1 }.squareRoot()
        pooled = pooled.map { $0 / norm }
        return pooled.map(Float.init)
    }

    private func linear(_ x: [Float], _ name: String) -> [Float] {
        let w = model.tensor(name + ".weight"), b = model.tensor(name + ".bias")
        return b.indices.map { o in
            Float(x.indices.reduce(Double(b[o])) { $0 + Double(w[o * x.count + $1]) * Double(x[$1]) })
        }
    }

    private func layerNorm(_ x: [Float], _ name: String) -> [Float] {
        let w = model.tensor(name + ".weight"), b = model.tensor(name + ".bias")
        let mean = x.reduce(0.0) { $0 + Double($1) } / Double(x.count)
        let variance = x.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / Double(x.count)
        return x.indices.map { Float((Double(x[$0]) - mean) / (variance + 1e-12).squareRoot() * Double(w[$0]) + Double(b[$0])) }
    }
}
