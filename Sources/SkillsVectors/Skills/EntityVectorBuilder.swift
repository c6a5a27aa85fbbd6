/// An entity's vector (candidate, job, program): the L2-normalised weighted sum of its skills'
/// vectors, `v = normalise(Σ wᵢ · skillᵢ)`, accumulated with BLAS `saxpy`.
///
/// An entity with no skills, or whose weighted sum cancels to zero, gets the zero vector (cosine 0
/// with everything) rather than an error: it is a valid, if unhelpful, profile.
public struct EntityVectorBuilder: Sendable {
    public let skills: SkillVectors

    public init(skills: SkillVectors) { self.skills = skills }

    /// The vector of one skill profile. Weights must be finite and ≥ 0; repeated skills add up.
    public func vector(profile: [(skill: Int32, weight: Float)]) throws -> [Float] {
        var sum = [Float](repeating: 0, count: skills.dimension)
        try accumulate(profile, into: &sum)
        return sum
    }

    /// Vectors for many profiles, one row each.
    public func matrix(profiles: [[(skill: Int32, weight: Float)]]) throws -> VectorMatrix {
        let d = skills.dimension
        var values = [Float](repeating: 0, count: profiles.count * d)
        var row = [Float](repeating: 0, count: d)
        for (index, profile) in profiles.enumerated() {
            for i in 0..<d { row[i] = 0 }
            try accumulate(profile, into: &row)
            values.replaceSubrange(index * d..<(index + 1) * d, with: row)
        }
        return try VectorMatrix(dimension: d, values: values)
    }

    private func accumulate(_ profile: [(skill: Int32, weight: Float)], into sum: inout [Float]) throws {
        let d = skills.dimension
        for (skill, weight) in profile {
            try skills.matrix.checkRow(skill)
            guard weight.isFinite, weight >= 0 else {
                throw VectorsError(.invalidArgument, "weight of skill \(skill) must be finite and ≥ 0, got \(weight)")
            }
        }
        skills.matrix.withUnsafeBufferPointer { m in
            sum.withUnsafeMutableBufferPointer { out in
                for (skill, weight) in profile where weight > 0 {
                    BLAS.saxpy(d, alpha: weight, m.baseAddress! + Int(skill) * d, out.baseAddress!)
                }
                let norm = BLAS.snrm2(d, out.baseAddress!)
                if norm > 0 { BLAS.sscal(d, alpha: 1 / norm, out.baseAddress!) }
            }
        }
    }
}
