/// Names derived by rule from a label, so that the way people write a skill meets the way the
/// taxonomy names it. Derived names score lower than real labels.
enum LabelVariants {
    /// The label without parenthesised qualifiers: "Java (computer programming)" → "Java".
    static func withoutQualifier(_ label: String) -> String? {
        guard label.contains("(") else { return nil }
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
}
