import Foundation
import SkillsTestSupport
import Testing
@testable import SkillsTaxonomy

/// OccupationProfileBuilder against a direct reference computation of its documented TF-IDF
/// weighting on seeded random occupations.
@Suite struct ExtractionProfileBuilderTests {
    private static let skills: [Skill] = (0..<30).map { (i: Int) -> Skill in
        Skill(id: "s\(i)", label: "skillword\(i) practice", type: .skill)
    }

    private static func occupations(seed: UInt64) -> [SkillsTaxonomy.Occupation] {
        var rng = SeededGenerator(seed: seed)
        return (0..<12).map { o in
            func sentence() -> String {
                var picks: [String] = []
                for _ in 0..<Int.random(in: 0...3, using: &rng) {
                    picks.append(skills[Int.random(in: 0..<skills.count, using: &rng)].label)
                }
                return "Do " + picks.joined(separator: ", then ") + "."
            }
            return SkillsTaxonomy.Occupation(
                id: "o\(o)", title: "Worker \(o)", description: sentence(), tasks: (0..<4).map { _ in sentence() },
                workActivities: (0..<3).map { _ in sentence() }, technologySkills: [SkillIndex(Int.random(in: 0..<30, using: &rng))])
        }
    }

    @Test(arguments: [1, 2, 3])
    func weightsFollowTheDocumentedTfIdf(seed: UInt64) throws {
        let extractor = try SkillExtractor(skills: Self.skills)
        let builder = try OccupationProfileBuilder(extractor: extractor, options: .init(topN: 5))
        let occupations = Self.occupations(seed: seed)
        let profiles = builder.profiles(for: occupations)

        // Reference: count mentions directly from the generated texts.
        var tf: [[SkillIndex: Double]] = []
        for occupation in occupations {
            var counts: [SkillIndex: Double] = [:]
            func add(_ text: String, _ w: Double) {
                for hit in extractor.extract(text) { counts[hit.skill, default: 0] += w * hit.confidence }
            }
            add(occupation.title, 0.5)
            add(occupation.description, 1.0)
            occupation.tasks.forEach { add($0, 1.0) }
            occupation.workActivities.forEach { add($0, 0.6) }
            occupation.technologySkills.forEach { counts[$0, default: 0] += 0.5 }
            tf.append(counts)
        }
        let n = Double(occupations.count)
        for (o, profile) in profiles.enumerated() {
            var expected: [(skill: SkillIndex, weight: Double)] = []
            for (skill, value) in tf[o] {
                let df = Double(tf.filter { $0[skill] != nil }.count)
                expected.append((skill, value * (log((1 + n) / (1 + df)) + 1)))
            }
            expected.sort { a, b in
                a.weight != b.weight ? a.weight > b.weight : Self.skills[Int(a.skill)].id < Self.skills[Int(b.skill)].id
            }
            let top = Array(expected.prefix(5))
            let expectedSkills: [SkillIndex] = top.map { $0.skill }
            let actualSkills: [SkillIndex] = profile.map { $0.skill }
            #expect(actualSkills == expectedSkills)
            for (entry, reference) in zip(profile, top) {
                #expect(abs(Double(entry.weight) - reference.weight / top[0].weight) < 1e-5)
            }
            #expect(profile.first.map { $0.weight == 1 } ?? true)
        }
    }

    @Test func tsvIsDeterministicAndParsable() throws {
        let builder = try OccupationProfileBuilder(extractor: SkillExtractor(skills: Self.skills))
        let occupations = Self.occupations(seed: 9)
        let first = builder.tsv(occupations: occupations, profiles: builder.profiles(for: occupations))
        let second = builder.tsv(occupations: occupations, profiles: builder.profiles(for: occupations))
        #expect(first == second)
        let lines = first.split(separator: "\n")
        #expect(lines.first == "occupation_id\tskill_id\tweight")
        for line in lines.dropFirst() {
            let fields = line.split(separator: "\t")
            #expect(fields.count == 3)
            #expect(Double(fields[2]).map { $0 > 0 && $0 <= 1 } == true)
        }
    }

    @Test func invalidOptionsAreRejected() throws {
        let extractor = try SkillExtractor(skills: Self.skills)
        #expect(throws: ExtractionError("profile topN must be within 1...1000, got 0")) {
            try OccupationProfileBuilder(extractor: extractor, options: .init(topN: 0))
        }
        #expect(throws: ExtractionError.self) {
            try OccupationProfileBuilder(extractor: extractor, options: .init(taskWeight: -1))
        }
    }
}
