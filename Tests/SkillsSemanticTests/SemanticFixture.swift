// SPDX-License-Identifier: Apache-2.0
import Foundation
import SkillsEncoder
import SkillsSemantic
import SkillsTaxonomy
import SkillsTestSupport

/// A tiny random BERT (``TinyModel``) with a skill list written in its vocabulary, for tests that
/// need real encoder arithmetic but not the real model.
struct SemanticFixture {
    let modelDirectory: URL
    let cacheDirectory: URL
    let encoder: SentenceEncoder
    let skills: [Skill]
    let vectors: SkillLabelVectors

    static let skillList: [Skill] = [
        Skill(id: "s:hvac", label: "hvac system", altLabels: ["keep hvac systems running"], type: .skill),
        Skill(id: "s:care", label: "patient care", altLabels: ["nurse care"], type: .skill),
        Skill(id: "s:data", label: "data analyst", type: .knowledge),
        Skill(id: "t:python", label: "python", type: .technology),
        Skill(id: "t:java", label: "java", altLabels: ["javascript"], type: .technology),
        Skill(id: "s:nurse", label: "nurse", type: .skill),
    ]

    init(seed: UInt64 = 7, skills: [Skill] = Self.skillList) throws {
        modelDirectory = try TinyModel(seed: seed).write(maxSequenceLength: 24)
        cacheDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("semantic-\(UUID().uuidString)")
        encoder = try SentenceEncoder(modelDirectory: modelDirectory)
        self.skills = skills
        vectors = try SkillLabelVectors(skills: skills, encoder: encoder, cacheDirectory: cacheDirectory)
    }

    func remove() {
        for url in [modelDirectory, cacheDirectory] { try? FileManager.default.removeItem(at: url) }
    }

    /// Words the tiny vocabulary knows whole, for random texts.
    static let words = ["the", "hvac", "system", "keep", "nurse", "care", "patient", "data", "python", "java", "a", "b", "c"]
}
