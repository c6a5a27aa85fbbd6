import Foundation
import SkillsCore
import SkillsTaxonomy

/// A reproducible, clearly synthetic dataset built from the shipped taxonomy: jobs drawn from
/// occupation profiles with real O*NET-SOC codes, area wages and metro locations; candidates with
/// plausible skill sets and histories; training programs teaching parts of occupation profiles.
///
/// Every entity id starts with `demo-`, every employer, provider and person is named "Demo …", and
/// every description ends with "(synthetic demo data)". The same seed and `asOf` day give the same
/// dataset.
public struct DemoDataset: Sendable {
    public struct Size: Sendable {
        public var jobs = 3_000
        public var candidates = 1_000
        public var programs = 400
        public init() {}
    }

    public let taxonomy: Taxonomy
    public let asOf: Date

    public init(taxonomy: Taxonomy, asOf: Date) {
        self.taxonomy = taxonomy
        // Whole days, so the dataset does not change within a day.
        self.asOf = Date(timeIntervalSince1970: (asOf.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400)
    }

    /// The dataset; occupations without a skill profile are never drawn.
    public func generate(size: Size = Size(), seed: UInt64 = 2026) -> [Entity] {
        var rng = SeededGenerator(seed: seed)
        let occupations = taxonomy.occupations.filter { taxonomy.profile(ofOccupation: $0.id).count >= 8 }
        guard !occupations.isEmpty else { return [] }
        // Draw occupations in proportion to national employment, so the mix looks like a labour market.
        let weights = occupations.map { Double(taxonomy.wages.wage(socCode: $0.socCode)?.employment ?? 1_000) }
        let sampler = WeightedSampler(weights: weights)
        var entities: [Entity] = []
        entities.reserveCapacity(size.jobs + size.candidates + size.programs)
        for number in 0..<size.jobs {
            entities.append(.job(job(number, occupations[sampler.draw(&rng)], &rng)))
        }
        for number in 0..<size.candidates {
            entities.append(.candidate(candidate(number, occupations[sampler.draw(&rng)], occupations, &rng)))
        }
        for number in 0..<size.programs {
            entities.append(.program(program(number, occupations[sampler.draw(&rng)], &rng)))
        }
        return entities
    }

    private func job(_ number: Int, _ occupation: SkillsTaxonomy.Occupation, _ rng: inout SeededGenerator) -> Job {
        let profile = taxonomy.profile(ofOccupation: occupation.id)
        let metro = DemoMetros.all.randomElement(using: &rng)!
        let skills = sampleSkills(profile, count: Int.random(in: 8...14, using: &rng), &rng)
        let requiredCount = max(3, skills.count * 2 / 3)
        let tasks = occupation.tasks.shuffled(using: &rng).prefix(3)
        let posted = asOf.addingTimeInterval(-Double(Int.random(in: 0...45, using: &rng)) * 86_400)
        var job = Job(
            id: String(format: "demo-job-%05d", number), title: occupation.alternateTitles.randomElement(using: &rng) ?? occupation.title,
            employer: "Demo Employer \(Int.random(in: 1...400, using: &rng))",
            description: ([occupation.description] + tasks).joined(separator: " ") + " (synthetic demo data)",
            requiredSkills: skills.prefix(requiredCount).map { SkillRequirement(skill: $0.skill, importance: $0.importance) },
            preferredSkills: skills.dropFirst(requiredCount).map { SkillRequirement(skill: $0.skill, importance: $0.importance * 0.6) },
            occupationCode: occupation.id, location: jitter(metro.location, &rng), postedOn: posted,
            expiresOn: posted.addingTimeInterval(Double(Int.random(in: 30...90, using: &rng)) * 86_400))
        let draw = Double.random(in: 0..<1, using: &rng)
        job.workplace = draw < 0.1 ? .remote : draw < 0.25 ? .hybrid : .onSite
        job.employmentType = Double.random(in: 0..<1, using: &rng) < 0.85 ? .fullTime : .partTime
        if let wage = taxonomy.wages.wage(socCode: occupation.socCode, areaCode: metro.areaCode) ?? taxonomy.wages.wage(socCode: occupation.socCode),
            let low = wage.annualP25 ?? wage.annualMedian, let high = wage.annualP75 ?? wage.annualMedian
        {
            job.pay = PayRange(minimum: Double(low).rounded(), maximum: Double(high).rounded())
        }
        job.experienceYears = occupation.jobZone.map { max(0, $0 - 2) }
        return job
    }

    private func candidate(
        _ number: Int, _ occupation: SkillsTaxonomy.Occupation, _ all: [SkillsTaxonomy.Occupation], _ rng: inout SeededGenerator
    ) -> Candidate {
        let profile = taxonomy.profile(ofOccupation: occupation.id)
        let metro = DemoMetros.all.randomElement(using: &rng)!
        var held = sampleSkills(profile, count: Int.random(in: 6...14, using: &rng), &rng).map(\.skill)
        // People also carry a few skills from elsewhere in their history.
        if let other = all.randomElement(using: &rng) {
            held += sampleSkills(taxonomy.profile(ofOccupation: other.id), count: 2, &rng).map(\.skill)
        }
        var seen = Set<Int32>()
        let claims: [SkillClaim] = held.filter { seen.insert($0).inserted }.map { skill in
            let draw = Double.random(in: 0..<1, using: &rng)
            let provenance: SkillProvenance = draw < 0.15 ? .verified : draw < 0.25 ? .credentialBacked : draw < 0.8 ? .stated : .extracted
            let lastUsed = Double.random(in: 0..<1, using: &rng) < 0.7
                ? nil : asOf.addingTimeInterval(-Double(Int.random(in: 1...8, using: &rng)) * 365 * 86_400)
            return SkillClaim(
                skill: skill, level: Int.random(in: 1...5, using: &rng), provenance: provenance,
                issuer: provenance >= .credentialBacked ? "Demo Community College" : nil, lastUsed: lastUsed)
        }
        let years = Int.random(in: 1...12, using: &rng)
        let start = asOf.addingTimeInterval(-Double(years) * 365 * 86_400)
        var candidate = Candidate(
            id: String(format: "demo-candidate-%05d", number), name: "Demo Candidate \(number)",
            headline: occupation.title, summary: "Experienced in \(occupation.title.lowercased()) work. (synthetic demo data)",
            skills: claims,
            workHistory: [.init(title: occupation.title, employer: "Demo Employer \(Int.random(in: 1...400, using: &rng))", occupationCode: occupation.id, start: start)],
            location: jitter(metro.location, &rng))
        candidate.education = [.init(level: EducationLevel(rawValue: min(6, max(1, (occupation.jobZone ?? 2) - 1))) ?? .highSchool)]
        candidate.openToRemote = Double.random(in: 0..<1, using: &rng) < 0.5
        candidate.willingToRelocate = Double.random(in: 0..<1, using: &rng) < 0.2
        candidate.consentToBeFound = Double.random(in: 0..<1, using: &rng) < 0.8
        if let median = taxonomy.wages.wage(socCode: occupation.socCode)?.annualMedian {
            candidate.desiredPay = PayRange(minimum: (Double(median) * Double.random(in: 0.8...1.1, using: &rng)).rounded(), maximum: nil)
        }
        return candidate
    }

    private func program(_ number: Int, _ occupation: SkillsTaxonomy.Occupation, _ rng: inout SeededGenerator) -> Program {
        let profile = taxonomy.profile(ofOccupation: occupation.id)
        let metro = DemoMetros.all.randomElement(using: &rng)!
        let taught = sampleSkills(profile, count: Int.random(in: 5...10, using: &rng), &rng)
        let weeks = [8, 10, 12, 15, 16, 26, 52].randomElement(using: &rng)!
        let draw = Double.random(in: 0..<1, using: &rng)
        return Program(
            id: String(format: "demo-program-%05d", number), provider: "Demo Training Provider \(Int.random(in: 1...60, using: &rng))",
            title: "\(occupation.title) training", description: "Prepares learners for work as \(occupation.title.lowercased()). (synthetic demo data)",
            skillsTaught: taught.map { SkillRequirement(skill: $0.skill, importance: $0.importance) },
            occupationCodes: [occupation.id], cost: Double(Int.random(in: 5...150, using: &rng) * 100), clockHours: weeks * Int.random(in: 10...30, using: &rng),
            weeks: weeks, modality: draw < 0.3 ? .online : draw < 0.5 ? .hybrid : .inPerson, location: jitter(metro.location, &rng),
            credentialAwarded: [.certificate, .certificate, .license, .badge, .associate].randomElement(using: &rng)!,
            startDates: [asOf.addingTimeInterval(Double(Int.random(in: 7...120, using: &rng)) * 86_400)],
            outcomes: Program.Outcomes(completionRate: Double.random(in: 0.5...0.95, using: &rng), employmentRate: Double.random(in: 0.4...0.9, using: &rng)))
    }

    /// Skills drawn from a profile, stronger ones more often; importance follows profile weight.
    private func sampleSkills(_ profile: [OccupationSkillWeight], count: Int, _ rng: inout SeededGenerator) -> [(skill: Int32, importance: Float)] {
        let pool = Array(profile.prefix(30))
        guard !pool.isEmpty else { return [] }
        let top = pool.map(\.weight).max() ?? 1
        let sampler = WeightedSampler(weights: pool.map { Double($0.weight) })
        var chosen: [Int32: Float] = [:]
        var order: [Int32] = []
        var attempts = 0
        while chosen.count < min(count, pool.count) && attempts < count * 10 {
            attempts += 1
            let pick = pool[sampler.draw(&rng)]
            if chosen[pick.skill] == nil {
                chosen[pick.skill] = max(0.2, min(1, pick.weight / max(top, 1e-6)))
                order.append(pick.skill)
            }
        }
        return order.map { ($0, chosen[$0]!) }.sorted { $0.importance > $1.importance }
    }

    private func jitter(_ point: GeoPoint, _ rng: inout SeededGenerator) -> GeoPoint {
        GeoPoint(latitude: point.latitude + Double.random(in: -0.25...0.25, using: &rng),
                 longitude: point.longitude + Double.random(in: -0.3...0.3, using: &rng))
    }
}

/// Draws indices in proportion to non-negative weights (binary search over the running sum).
struct WeightedSampler {
    private let cumulative: [Double]

    init(weights: [Double]) {
        var running = 0.0
        cumulative = weights.map { running += max(0, $0); return running }
    }

    func draw(_ rng: inout SeededGenerator) -> Int {
        let total = cumulative.last ?? 0
        guard total > 0 else { return Int.random(in: 0..<max(1, cumulative.count), using: &rng) }
        let target = Double.random(in: 0..<total, using: &rng)
        var low = 0, high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] > target { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
