import Foundation

/// Derives each occupation's skill profile (a ranked list of skills with weights) from its texts
/// with the ``SkillExtractor``, and writes `occupation_profiles.tsv`.
///
/// Weighting, TF-IDF-like:
/// - term frequency: tf(o, s) = Σ over the occupation's text units u of weight(kind of u) ×
///   confidence(s in u). Units are each task statement (1.0), each detailed work activity (0.6),
///   the description (1.0) and the title (0.5); each O*NET technology skill of the occupation
///   adds ``Options/technologyWeight``.
/// - inverse occupation frequency: idf(s) = ln((1 + N) / (1 + df(s))) + 1, where df(s) is the
///   number of the N occupations whose texts yield s — skills every occupation shows
///   ("communication") sink, distinctive ones rise.
/// - weight = tf × idf, divided by the occupation's largest weight (so the top skill has 1.0);
///   the top ``Options/topN`` are kept, ties broken by skill id.
public struct OccupationProfileBuilder: Sendable {
    /// Typed settings of the builder.
    public struct Options: Sendable, Hashable {
        /// Skills kept per occupation (1…1000).
        public var topN: Int
        public var taskWeight: Double
        public var activityWeight: Double
        public var descriptionWeight: Double
        public var titleWeight: Double
        public var technologyWeight: Double

        public init(
            topN: Int = 50, taskWeight: Double = 1.0, activityWeight: Double = 0.6, descriptionWeight: Double = 1.0,
            titleWeight: Double = 0.5, technologyWeight: Double = 0.5
        ) {
            self.topN = topN
            self.taskWeight = taskWeight
            self.activityWeight = activityWeight
            self.descriptionWeight = descriptionWeight
            self.titleWeight = titleWeight
            self.technologyWeight = technologyWeight
        }

        /// Throws ``ExtractionError`` naming the first invalid setting.
        public func validate() throws {
            guard (1...1000).contains(topN) else { throw ExtractionError("profile topN must be within 1...1000, got \(topN)") }
            for (name, value) in [
                ("taskWeight", taskWeight), ("activityWeight", activityWeight), ("descriptionWeight", descriptionWeight),
                ("titleWeight", titleWeight), ("technologyWeight", technologyWeight),
            ] where !(value.isFinite && value >= 0) {
                throw ExtractionError("profile \(name) must be a finite number >= 0, got \(value)")
            }
        }
    }

    /// Extraction threshold suggested for profile building: lower than for single documents,
    /// since a skill's evidence is summed over many task statements.
    public static let recommendedMinimumConfidence = 0.5

    public let extractor: SkillExtractor
    public let options: Options

    public init(extractor: SkillExtractor, options: Options = Options()) throws {
        try options.validate()
        self.extractor = extractor
        self.options = options
    }

    /// Profiles of `occupations`, in the same order, strongest skill first.
    public func profiles(for occupations: [Occupation]) -> [[OccupationSkillWeight]] {
        let frequencies = occupations.map(termFrequencies)
        var documentFrequency: [SkillIndex: Int] = [:]
        for tf in frequencies {
            for skill in tf.keys { documentFrequency[skill, default: 0] += 1 }
        }
        let n = Double(occupations.count)
        return frequencies.map { tf in
            var weighted = tf.map { skill, value in
                (skill, value * (log((1 + n) / (1 + Double(documentFrequency[skill] ?? 0))) + 1))
            }
            weighted.sort { $0.1 != $1.1 ? $0.1 > $1.1 : extractor.skills[Int($0.0)].id < extractor.skills[Int($1.0)].id }
            let top = weighted.prefix(options.topN)
            let largest = top.first?.1 ?? 1
            return top.map { OccupationSkillWeight(skill: $0.0, weight: Float($0.1 / largest)) }
        }
    }

    private func termFrequencies(_ occupation: Occupation) -> [SkillIndex: Double] {
        var tf: [SkillIndex: Double] = [:]
        func add(_ text: String, _ weight: Double) {
            guard weight > 0 else { return }
            for hit in extractor.extract(text) { tf[hit.skill, default: 0] += weight * hit.confidence }
        }
        add(occupation.title, options.titleWeight)
        add(occupation.description, options.descriptionWeight)
        for task in occupation.tasks { add(task, options.taskWeight) }
        for activity in occupation.workActivities { add(activity, options.activityWeight) }
        if options.technologyWeight > 0 {
            for skill in occupation.technologySkills { tf[skill, default: 0] += options.technologyWeight }
        }
        return tf
    }

    /// `occupation_profiles.tsv`: header `occupation_id\tskill_id\tweight`, then one row per
    /// (occupation, skill), occupations in the given order, skills strongest first, weights with
    /// four decimals in (0, 1]. Deterministic: the same taxonomy gives the same bytes.
    public func tsv(occupations: [Occupation], profiles: [[OccupationSkillWeight]]) -> String {
        var out = "occupation_id\tskill_id\tweight\n"
        for (occupation, profile) in zip(occupations, profiles) {
            for entry in profile {
                out += "\(occupation.id)\t\(extractor.skills[Int(entry.skill)].id)\t\(String(format: "%.4f", entry.weight))\n"
            }
        }
        return out
    }

    /// Builds the profiles of every occupation of `taxonomy` and writes them to `url`.
    public func write(taxonomy: Taxonomy, to url: URL) throws {
        let text = tsv(occupations: taxonomy.occupations, profiles: profiles(for: taxonomy.occupations))
        do {
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw ExtractionError("cannot write \(url.path): \(error.localizedDescription)")
        }
    }
}
