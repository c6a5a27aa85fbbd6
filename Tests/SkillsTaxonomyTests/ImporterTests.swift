import Foundation
import Testing
import SkillsTestSupport
@testable import SkillsTaxonomy

@Suite(.enabled(if: FixturePaths.hasSharedData)) struct ImporterTests {
    static let escoDirectory = FixturePaths.shared("taxonomy/esco-1.1.1")
    static let onetDirectory = FixturePaths.shared("taxonomy/onet-29.2")

    @Test func escoImportMatchesTheOfficialCounts() throws {
        let taxonomy = try ESCOImporter.importTaxonomy(from: [Self.escoDirectory])
        #expect(taxonomy.skills.count == 13_896)
        #expect(taxonomy.occupations.count == 3_007)
        #expect(taxonomy.occupationSkillRelations.count == 123_855)
        #expect(taxonomy.skillGroups.count == 640)
        #expect(taxonomy.skillRelations.count == 5_899)
        let attached = taxonomy.occupations.reduce(0) { $0 + $1.essentialSkills.count + $1.optionalSkills.count }
        #expect(attached > 123_000 && attached <= 123_855)

        let skill = try #require(taxonomy.skill(id: "http://data.europa.eu/esco/skill/0005c151-5b5a-4a66-8aac-60e734beb1ab"))
        #expect(skill.label == "manage musical staff")
        #expect(skill.altLabels.contains("direct musical staff"))
        #expect(skill.type == .skill)
        #expect(!skill.broader.isEmpty)
        #expect(!skill.description.isEmpty)
        #expect(taxonomy.skills.filter { $0.type == .knowledge }.count == 3_059)

        let director = try #require(taxonomy.occupation(id: "http://data.europa.eu/esco/occupation/00030d09-2b3a-4efd-87cc-c4ea39d27c34"))
        #expect(director.title == "technical director")
        #expect(director.iscoGroup == "2654")
        #expect(director.alternateTitles.contains("technical manager"))
        #expect(!director.essentialSkills.isEmpty)
        // The hierarchy reaches the pillar level from a skill.
        #expect(taxonomy.ancestors(of: skill.id).contains { taxonomy.group(id: $0)?.level == 0 })
    }

    @Test func escoImportFromTheZipsEqualsImportFromTheFolderOfZips() throws {
        let zips = ["esco-v1.1.1-classification-en-csv.zip", "esco-v1.1.1-relations-csv.zip"]
            .map { Self.escoDirectory.appendingPathComponent($0) }
        let fromZips = try ESCOImporter.importTaxonomy(from: zips)
        #expect(fromZips.skills.count == 13_896)
        #expect(fromZips.occupationSkillRelations.count == 123_855)
    }

    @Test func escoImportNeedsTheSkillsFile() throws {
        let directory = try temporaryTaxonomy(["occupations_en.csv": "conceptUri\n"])
        let error = #expect(throws: TaxonomyError.self) { try ESCOImporter.importTaxonomy(from: [directory]) }
        #expect(error?.kind == .missingFile)
        #expect(error?.file == "skills_en.csv")
    }

    @Test func truncatedESCOZipIsAClearError() throws {
        let zip = try Data(contentsOf: Self.escoDirectory.appendingPathComponent("esco-v1.1.1-relations-csv.zip"))
        let directory = try temporaryTaxonomy([:])
        let truncated = directory.appendingPathComponent("relations.zip")
        try zip.prefix(zip.count / 2).write(to: truncated)
        let error = #expect(throws: TaxonomyError.self) { try ESCOImporter.importTaxonomy(from: [truncated]) }
        #expect(error?.kind == .archive)
    }

    @Test func onetImportHasOccupationsTasksAndTechnology() throws {
        let taxonomy = try ONETImporter.importTaxonomy(from: Self.onetDirectory)
        #expect((900...1_100).contains(taxonomy.occupations.count))
        #expect(taxonomy.skills.count > 5_000)
        #expect(taxonomy.skills.allSatisfy { $0.type == .technology && $0.id.hasPrefix("onet-tech:") })
        let developers = try #require(taxonomy.occupation(id: "15-1252.00"))
        #expect(developers.title == "Software Developers")
        #expect(developers.socCode == "15-1252")
        #expect(developers.tasks.count >= 10)
        #expect(!developers.workActivities.isEmpty)
        #expect(developers.alternateTitles.count >= 10)
        #expect(developers.jobZone == 4)
        let python = try #require(taxonomy.index(of: "onet-tech:python"))
        #expect(developers.technologySkills.contains(python))
        #expect(taxonomy.occupations.filter { !$0.tasks.isEmpty }.count >= 850)
    }

    /// O*NET on top of the shipped taxonomy reuses the shipped technology ids.
    @Test func onetImportOnTheShippedTaxonomyReusesTechnologyIDs() throws {
        var taxonomy = try TaxonomyLoader.load(directory: FixturePaths.taxonomies)
        let before = taxonomy.skills.count
        try ONETImporter.apply(from: Self.onetDirectory, to: &taxonomy)
        #expect(taxonomy.skills.count - before < 1_000)
        #expect(taxonomy.occupation(id: "15-1252.00")?.technologySkills.isEmpty == false)
    }

    @Test func missingOccupationDataIsAnError() throws {
        let directory = try temporaryTaxonomy(["Job Zones.txt": "O*NET-SOC Code\tJob Zone\n"])
        let error = #expect(throws: TaxonomyError.self) { try ONETImporter.importTaxonomy(from: directory) }
        #expect(error?.file == "Occupation Data.txt")
    }

    @Test func cipImportReadsCodesAndCrosswalk() throws {
        let programs = try CIPImporter.importCodes(
            codes: FixturePaths.shared("taxonomy/us-codes/CIPCode2020.csv"),
            crosswalk: FixturePaths.shared("taxonomy/us-codes/soc2018_cip2020_crosswalk.csv"))
        #expect(programs.codes.count > 2_000)
        #expect(programs.code("01.0101")?.title == "Agricultural Business and Management, General.")
        #expect(programs.code("11") != nil)
        #expect(programs.socCodes(forCIP: "52.0201").contains("11-1011"))
        #expect(programs.cipCodes(forSOC: "11-1011").contains("44.0401"))
        #expect(programs.crosswalkCount > 5_000)
    }

    @Test func cipImportRejectsBadCodes() throws {
        let directory = try temporaryTaxonomy(["cip.csv": "CIP_Code,CIP_Title\n01.0101,Fine\nABC,Bad\n"])
        let error = #expect(throws: TaxonomyError.self) {
            try CIPImporter.importCodes(codes: directory.appendingPathComponent("cip.csv"))
        }
        #expect(error?.line == 3)
        #expect(CIPImporter.normalized("=\"01.0101\"") == "01.0101")
    }
}

@Suite(.enabled(if: FixturePaths.hasSharedData)) struct TaxonomyWriterTests {
    /// An O*NET import (plus ESCO-style relations), written in the shipped format and loaded back,
    /// keeps its content. (The full ESCO import is left out: too slow for a debug test run.)
    @Test func importedTaxonomyRoundTripsThroughTheFileFormat() throws {
        var taxonomy = try ONETImporter.importTaxonomy(from: ImporterTests.onetDirectory)
        taxonomy.occupationSkillRelations = [
            OccupationSkillRelation(occupationID: "15-1252.00", skill: 0, type: "essential"),
            OccupationSkillRelation(occupationID: "15-1252.00", skill: 1, type: "optional"),
        ]
        let directory = try temporaryTaxonomy([:])
        try TaxonomyWriter.write(taxonomy, to: directory)
        let loaded = try TaxonomyLoader.load(directory: directory)
        #expect(loaded.skills.map(\.id) == taxonomy.skills.map(\.id))
        #expect(loaded.skills.map(\.altLabels) == taxonomy.skills.map(\.altLabels))
        #expect(loaded.occupations.count == taxonomy.occupations.count)
        let attached = taxonomy.occupationSkillRelations.filter { taxonomy.occupation(id: $0.occupationID) != nil }.count
        #expect(loaded.occupationSkillRelations.count == attached)
        let developers = try #require(loaded.occupation(id: "15-1252.00"))
        #expect(developers.tasks == taxonomy.occupation(id: "15-1252.00")?.tasks)
        #expect(developers.technologySkills.count == taxonomy.occupation(id: "15-1252.00")?.technologySkills.count)
        #expect(Set(developers.workActivities) == Set(taxonomy.occupation(id: "15-1252.00")!.workActivities))
        let manifest = try TaxonomyManifest.read(from: directory.appendingPathComponent("manifest.json"))
        #expect(manifest.files["skills.tsv"]?.rows == taxonomy.skills.count)
    }
}
