/// Names derived by rule from a label, so that the way people write a skill meets the way the
/// taxonomy names it. Derived names score lower than real labels.
enum LabelVariants {
    /// The label without parenthesised qualifiers: "Java (computer programming)" → "Java".
    static func withoutQualifier(_ label: String) -> String? {
        // A byte test: `String.contains` with a string argument goes through Foundation's
        // locale-aware search, a tenth of the extractor's build time over 130,000 labels.
        guard label.utf8.contains(UInt8(ascii: "(")) else { return nil }
        var result = ""
        var depth = 0
        for ch in label {
            if ch == "(" { depth += 1 } else if ch == ")" { depth = max(0, depth - 1) } else if depth == 0 { result.append(ch) }
        }
        let trimmed = result.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return trimmed.isEmpty || trimmed == label ? nil : trimmed
    }

    /// A two-word competence label read as a noun phrase: "solve problems" → "problem solving",
    /// "manage projects" → "project management" (in stemmed tokens: [problem, solv]).
    static func nominalised(_ tokens: [TextToken], type: SkillType) -> [UInt64]? {
        guard type == .skill, tokens.count == 2, !tokens.contains(where: { $0.flags.contains(.symbol) }) else {
            return nil
        }
        return [tokens[1].hash, tokens[0].hash]
    }

    /// Verbs that say only that something is done ("perform", "apply", "carry out"): a skill label
    /// "perform metal inert gas welding" is named in text by its object, "metal inert gas welding".
    static let lightVerbs: [[UInt64]] = [
        "perform", "apply", "use", "utilise", "utilize", "employ", "conduct", "execute", "undertake",
        "implement", "practise", "practice", "carry out",
    ].map { phrase in
        var tokens: [TextToken] = []
        TextTokenizer.tokenize(phrase, into: &tokens)
        return tokens.map(\.hash)
    }

    /// Nouns that only say "a way of doing" after a process name: "arc welding techniques" is
    /// named in text as "arc welding".
    static let genericHeads: Set<UInt64> = Set(
        ["techniques", "technique", "methods", "procedures", "processes", "operations"].map(BoilerplateDetector.hash))

    /// The object of a light-verb competence label, and that object without a generic head noun,
    /// when they keep at least two words (one word alone is too ambiguous to name the skill):
    /// "apply arc welding techniques" → "arc welding techniques", "arc welding".
    static func objectPhrases(_ tokens: [TextToken], type: SkillType) -> [[UInt64]] {
        guard type == .skill, !tokens.contains(where: { $0.flags.contains(.symbol) }) else { return [] }
        let words = tokens.map(\.hash)
        guard let verb = lightVerbs.first(where: { words.starts(with: $0) }) else { return [] }
        var object = Array(words.dropFirst(verb.count))
        guard object.count >= 2 else { return [] }
        var result = [object]
        if let last = object.last, genericHeads.contains(last), object.count >= 3 {
            object.removeLast()
            result.append(object)
        }
        return result
    }
}
