import Foundation
import Testing
import SkillsTestSupport
@testable import SkillsTaxonomy

@Suite struct TaxonomyLoaderTests {
    static let shipped: Result<Taxonomy, any Error> = Result { try TaxonomyLoader.load(directory: FixturePaths.taxonomies) }

    @Test func shippedTaxonomyHasESCOAndTechnologySkills() throws {
        let taxonomy = try Self.shipped.get()
        let esco = taxonomy.skills.filter { $0.id.hasPrefix("http://data.europa.eu/esco/skill/") }
        #expect(esco.count >= 13_000)
        #expect(esco.filter { !$0.altLabels.isEmpty }.count >= 12_000)
        #expect(esco.contains { $0.type == .knowledge })
        #expect(esco.allSatisfy { $0.type != .technology && !$0.broader.isEmpty })
        let technology = taxonomy.skills.filter { $0.type == .technology }
        #expect(technology.count >= 5_000)
        #expect(technology.allSatisfy { $0.id.hasPrefix("onet-tech:") })
        // Ids are sorted and every index round-trips.
        #expect(zip(taxonomy.skills, taxonomy.skills.dropFirst()).allSatisfy { $0.id < $1.id })
        for (position, skill) in taxonomy.skills.enumerated() where position % 97 == 0 {
            #expect(taxonomy.index(of: skill.id) == SkillIndex(position))
        }
    }

    @Test func knownSkillsAndHierarchy() throws {
        let taxonomy = try Self.shipped.get()
        let musical = try #require(taxonomy.skill(id: "http://data.europa.eu/esco/skill/0005c151-5b5a-4a66-8aac-60e734beb1ab"))
        #expect(musical.label == "manage musical staff")
        #expect(musical.altLabels.contains("direct musical staff"))
        #expect(musical.broader.contains("esco-group:S4.5.0"))
        #expect(taxonomy.ancestors(of: musical.id).prefix(4).contains("esco-group:S4.5"))
        #expect(taxonomy.ancestors(of: musical.id).contains("esco-group:S"))
        #expect(taxonomy.narrower(of: "esco-group:S4.5.0").contains(musical.id))
        #expect(taxonomy.skills(under: "esco-group:S4").contains(try #require(taxonomy.index(of: musical.id))))
        let group = try #require(taxonomy.group(id: "esco-group:K0611"))
        #expect(group.level == 3)
        #expect(taxonomy.skill(id: "onet-tech:c-plus-plus")?.label == "C++")
        #expect(taxonomy.skill(id: "onet-tech:python")?.type == .technology)
        #expect(taxonomy.skills.first { $0.label == "Spanish" }?.type == .knowledge)
    }

    @Test func shippedWagesAreExact() throws {
        let wages = try Self.shipped.get().wages
        let all = try #require(wages.wage(socCode: "00-0000"))
        #expect(all.employment == 155_495_730)
        #expect(all.hourlyMean == 33.54)
        #expect(all.annualMedian == 50_980)
        #expect(wages.area(code: WageTable.nationalAreaCode)?.name == "National")
        #expect(wages.occupationTitles["15-1252"] == "Software Developers")
        #expect(wages.wages(socCode: "15-1252").count > 300)
    }

    @Test func malformedWageFiguresNameTheLine() throws {
        let header = WageFiles.columns.joined(separator: "\t") + "\n"
        for bad in ["12a", "-5", "1.2.3", "1e5"] {
            let directory = try temporaryTaxonomy([
                "skills.tsv": skillsHeader + "a\tskill\tA\t\t\t\n",
                "wages.tsv": header + "11-1011\t0000000\t10\t\t\t\t\t\t\t\n11-1011\t0000001\t\(bad)\t\t\t\t\t\t\t\n",
            ])
            let error = #expect(throws: TaxonomyError.self) { try TaxonomyLoader.load(directory: directory) }
            #expect(error?.description == "wages.tsv:3: employment \"\(bad)\" is not a number")
        }
    }

    @Test func missingSkillsFileIsAnError() throws {
        let directory = try temporaryTaxonomy([:])
        let error = #expect(throws: TaxonomyError.self) { try TaxonomyLoader.load(directory: directory) }
        #expect(error?.kind == .missingFile)
        #expect(error?.file == "skills.tsv")
    }

    @Test func malformedSkillRowsNameTheLine() throws {
        let cases: [(String, TaxonomyError.Kind, Int)] = [
            (skillsHeader + "a\tskill\tA\t\t\t\nb\tgadget\tB\t\t\t\n", .invalidValue, 3),
            (skillsHeader + "a\tskill\tA\t\t\t\na\tskill\tA2\t\t\t\n", .duplicateID, 3),
            (skillsHeader + "a\tskill\t\t\t\t\n", .invalidValue, 2),
            (skillsHeader + "a\tskill\tA\t\t\n", .malformedRow, 2),
            ("id\ttype\tlabel\n", .missingColumn, 1),
        ]
        for (text, kind, line) in cases {
            let directory = try temporaryTaxonomy(["skills.tsv": text])
            let error = #expect(throws: TaxonomyError.self) { try TaxonomyLoader.load(directory: directory) }
            #expect(error?.kind == kind)
            #expect(error?.line == line)
            #expect(error?.file == "skills.tsv")
        }
    }

    @Test func smallTaxonomyWithOccupationsProfilesAndWages() throws {
        let directory = try temporaryTaxonomy([
            "skills.tsv": skillsHeader + "a\tskill\tAlpha\talpha one|a1\tg:1\t\nb\ttechnology\tBeta\t\t\tdesc\n",
            "skill_groups.tsv": "id\tcode\tlevel\tlabel\tbroader\ng:1\t1\t0\tGroup\t\n",
            "occupations.tsv": "id\tsoc_code\ttitle\tdescription\talternate_titles\tjob_zone\n"
                + "11-1011.00\t11-1011\tChief Executives\tRun things.\tCEO|Chief\t5\n",
            "work_activities.tsv": "id\ttitle\nd1\tPlan.\nd2\tLead.\n",
            "occupation_tasks.tsv": "occupation_id\ttask_id\ttask\tdwa_ids\n11-1011.00\t1\tPlan budgets.\td1|d2\n"
                + "11-1011.00\t2\tLead staff.\td2\n",
            "occupation_profiles.tsv": "occupation_id\tskill_id\tweight\n11-1011.00\tb\t0.9\n11-1011.00\ta\t0.5\n",
            "wage_areas.tsv": "code\ttype\tstate_code\tname\n0000000\tN\t00\tNational\n",
            "wages.tsv": WageFiles.columns.joined(separator: "\t") + "\n11-1011\t0000000\t200000\t100.5\t209040\t\t\t\t\t\n",
        ])
        let taxonomy = try TaxonomyLoader.load(directory: directory)
        #expect(taxonomy.skills.map(\.id) == ["a", "b"])
        #expect(taxonomy.narrower(of: "g:1") == ["a"])
        let occupation = try #require(taxonomy.occupation(id: "11-1011.00"))
        #expect(occupation.alternateTitles == ["CEO", "Chief"])
        #expect(occupation.tasks == ["Plan budgets.", "Lead staff."])
        #expect(occupation.workActivities == ["Plan.", "Lead."])
        #expect(occupation.jobZone == 5)
        #expect(taxonomy.profile(ofOccupation: "11-1011.00").map(\.skill) == [1, 0])
        let wage = try #require(taxonomy.wages.wage(socCode: "11-1011"))
        #expect(wage.employment == 200_000)
        #expect(wage.annualMean == 209_040)
        #expect(wage.annualMedian == nil)
    }

    @Test func unknownReferencesInOccupationFiles() throws {
        let directory = try temporaryTaxonomy([
            "skills.tsv": skillsHeader + "a\tskill\tAlpha\t\t\t\n",
            "occupations.tsv": "id\tsoc_code\ttitle\tdescription\talternate_titles\tjob_zone\no1\t\tO\t\t\t\n",
            "occupation_profiles.tsv": "occupation_id\tskill_id\tweight\no1\ta\t1\no1\tzz\t0.5\n",
        ])
        let error = #expect(throws: TaxonomyError.self) { try TaxonomyLoader.load(directory: directory) }
        #expect(error?.description == "occupation_profiles.tsv:3: unknown skill zz")
    }
}
