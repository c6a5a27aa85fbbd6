// Properties of label resolution over the shipped taxonomy:
// 1. Every preferred and alternative label resolves to the skill a sorted reference picks: the lowest
//    (ESCO before O*NET technology, preferred before alternative, taxonomy order) among the skills
//    carrying that label.
// 2. A label both an ESCO skill and an O*NET technology carry ("PostgreSQL") resolves to the skill
//    the extractor finds for the same text, so stated and extracted skills agree.
import Foundation
import SkillsIngestion
import SkillsTaxonomy
import SkillsTestSupport
import Testing

@testable import SkillsEngine

struct TaxonomySkillResolverTests {
    static let taxonomy = Result { try TaxonomyLoader.load(directory: FixturePaths.taxonomies) }

    @Test func labelsResolveLikeTheSortedReference() throws {
        let taxonomy = try Self.taxonomy.get()
        let resolver = TaxonomySkillResolver(taxonomy: taxonomy, extractor: try SkillExtractor(taxonomy: taxonomy))
        var entries: [(key: String, technology: Bool, alternative: Bool, position: Int)] = []
        for (position, skill) in taxonomy.skills.enumerated() {
            let technology = skill.type == .technology
            entries.append((TaxonomySkillResolver.key(skill.label), technology, false, position))
            for alt in skill.altLabels { entries.append((TaxonomySkillResolver.key(alt), technology, true, position)) }
        }
        entries.sort { a, b in
            (a.key, a.technology ? 1 : 0, a.alternative ? 1 : 0, a.position) < (b.key, b.technology ? 1 : 0, b.alternative ? 1 : 0, b.position)
        }
        var checked = 0, contested = 0
        for (i, entry) in entries.enumerated() where i == 0 || entries[i - 1].key != entry.key {
            if i + 1 < entries.count, entries[i + 1].key == entry.key, entries[i + 1].position != entry.position { contested += 1 }
            let resolved = resolver.resolve(SkillReference(label: entry.key))
            #expect(resolved == Int32(entry.position), "\(entry.key)")
            checked += 1
        }
        #expect(checked > 90_000)
        #expect(contested > 100)  // collisions exist, so the ordering is exercised
    }

    @Test func escoAndTechnologyNamesResolveAsTheyAreExtracted() throws {
        let taxonomy = try Self.taxonomy.get()
        let extractor = try SkillExtractor(taxonomy: taxonomy)
        let resolver = TaxonomySkillResolver(taxonomy: taxonomy, extractor: extractor)
        for name in ["PostgreSQL", "MySQL", "JavaScript"] {
            let resolved = try #require(resolver.resolve(SkillReference(label: name)), "\(name)")
            #expect(taxonomy[resolved].type != .technology, "\(name) resolved to \(taxonomy[resolved].id)")
            if let extracted = extractor.extract(name).first { #expect(extracted.skill == resolved, "\(name)") }
        }
    }
}
