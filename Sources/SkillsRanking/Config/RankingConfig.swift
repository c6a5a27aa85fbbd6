import Foundation

/// Ranking weights and candidate-generation sizes per direction, read from `Config/ranking.json`.
///
/// ```json
/// { "candidate_to_jobs": { "candidatePool": 500, "textBoost": 0.3, "relatedExpansion": 3, "denseCandidates": 100,
///                          "weights": { "required_coverage": 0.4, "distance": 0.1 } }, … }
/// ```
/// Every direction must be present; unknown directions and feature names are refused with the list
/// of valid names; weights must be finite, ≥ 0 and not all 0.
public struct RankingConfig: Sendable, Hashable {
    /// The settings of one direction.
    public struct Direction: Sendable, Hashable {
        public var weights: [RankingFeature: Double]
        /// How many documents candidate generation hands to exact rescoring.
        public var candidatePool: Int
        /// Weight of the source's title text against skills during candidate generation.
        public var textBoost: Float
        /// Related skills added per query skill during candidate generation.
        public var relatedExpansion: Int
        /// BM25 score at which the text feature reaches 0.5.
        public var textSaturation: Double
        /// Program cost at which the cost feature reaches 0.
        public var maximumProgramCost: Double
        /// Documents the dense vector scan adds to the postings candidates (0: no dense generation).
        public var denseCandidates: Int = 0

        /// Σ weights, the denominator that puts scores on 0…100.
        public var totalWeight: Double { weights.values.reduce(0, +) }
    }

    public var directions: [MatchDirection: Direction]

    struct RawDirection: Decodable {
        var weights: [String: Double]
        var candidatePool: Int?
        var textBoost: Float?
        var relatedExpansion: Int?
        var textSaturation: Double?
        var maximumProgramCost: Double?
        var denseCandidates: Int?
    }

    /// Decodes and validates the JSON document.
    public init(json: Data) throws(RankingError) {
        let raw: [String: RawDirection]
        do {
            raw = try JSONDecoder().decode([String: RawDirection].self, from: json)
        } catch {
            throw RankingError(code: .invalidConfiguration, message: "ranking.json is not valid: \(error)")
        }
        let valid = MatchDirection.allCases.map(\.rawValue)
        var directions: [MatchDirection: Direction] = [:]
        for (name, value) in raw.sorted(by: { $0.key < $1.key }) {
            guard let direction = MatchDirection(rawValue: name) else {
                throw .unknownName(.unknownDirection, "direction", name, valid: valid, at: "ranking.json")
            }
            var d = Direction(
                weights: [:], candidatePool: value.candidatePool ?? 500, textBoost: value.textBoost ?? 0.3,
                relatedExpansion: value.relatedExpansion ?? 3, textSaturation: value.textSaturation ?? 8,
                maximumProgramCost: value.maximumProgramCost ?? 30_000, denseCandidates: value.denseCandidates ?? 0)
            d.weights = try Self.weights(value.weights, direction: direction, path: "ranking.json \(name).weights")
            try Self.validate(d, path: "ranking.json \(name)")
            directions[direction] = d
        }
        for direction in MatchDirection.allCases where directions[direction] == nil {
            throw RankingError(code: .invalidConfiguration, message: "ranking.json: direction '\(direction.rawValue)' is missing")
        }
        self.directions = directions
    }

    /// The settings of `direction` with per-request weight `overrides` merged in and validated.
    public func direction(_ direction: MatchDirection, overrides: [String: Double] = [:]) throws(RankingError) -> Direction {
        var d = directions[direction]!
        if overrides.isEmpty { return d }
        for (feature, weight) in try Self.weights(overrides, direction: direction, path: "weights") {
            d.weights[feature] = weight
        }
        try Self.validate(d, path: "weights")
        return d
    }

    static func weights(_ raw: [String: Double], direction: MatchDirection, path: String) throws(RankingError) -> [RankingFeature: Double] {
        var out: [RankingFeature: Double] = [:]
        for (name, weight) in raw.sorted(by: { $0.key < $1.key }) {
            guard let feature = RankingFeature(rawValue: name) else {
                throw .unknownName(.unknownFeature, "feature", name, valid: RankingFeature.allCases.map(\.rawValue), at: path)
            }
            guard direction.applicableFeatures.contains(feature) else {
                throw .unknownName(
                    .inapplicableFeature, "feature for \(direction.rawValue)", name,
                    valid: direction.applicableFeatures.map(\.rawValue), at: path)
            }
            guard weight.isFinite, weight >= 0 else {
                throw RankingError(code: .invalidWeight, message: "\(path).\(name) must be a finite number >= 0, got \(weight)")
            }
            out[feature] = weight
        }
        return out
    }

    static func validate(_ d: Direction, path: String) throws(RankingError) {
        if !(d.totalWeight > 0) { throw RankingError(code: .invalidWeight, message: "\(path): weights must not all be 0") }
        if !(1...100_000).contains(d.candidatePool) {
            throw RankingError(code: .invalidConfiguration, message: "\(path).candidatePool must be within 1...100000, got \(d.candidatePool)")
        }
        if !(d.textBoost >= 0 && d.textBoost.isFinite) {
            throw RankingError(code: .invalidConfiguration, message: "\(path).textBoost must be >= 0, got \(d.textBoost)")
        }
        if !(0...50).contains(d.relatedExpansion) {
            throw RankingError(code: .invalidConfiguration, message: "\(path).relatedExpansion must be within 0...50, got \(d.relatedExpansion)")
        }
        if !(0...100_000).contains(d.denseCandidates) {
            throw RankingError(code: .invalidConfiguration, message: "\(path).denseCandidates must be within 0...100000, got \(d.denseCandidates)")
        }
        if !(d.textSaturation > 0) || !(d.maximumProgramCost > 0) {
            throw RankingError(code: .invalidConfiguration, message: "\(path): textSaturation and maximumProgramCost must be > 0")
        }
    }
}
