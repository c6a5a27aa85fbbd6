/// Finds the parts of a job text that are not about the job's skills: equal-opportunity
/// statements, benefits, privacy notices. Works per sentence (tokens from one sentence start to
/// the next) on cue words, and follows sections: a short heading whose cues reach the threshold
/// ("Benefits", "What we offer", "About us") opens a boilerplate section that the next short
/// heading naming a job section closes ("Requirements", "Your profile", "What you will do").
struct BoilerplateDetector: Sendable {
    /// Cue words and their weights; a sentence whose cues sum to ``threshold`` is boilerplate.
    private let cueWeights: FlatHashTable
    /// Word pairs that are cues on their own ("equal opportunity", "time off"), keyed by the
    /// first word's hash and the second's low 32 bits.
    private let cuePairs: FlatHashTable
    /// Words of headings that start a section about the job itself.
    private let jobSectionCues: Set<UInt64>
    private let threshold = 2
    /// Sentences this short are headings.
    private let headingLength = 4

    init() {
        var weights = FlatHashTable()
        let strong = [
            "eeo", "affirmative", "veteran", "veterans", "disability", "disabilities", "discrimination",
            "religion", "ethnicity", "pregnancy", "ancestry", "genetic", "gender", "benefits", "perks",
            "401k", "pto", "dental", "insurance", "pension", "wellness", "reimbursement", "cookies", "privacy",
            "gdpr", "harassment", "accommodation", "accommodations", "marital",
        ]
        let weak = [
            "race", "color", "colour", "sex", "age", "national", "origin", "orientation", "identity", "protected",
            "status", "employer", "paid", "holidays", "vacation", "salary", "bonus", "equity", "gym", "medical",
            "health", "offer", "competitive", "compensation", "relocation", "visa", "sponsorship", "law",
            "applicants", "consideration", "regardless", "policy", "parental", "leave", "culture", "mission",
        ]
        for word in strong { weights.set(2, for: Self.hash(word)) }
        for word in weak { weights.set(1, for: Self.hash(word)) }
        cueWeights = weights
        var pairs = FlatHashTable()
        for (a, b) in [
            ("equal", "opportunity"), ("time", "off"), ("national", "origin"), ("we", "offer"), ("about", "us"),
            ("privacy", "policy"), ("health", "insurance"), ("what", "offer"), ("who", "we"),
        ] {
            pairs.set(2, for: Self.hash(a), UInt32(truncatingIfNeeded: Self.hash(b)))
        }
        cuePairs = pairs
        jobSectionCues = Set(
            [
                "requirements", "responsibilities", "qualifications", "skills", "profile", "role", "tasks", "duties",
                "you", "your", "experience", "position", "job", "description", "competencies", "must", "nice",
            ].map(Self.hash))
    }

    /// `true` for each token inside boilerplate.
    func mark(_ tokens: [TextToken]) -> [Bool] {
        var result = [Bool](repeating: false, count: tokens.count)
        var inSection = false
        var start = 0
        while start < tokens.count {
            var end = start + 1
            while end < tokens.count, !tokens[end].flags.contains(.sentenceStart) { end += 1 }
            var score = 0
            for i in start..<end {
                score += Int(cueWeights.value(tokens[i].hash) ?? 0)
                if i + 1 < end {
                    score += Int(cuePairs.value(tokens[i].hash, UInt32(truncatingIfNeeded: tokens[i + 1].hash)) ?? 0)
                }
            }
            let isHeading = end - start <= headingLength
            if isHeading {
                // A single weak cue is not enough: "Medical Assistant" or "Health Care" titles a
                // training programme, "Salary and bonus" heads a benefits section.
                if score >= threshold {
                    inSection = true
                } else if (start..<end).contains(where: { jobSectionCues.contains(tokens[$0].hash) }) {
                    inSection = false
                }
            }
            if inSection || score >= threshold {
                for i in start..<end { result[i] = true }
            }
            start = end
        }
        return result
    }

    static func hash(_ word: String) -> UInt64 {
        var tokens: [TextToken] = []
        TextTokenizer.tokenize(word, into: &tokens)
        return tokens.first?.hash ?? 0
    }
}
