import Testing
@testable import SkillsTaxonomy

@Suite struct ExtractionGuardTests {
    let extractor: SkillExtractor

    init() throws { extractor = try ExtractionFixtures.extractor() }

    @Test func oneLetterNamesNeedTechnicalContext() {
        #expect(!extractor.ids("She got a C in the exam").contains("esco:c"))
        #expect(!extractor.ids("R&D department").contains("esco:r"))
        #expect(!extractor.ids("plan c is fine").contains("esco:c"))
        #expect(extractor.ids("Programming languages: C, C++ and Java").contains("esco:c"))
        #expect(extractor.ids("Statistics in R and Python").contains("esco:r"))
    }

    @Test func commonWordNamesNeedCapitalsAndContext() {
        #expect(!extractor.ids("less is more when you go home").contains("esco:less"))
        #expect(!extractor.ids("Let's go to the office").contains("esco:go"))
        #expect(extractor.ids("Stylesheets in LESS and SQL").contains("esco:less"))
        #expect(extractor.ids("Backend services in Go and Python").contains("esco:go"))
    }

    @Test func genericAlternativeLabelsDoNotNameNarrowSkills() {
        #expect(!extractor.ids("You will design new features").contains("esco:creative"))
    }

    @Test func boilerplateIsDownWeighted() {
        let eeo = """
            We are an equal opportunity employer. All qualified applicants will receive consideration \
            regardless of race, religion, gender identity or disability, and our communication insurance \
            market benefits include dental insurance.
            """
        #expect(extractor.extract(eeo).isEmpty)
        let job = "Requirements: software development in Python.\nBenefits:\nSoftware development budget\nPython courses"
        let found = extractor.extract(job)
        let sw = found.first { $0.id == "esco:sw" }
        #expect(sw?.spans.count == 1)  // the mention under "Benefits" does not count
    }

    @Test func aWeakCueDoesNotMakeATitleBoilerplate() {
        // "medical" and "health" are weak cues: a programme title or heading with one is content.
        #expect(extractor.ids("Medical Software Development").contains("esco:sw"))
        #expect(extractor.ids("Health informatics\nsoftware development in Python").contains("esco:sw"))
        #expect(!extractor.ids("Benefits\nsoftware development budget").contains("esco:sw"))
    }

    @Test func blockedPhrasesHideNestedPhrases() throws {
        let blocking = try ExtractionFixtures.extractor(ExtractionOptions(blockedPhrases: ["python course"]))
        #expect(!blocking.ids("A Python course is offered").contains("esco:python"))
        #expect(blocking.ids("Python is required").contains("esco:python"))
    }

    @Test func aliasesAddNames() throws {
        let aliased = try ExtractionFixtures.extractor(
            ExtractionOptions(aliases: [ExtractionAlias(skillID: "esco:sw", phrase: "SWE")]))
        #expect(aliased.ids("Senior SWE wanted").contains("esco:sw"))
    }

    @Test func invalidConfigurationIsRejectedWithAPreciseError() {
        #expect(throws: ExtractionError("minimumConfidence must be within 0...1, got 1.5")) {
            try ExtractionFixtures.extractor(ExtractionOptions(minimumConfidence: 1.5))
        }
        #expect(throws: ExtractionError("alias \"x y\" names unknown skill id esco:nope")) {
            try ExtractionFixtures.extractor(ExtractionOptions(aliases: [ExtractionAlias(skillID: "esco:nope", phrase: "x y")]))
        }
        #expect(throws: ExtractionError.self) {
            try ExtractionFixtures.extractor(ExtractionOptions(blockedPhrases: [" -- "]))
        }
        #expect(throws: ExtractionError.self) {
            try ExtractionFixtures.extractor(ExtractionOptions(maximumPhraseTokens: 0))
        }
    }
}
