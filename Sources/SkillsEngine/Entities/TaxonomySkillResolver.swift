import SkillsIngestion
import SkillsSemantic
import SkillsTaxonomy

/// Resolves what documents say about skills against the shipped taxonomy.
///
/// Order: the id/URI (`targetUrl`, `termCode`); then the label or code as a preferred or
/// alternative label, compared case- and space-insensitively (a label shared by an ESCO skill and
/// an O*NET technology resolves to the ESCO skill, as extraction does); else nothing (the draft resolver
/// then runs the label through the extractor). Free text goes through the lexical extractor, and
/// through the semantic one too when it is given (lexical hits keep priority).
public struct TaxonomySkillResolver: SkillResolver {
    public let taxonomy: Taxonomy
    public let extractor: SkillExtractor
    public let semantic: SemanticSkillExtractor?
    private let byLabel: [String: SkillIndex]

    public init(taxonomy: Taxonomy, extractor: SkillExtractor, semantic: SemanticSkillExtractor? = nil) {
        self.taxonomy = taxonomy
        self.extractor = extractor
        self.semantic = semantic
        // Where labels collide, the skill the extractor picks for the same phrase: an ESCO skill over
        // an O*NET technology of that name (as its phrase table does), then a preferred label over
        // an alternative one, then taxonomy order. Otherwise a job listing "PostgreSQL" would get
        // the O*NET skill while the extractor gives résumés saying "PostgreSQL" the ESCO one.
        var best: [String: (rank: Int, skill: SkillIndex)] = [:]
        for (position, skill) in taxonomy.skills.enumerated() {
            let technology = skill.type == .technology ? 2 : 0
            for (label, alternative) in [(skill.label, 0)] + skill.altLabels.map({ ($0, 1) }) {
                let key = Self.key(label), rank = technology + alternative
                if let current = best[key], current.rank <= rank { continue }
                best[key] = (rank, SkillIndex(position))
            }
        }
        self.byLabel = best.mapValues(\.skill)
    }

    public func resolve(_ reference: SkillReference) -> Int32? {
        for candidate in [reference.id, reference.code].compactMap({ $0 }) {
            if let index = taxonomy.index(of: candidate) { return index }
        }
        for text in [reference.label, reference.code].compactMap({ $0 }) {
            if let index = byLabel[Self.key(text)] { return index }
        }
        return nil
    }

    public func extract(_ text: String) -> [(skill: Int32, confidence: Double)] {
        let lexical = extractor.extract(text)
        // An encoder failure on one text (it has none short of memory) leaves the lexical hits.
        let hits = semantic.flatMap { try? $0.extract(text, mergingWith: lexical) } ?? lexical
        return hits.map { ($0.skill, $0.confidence) }
    }

    /// Lower-cased, whitespace runs collapsed to one space, trimmed.
    static func key(_ label: String) -> String {
        // ASCII fast path on bytes (nearly every label; the engine keys 100k+ labels at start):
        // per-Character `isWhitespace` and `lowercased()` dominated start-up time.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(label.utf8.count)
        var pendingSpace = false
        for byte in label.utf8 {
            if byte >= 0x80 { return label.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ") }
            if byte == 0x20 || (0x09...0x0D).contains(byte) {
                pendingSpace = !bytes.isEmpty
                continue
            }
            if pendingSpace {
                bytes.append(0x20)
                pendingSpace = false
            }
            bytes.append((0x41...0x5A).contains(byte) ? byte + 32 : byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
