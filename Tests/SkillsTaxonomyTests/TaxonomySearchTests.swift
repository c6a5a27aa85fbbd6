import Testing
import SkillsTestSupport
@testable import SkillsTaxonomy

@Suite struct TaxonomySearchTests {
    static let taxonomy = try! Taxonomy(skills: [
        Skill(id: "a", label: "Python", altLabels: ["python programming"], type: .technology),
        Skill(id: "b", label: "Python for data science", type: .knowledge),
        Skill(id: "c", label: "C++", type: .technology),
        Skill(id: "d", label: "manage project budgets", altLabels: ["budget management"], type: .skill),
        Skill(id: "e", label: "project management", type: .skill),
        Skill(id: "f", label: "Node.js", type: .technology),
    ])

    @Test func rankingPrefersExactThenPrefixThenTokens() {
        let search = TaxonomySearch(Self.taxonomy)
        #expect(search.search("python").map(\.skill) == [0, 1])
        #expect(search.search("pyth").map(\.skill) == [0, 1])
        #expect(search.search("C++").first?.skill == 2)
        #expect(search.search("node.js").first?.skill == 5)
        #expect(search.search("project manag").map(\.skill) == [4, 3])
        #expect(search.search("budget").map(\.skill) == [3])
        #expect(search.search("management").map(\.skill).sorted() == [3, 4])
        #expect(search.search("").isEmpty)
        #expect(search.search("!!!").isEmpty)
        #expect(search.search("python", limit: 1).count == 1)
    }

    /// Every hit holds every query word (the last as a prefix), checked against a brute-force scan.
    @Test func hitsMatchABruteForceScanOnTheShippedTaxonomy() throws {
        let taxonomy = try TaxonomyLoaderTests.shipped.get()
        let search = TaxonomySearch(taxonomy)
        // Words of every label, computed once (the scan is the slow part in a debug build).
        let labelWords = taxonomy.skills.map { skill in ([skill.label] + skill.altLabels).map(TaxonomySearch.words) }
        var random = SeededGenerator(seed: 17)
        for _ in 0..<10 {
            let skill = taxonomy.skills.randomElement(using: &random)!
            var words = TaxonomySearch.words(skill.label)
            guard !words.isEmpty else { continue }
            words = Array(words.prefix(2))
            if words.count == 2, words[1].count > 3 { words[1] = String(words[1].prefix(3)) }
            let query = words.joined(separator: " ")
            let hits = search.search(query, limit: 100_000)
            let expected = Set(labelWords.indices.filter { position in
                labelWords[position].contains { label in
                    words.dropLast().allSatisfy(label.contains) && label.contains { $0.hasPrefix(words.last!) }
                }
            }.map { SkillIndex($0) })
            #expect(Set(hits.map(\.skill)) == expected, "query \(query)")
            #expect(hits.contains { $0.skill == taxonomy.index(of: skill.id)! })
            #expect(zip(hits, hits.dropFirst()).allSatisfy { $0.score >= $1.score })
        }
    }

    @Test func statsCountTheShippedTaxonomy() throws {
        let stats = try TaxonomyLoaderTests.shipped.get().stats
        #expect(stats.escoSkills >= 13_000)
        #expect(stats.skillsByType["technology"] ?? 0 >= 5_000)
        #expect(stats.occupations >= 900)
        #expect(stats.occupationsWithTasks >= 850)
        #expect(stats.wageRows > 100_000)
        #expect(stats.lines.first == "skills: \(stats.skills)")
    }
}
