// Occupation profiles benchmark (`skillmatch-bench profiles`): builds every occupation's skill
// profile from the shipped Taxonomies/ (tasks, work activities, description, title) with
// OccupationProfileBuilder and checks it against ESCO: each ESCO occupation mapped to an O*NET-SOC
// code by ../shared/data/taxonomy/us-codes/esco_onet_crosswalk_Nov2020.csv has essential skills
// (occupationSkillRelations.csv in the ESCO v1.1.1 relations zip); recall of those in the mapped
// profile's top 30 is averaged over mapped pairs (all essential skills, and only those present in
// the shipped taxonomy). Also prints build time and a sample profile.
// Run: .build/release/skillmatch-bench profiles [--threshold 0.5] [--top 30] [--write PATH]
import Foundation
import SkillsTaxonomy
import SkillsTestSupport

func runProfilesBenchmark(_ arguments: [String]) throws {
    var extraction = ExtractionOptions(minimumConfidence: OccupationProfileBuilder.recommendedMinimumConfidence)
    var top = 30
    var writePath: String?
    var i = 0
    while i < arguments.count {
        switch arguments[i] {
        case "--threshold" where i + 1 < arguments.count:
            extraction.minimumConfidence = Double(arguments[i + 1]) ?? extraction.minimumConfidence; i += 1
        case "--top" where i + 1 < arguments.count: top = Int(arguments[i + 1]) ?? top; i += 1
        case "--write" where i + 1 < arguments.count: writePath = arguments[i + 1]; i += 1
        default: throw BenchmarkError("unknown option \(arguments[i])")
        }
        i += 1
    }
    let taxonomy = try TaxonomyLoader.load(directory: FixturePaths.taxonomies)
    let builder = try OccupationProfileBuilder(extractor: SkillExtractor(taxonomy: taxonomy, options: extraction))
    var profiles: [[OccupationSkillWeight]] = []
    let seconds = secondsElapsed { profiles = builder.profiles(for: taxonomy.occupations) }
    let nonEmpty = profiles.filter { !$0.isEmpty }.count
    print(String(format: "profiles: %d occupations (%d non-empty) in %.2f s; mean size %.1f", taxonomy.occupations.count,
                 nonEmpty, seconds, Double(profiles.map(\.count).reduce(0, +)) / Double(max(1, profiles.count))))
    if let writePath {
        try Data(builder.tsv(occupations: taxonomy.occupations, profiles: profiles).utf8)
            .write(to: URL(fileURLWithPath: writePath))
        print("wrote \(writePath)")
    }

    var profileByCode: [String: Set<String>] = [:]
    for (occupation, profile) in zip(taxonomy.occupations, profiles) {
        profileByCode[occupation.id] = Set(profile.prefix(top).map { taxonomy[$0.skill].id })
    }
    var essential: [String: Set<String>] = [:]
    for row in try ExtractionCorpus.escoCSV(zip: "esco-v1.1.1-relations-csv.zip", entry: "occupationSkillRelations.csv")
    where row["relationType"] == "essential" {
        if let occupation = row["occupationUri"], let skill = row["skillUri"] { essential[occupation, default: []].insert(skill) }
    }
    let crosswalk = try CSV.parse(String(contentsOf: FixturePaths.shared("taxonomy/us-codes/esco_onet_crosswalk_Nov2020.csv"), encoding: .utf8))
    guard let header = crosswalk.first, let code = header.firstIndex(of: "onet_code"), let uri = header.firstIndex(of: "concept_uri")
    else { throw BenchmarkError("crosswalk: missing onet_code/concept_uri") }
    var recallAll: [Double] = []
    var recallKnown: [Double] = []
    for row in crosswalk.dropFirst() where row.count > max(code, uri) {
        guard let profile = profileByCode[row[code]], let skills = essential[row[uri]], !skills.isEmpty else { continue }
        recallAll.append(Double(skills.intersection(profile).count) / Double(skills.count))
        let known = skills.filter { taxonomy.index(of: $0) != nil }
        if !known.isEmpty { recallKnown.append(Double(known.intersection(profile).count) / Double(known.count)) }
    }
    func mean(_ values: [Double]) -> Double { values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count) }
    print(String(format: "essential-skill recall@%d: %.3f over %d mapped ESCO→O*NET pairs (%.3f counting only skills in the shipped taxonomy)",
                 top, mean(recallAll), recallAll.count, mean(recallKnown)))
    if let sample = taxonomy.occupations.firstIndex(where: { $0.id == "15-1252.00" }) {
        print("sample: \(taxonomy.occupations[sample].title)")
        for entry in profiles[sample].prefix(10) {
            print(String(format: "  %.3f  %@", entry.weight, taxonomy[entry.skill].label as NSString))
        }
    }
}
