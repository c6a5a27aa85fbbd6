import Foundation  // libm (sqrt, rounding) on Linux

/// How a skill was found in a text. Lexical hits come from the phrase dictionary; semantic hits
/// (from an encoder, merged later) keep lower priority when both find the same skill.
public enum ExtractionMethod: String, Sendable, Codable {
    case lexical
    case semantic
}

/// One taxonomy skill found in a text.
///
/// `spans` are half-open ranges of **Unicode scalar offsets** into the text (the same offsets as
/// Python `str` indices), one per mention, in text order. Encodes to the CLI/API JSON shape
/// `{"id","label","type","confidence","spans":[[start,end]]}`.
public struct ExtractedSkill: Sendable, Hashable {
    /// Dense index of the skill in the skill list the extractor was built from.
    public var skill: SkillIndex
    /// External id: the ESCO URI for ESCO skills, `onet-tech:<slug>`, `custom:<slug>`.
    public var id: String
    /// Preferred label of the skill.
    public var label: String
    public var type: SkillType
    /// 0…1; higher is more certain. Results are sorted by it, highest first.
    public var confidence: Double
    /// Mentions as half-open Unicode scalar offset ranges.
    public var spans: [Range<Int>]
    public var method: ExtractionMethod

    public init(
        skill: SkillIndex, id: String, label: String, type: SkillType, confidence: Double,
        spans: [Range<Int>], method: ExtractionMethod = .lexical
    ) {
        self.skill = skill
        self.id = id
        self.label = label
        self.type = type
        self.confidence = confidence
        self.spans = spans
        self.method = method
    }
}

extension ExtractedSkill: Encodable {
    private enum CodingKeys: String, CodingKey { case id, label, type, confidence, spans }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(label, forKey: .label)
        try container.encode(type.rawValue, forKey: .type)
        try container.encode((confidence * 1000).rounded() / 1000, forKey: .confidence)
        try container.encode(spans.map { [$0.lowerBound, $0.upperBound] }, forKey: .spans)
    }
}

extension Array where Element == ExtractedSkill {
    /// Merges semantic hits into lexical ones: a skill found lexically keeps its lexical entry
    /// (spans of both are united); skills only found semantically are appended. Sorted by
    /// confidence, highest first.
    public func merged(withSemantic semantic: [ExtractedSkill]) -> [ExtractedSkill] {
        var result = self
        var position: [SkillIndex: Int] = [:]
        for (i, hit) in result.enumerated() { position[hit.skill] = i }
        for hit in semantic {
            if let i = position[hit.skill] {
                let extra = hit.spans.filter { span in !result[i].spans.contains { $0.overlaps(span) } }
                result[i].spans = (result[i].spans + extra).sorted { $0.lowerBound < $1.lowerBound }
            } else {
                position[hit.skill] = result.count
                result.append(hit)
            }
        }
        return result.sorted { ($0.confidence, $1.skill) > ($1.confidence, $0.skill) }
    }
}
