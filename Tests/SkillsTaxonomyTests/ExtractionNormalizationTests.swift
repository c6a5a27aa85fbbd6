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
