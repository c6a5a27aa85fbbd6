import Testing
@testable import SkillsTaxonomy

@Suite struct ExtractionNormalizationTests {
    let extractor: SkillExtractor

    init() throws { extractor = try ExtractionFixtures.extractor() }

    @Test func caseAndPunctuationDoNotMatter() {
        #expect(extractor.ids("We need SOFTWARE DEVELOPMENT, fast.").contains("esco:sw"))
        #expect(extractor.ids("software-development").contains("esco:sw"))
    }

    @Test func pluralsAndInflectionsMeetTheLabel() {
        #expect(extractor.ids("You will be solving problems every day.").contains("esco:solve"))
        #expect(extractor.ids("Developing automated software testing is key.").contains("esco:test"))
        #expect(extractor.ids("Working in a team.").contains("esco:teams"))
    }

    @Test func hyphenatedNounPhraseMeetsVerbLabel() {
        // "solve problems" is also read as "problem solving" (a derived name).
        #expect(extractor.ids("Strong problem-solving skills").contains("esco:solve"))
    }

    @Test(arguments: [
        ("Experience with C++ and Docker", "esco:cpp"),
        ("Experience with C# and Docker", "esco:csharp"),
        ("Backend in .NET and SQL", "esco:dotnet"),
        ("Services in Node.js", "esco:node"),
        ("We run CI/CD pipelines", "esco:cicd"),
        ("We run CI / CD pipelines", "esco:cicd"),
    ])
    func techNamesKeepTheirSymbols(text: String, id: String) {
        #expect(extractor.ids(text).contains(id))
    }

    @Test func symbolsAreNotConfused() {
        let ids = extractor.ids("Languages: C++, C#, Java")
        #expect(ids.contains("esco:cpp") && ids.contains("esco:csharp"))
        #expect(!ids.contains("esco:c"))
    }

    @Test func longestPhraseWins() {
        let found = extractor.extract("Agile software development teams")
        #expect(found.map(\.id).contains("esco:agile"))
        #expect(!found.map(\.id).contains("esco:sw"))
    }

    @Test func qualifierFreeNameMatchesAndTaxonomySkillBeatsTechnologyDuplicate() {
        let ids = extractor.ids("Five years of Python and Docker")
        #expect(ids.contains("esco:python"))
        #expect(!ids.contains("onet-tech:python"))
        #expect(ids.contains("onet-tech:docker"))
    }

    @Test func spansAreUnicodeScalarOffsets() throws {
        let text = "Écrit: résumé writing 👩‍💻 and Python"
        let found = extractor.extract(text)
        let scalars = Array(text.unicodeScalars)
        for hit in found {
            for span in hit.spans {
                #expect(span.lowerBound >= 0 && span.upperBound <= scalars.count && !span.isEmpty)
            }
        }
        let python = try #require(found.first { $0.id == "esco:python" })
        #expect(String(String.UnicodeScalarView(scalars[python.spans[0]])) == "Python")
        let resume = try #require(found.first { $0.id == "esco:resume" })
        #expect(String(String.UnicodeScalarView(scalars[resume.spans[0]])) == "résumé writing")
    }

    @Test func aMentionSpelledAsAnyOfTheSkillsLabelsIsNoOtherInflection() throws {
        // "weld" and "welding" both label esco:weld (they meet in one stemmed phrase); esco:join's
        // "welding" shares no word with "join metals" and gives way to the label that does.
        let found = extractor.extract("Students learn welding.")
        #expect(found.map(\.id) == ["esco:weld"])
        let welded = try #require(ExtractionFixtures.extractor(ExtractionOptions(minimumConfidence: 0.3))
            .extract("Students welded.").first { $0.id == "esco:weld" })
        #expect(welded.confidence < (found.first?.confidence ?? 0))  // "welded" is another inflection
    }

    @Test func lightVerbLabelsAreNamedByTheirObject() {
        // "perform metal inert gas welding" → "metal inert gas welding"; "apply arc welding
        // techniques" → "arc welding techniques" and "arc welding".
        let ids = extractor.ids("Shielded Metal Arc Welding, metal inert gas welding and arc welding techniques")
        #expect(ids.isSuperset(of: ["esco:arc", "esco:mig"]))
        // A one-word object alone is too ambiguous: "flux" does not name "apply flux".
        #expect(!extractor.ids("Solder with flux").contains("esco:flux"))
    }

    @Test func upperCaseAcronymAlternativeIsASynonym() {
        #expect(extractor.ids("Certified in CPR").contains("esco:cpr"))
        // A multi-word alternative sharing no word with the label stays below the threshold alone.
        #expect(!extractor.ids("Basic life support").contains("esco:cpr"))
    }

    @Test func titleCaseIsNoSignOfAName() {
        // Inside a sentence a capital on a lower-case label suggests a name ("the Mechanics team"),
        // in a title-cased line every word has one.
        #expect(extractor.ids("Diesel and Truck Mechanics").contains("esco:mechanics"))
        #expect(!extractor.ids("Ask the Mechanics team about it").contains("esco:mechanics"))
        #expect(extractor.ids("We teach mechanics").contains("esco:mechanics"))
    }

    @Test func spansStayAlignedAfterAPossessive() throws {
        let text = "The customer's needs, the team's Python"
        let python = try #require(extractor.extract(text).first { $0.id == "esco:python" })
        let scalars = Array(text.unicodeScalars)
        #expect(String(String.UnicodeScalarView(scalars[python.spans[0]])) == "Python")
    }

    @Test func repeatedMentionsCollectSpansAndRaiseConfidence() throws {
        let once = try #require(extractor.extract("Python.").first)
        let twice = try #require(extractor.extract("Python. More Python.").first)
        #expect(twice.spans.count == 2)
        #expect(twice.confidence > once.confidence)
        #expect(twice.spans[0].upperBound <= twice.spans[1].lowerBound)
    }

    @Test func resultsAreSortedByConfidenceWithinRange() {
        let found = extractor.extract("software development, C++, Python, communication, think creatively")
        #expect(!found.isEmpty)
        #expect(zip(found, found.dropFirst()).allSatisfy { $0.confidence >= $1.confidence })
        #expect(found.allSatisfy { (0...1).contains($0.confidence) })
    }
}
