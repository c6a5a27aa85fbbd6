import Foundation
import SkillsCore

/// A seeded, realistic-looking generator of jobs, candidates, programs and occupations over a
/// synthetic taxonomy, shared by tests and benchmarks.
///
/// Model: `skillCount` skills (default 14,000) fall into `families` occupation families. Each
/// family draws its skills from a Zipfian popularity (a few skills such as "communication" are in
/// most families); an entity picks a family, then 5–20 skills from it (Zipfian within the family)
/// plus occasional out-of-family skills. Text uses a Zipfian vocabulary of pseudo-words per family,
/// so titles and descriptions correlate with skills. Locations are jittered around 40 US cities.
/// Same seed, same index → same entity.
public struct SyntheticCorpus: Sendable {
    public struct Parameters: Sendable {
        public var skillCount = 14_000
        public var families = 60
        public var skillsPerFamily = 400
        public var vocabulary = 6_000
        public var seed: UInt64 = 42
        public init() {}
    }

    public let parameters: Parameters
    /// `familySkills[f]` lists family f's skills, most typical first.
    public let familySkills: [[Int32]]
    let words: [String]
    let familyWords: [[Int]]
    let familyCodes: [String]
    let familyWage: [Double]
    let globalSkills: ZipfSampler
    let withinFamily: ZipfSampler
    let wordSampler: ZipfSampler
    /// 2026-01-01T00:00:00Z: the corpus' "today", so fixtures never depend on the clock.
    public static let today = Date(timeIntervalSince1970: 1_767_225_600)

    static let cities: [(String, Double, Double)] = [
        ("New York", 40.71, -74.01), ("Los Angeles", 34.05, -118.24), ("Chicago", 41.88, -87.63),
        ("Houston", 29.76, -95.37), ("Phoenix", 33.45, -112.07), ("Philadelphia", 39.95, -75.17),
        ("San Antonio", 29.42, -98.49), ("San Diego", 32.72, -117.16), ("Dallas", 32.78, -96.80),
        ("Austin", 30.27, -97.74), ("Jacksonville", 30.33, -81.66), ("Columbus", 39.96, -83.00),
        ("Charlotte", 35.23, -80.84), ("Indianapolis", 39.77, -86.16), ("San Francisco", 37.77, -122.42),
        ("Seattle", 47.61, -122.33), ("Denver", 39.74, -104.99), ("Washington", 38.91, -77.04),
        ("Boston", 42.36, -71.06), ("Nashville", 36.16, -86.78), ("Detroit", 42.33, -83.05),
        ("Portland", 45.52, -122.68), ("Las Vegas", 36.17, -115.14), ("Memphis", 35.15, -90.05),
        ("Louisville", 38.25, -85.76), ("Baltimore", 39.29, -76.61), ("Milwaukee", 43.04, -87.91),
        ("Albuquerque", 35.08, -106.65), ("Tucson", 32.22, -110.97), ("Fresno", 36.74, -119.79),
        ("Sacramento", 38.58, -121.49), ("Kansas City", 39.10, -94.58), ("Atlanta", 33.75, -84.39),
        ("Miami", 25.76, -80.19), ("Raleigh", 35.78, -78.64), ("Omaha", 41.26, -95.93),
        ("Minneapolis", 44.98, -93.27), ("Tulsa", 36.15, -95.99), ("Cleveland", 41.50, -81.69),
        ("Pittsburgh", 40.44, -79.99),
    ]

    public init(_ parameters: Parameters = Parameters()) {
        self.parameters = parameters
        var rng = SeededGenerator(seed: parameters.seed)
        globalSkills = ZipfSampler(count: parameters.skillCount, exponent: 0.9)
        withinFamily = ZipfSampler(count: parameters.skillsPerFamily, exponent: 1.0)
        wordSampler = ZipfSampler(count: 300, exponent: 1.0)
        var families: [[Int32]] = []
        for _ in 0..<parameters.families {
            var chosen = Set<Int32>()
            var list: [Int32] = []
            // Half the family's skills are its own (uniform over the taxonomy), half follow global popularity.
            while list.count < parameters.skillsPerFamily {
                let s = list.count % 2 == 0
                    ? Int32(globalSkills.next(using: &rng))
                    : Int32.random(in: 0..<Int32(parameters.skillCount), using: &rng)
                if chosen.insert(s).inserted { list.append(s) }
            }
            families.append(list)
        }
        familySkills = families
        let syllables = ["ka", "lo", "mi", "ren", "to", "sa", "vel", "dor", "qui", "ne", "pra", "sti", "lu", "gen", "ba", "or"]
        var vocabulary: [String] = []
        var seen = Set<String>()
        while vocabulary.count < parameters.vocabulary {
            let n = Int.random(in: 2...4, using: &rng)
            let word = (0..<n).map { _ in syllables.randomElement(using: &rng)! }.joined()
            if seen.insert(word).inserted { vocabulary.append(word) }
        }
        words = vocabulary
        familyWords = (0..<parameters.families).map { _ in (0..<300).map { _ in Int.random(in: 0..<parameters.vocabulary, using: &rng) } }
        familyCodes = (0..<parameters.families).map { f in
            String(format: "%02d-%04d", 11 + (f % 43), 1000 + f * 37 % 9000)
        }
        familyWage = (0..<parameters.families).map { _ in Double.random(in: 30_000...140_000, using: &rng) }
    }

    func rng(_ kind: UInt64, _ index: Int) -> SeededGenerator {
        SeededGenerator(seed: parameters.seed &* 0x9E37_79B9 &+ kind &* 1_000_003 &+ UInt64(index))
    }

    /// `count` distinct skills typical of `family`.
    func skills(family: Int, count: Int, rng: inout SeededGenerator) -> [Int32] {
        var out: [Int32] = []
        var seen = Set<Int32>()
        var attempts = 0
        while out.count < count, attempts < count * 20 {
            attempts += 1
            let s = Double.random(in: 0..<1, using: &rng) < 0.9
                ? familySkills[family][withinFamily.next(using: &rng)]
                : Int32(globalSkills.next(using: &rng))
            if seen.insert(s).inserted { out.append(s) }
        }
        return out
    }

    func text(family: Int, words count: Int, rng: inout SeededGenerator) -> String {
        (0..<count).map { _ in words[familyWords[family][wordSampler.next(using: &rng)]] }.joined(separator: " ")
    }

    func location(rng: inout SeededGenerator) -> GeoPoint {
        let city = Self.cities[Int.random(in: 0..<Self.cities.count, using: &rng)]
        return GeoPoint(latitude: city.1 + Double.random(in: -0.3...0.3, using: &rng),
                        longitude: city.2 + Double.random(in: -0.3...0.3, using: &rng))
    }

    /// The family entity `index` of a kind belongs to.
    public func family(ofJob index: Int) -> Int { var r = rng(1, index); return Int.random(in: 0..<parameters.families, using: &r) }

    /// Job number `index`.
    public func job(_ index: Int) -> Job {
        var r = rng(1, index)
        let family = Int.random(in: 0..<parameters.families, using: &r)
        let skills = self.skills(family: family, count: Int.random(in: 6...16, using: &r), rng: &r)
        let requiredCount = max(1, skills.count * 2 / 3)
        let wage = familyWage[family] * Double.random(in: 0.8...1.3, using: &r)
        let posted = Self.today.addingTimeInterval(-86_400 * Double(Int.random(in: 0..<90, using: &r)))
        let workplace: WorkplaceType = [.onSite, .onSite, .onSite, .hybrid, .remote].randomElement(using: &r)!
        let type: EmploymentType = [.fullTime, .fullTime, .fullTime, .partTime, .contract, .temporary, .internship].randomElement(using: &r)!
        return Job(
            id: "job-\(index)", title: text(family: family, words: Int.random(in: 2...4, using: &r), rng: &r),
            employer: "Employer \(Int.random(in: 0..<5_000, using: &r))",
            description: text(family: family, words: Int.random(in: 30...80, using: &r), rng: &r),
            requiredSkills: skills[..<requiredCount].map { SkillRequirement(skill: $0, importance: Float(Int.random(in: 5...10, using: &r)) / 10) },
            preferredSkills: skills[requiredCount...].map { SkillRequirement(skill: $0, importance: Float(Int.random(in: 3...8, using: &r)) / 10) },
            occupationCode: familyCodes[family], location: location(rng: &r), workplace: workplace,
            pay: PayRange(minimum: (wage * 0.9).rounded(), maximum: (wage * 1.15).rounded()),
            postedOn: posted, expiresOn: posted.addingTimeInterval(86_400 * 60), employmentType: type,
            educationRequired: EducationLevel(rawValue: Int.random(in: 0...4, using: &r)),
            experienceYears: Int.random(in: 0...10, using: &r))
    }

    /// Candidate number `index`.
    public func candidate(_ index: Int) -> Candidate {
        var r = rng(2, index)
        let family = Int.random(in: 0..<parameters.families, using: &r)
        let skills = self.skills(family: family, count: Int.random(in: 5...20, using: &r), rng: &r)
        let provenances: [SkillProvenance] = [.extracted, .stated, .stated, .credentialBacked, .verified]
        let claims = skills.map { s in
            SkillClaim(
                skill: s, level: Int.random(in: 1...5, using: &r), provenance: provenances.randomElement(using: &r)!,
                lastUsed: Bool.random(using: &r) ? nil : Self.today.addingTimeInterval(-86_400 * 365 * Double.random(in: 0...8, using: &r)))
        }
        let wage = familyWage[family] * Double.random(in: 0.7...1.2, using: &r)
        return Candidate(
            id: "cand-\(index)", name: "Candidate \(index)",
            headline: text(family: family, words: Int.random(in: 2...3, using: &r), rng: &r),
            summary: text(family: family, words: Int.random(in: 20...50, using: &r), rng: &r), skills: claims,
            workHistory: [.init(title: "Role", occupationCode: familyCodes[family], start: Self.today.addingTimeInterval(-86_400 * 900))],
            education: [.init(level: EducationLevel(rawValue: Int.random(in: 1...5, using: &r))!)],
            location: location(rng: &r), willingToRelocate: Bool.random(using: &r), openToRemote: Bool.random(using: &r),
            desiredPay: PayRange(minimum: wage.rounded(), maximum: nil), consentToBeFound: Int.random(in: 0..<10, using: &r) < 7)
    }

    /// Program number `index`.
    public func program(_ index: Int) -> Program {
        var r = rng(3, index)
        let family = Int.random(in: 0..<parameters.families, using: &r)
        let skills = self.skills(family: family, count: Int.random(in: 4...12, using: &r), rng: &r)
        let weeks = Int.random(in: 4...104, using: &r)
        return Program(
            id: "prog-\(index)", provider: "College \(Int.random(in: 0..<500, using: &r))",
            title: text(family: family, words: 3, rng: &r), description: text(family: family, words: 40, rng: &r),
            skillsTaught: skills.map { SkillRequirement(skill: $0, importance: Float(Int.random(in: 4...10, using: &r)) / 10) },
            occupationCodes: [familyCodes[family]], cost: Double(Int.random(in: 0...30, using: &r)) * 1_000,
            clockHours: weeks * 15, weeks: weeks, modality: Modality.allCases.randomElement(using: &r)!,
            location: location(rng: &r), credentialAwarded: [.certificate, .badge, .associate, .license].randomElement(using: &r)!,
            startDates: [Self.today.addingTimeInterval(86_400 * Double(Int.random(in: 0...180, using: &r)))])
    }

    /// The occupation of `family`.
    public func occupation(_ family: Int) -> Occupation {
        var r = rng(4, family)
        let skills = Array(familySkills[family].prefix(25))
        return Occupation(
            code: familyCodes[family], title: text(family: family, words: 3, rng: &r),
            description: text(family: family, words: 40, rng: &r),
            skills: skills.enumerated().map { SkillRequirement(skill: $0.element, importance: max(0.2, 1 - Float($0.offset) / 30)) },
            demand: .init(growthRate: Double.random(in: -0.05...0.15, using: &r), annualOpenings: Double.random(in: 500...80_000, using: &r)))
    }

    /// A 1–3 word free-text query drawn like titles are.
    public func textQuery(_ index: Int) -> String {
        var r = rng(5, index)
        let family = Int.random(in: 0..<parameters.families, using: &r)
        return text(family: family, words: Int.random(in: 1...3, using: &r), rng: &r)
    }
}
