/// One run of the extractor over one text: find every dictionary phrase, score it, keep the
/// longest confident non-overlapping ones, and aggregate mentions per skill.
struct ExtractionPass {
    private struct Match {
        var start: Int
        var end: Int  // token index, exclusive
        var node: Int32
        var confidence: Double = 0
    }

    private struct Hit {
        var skill: SkillIndex
        var confidence: Double
    }

    let extractor: SkillExtractor
    let tokens: [TextToken]
    private var matches: [Match] = []

    init(extractor: SkillExtractor, tokens: [TextToken]) {
        self.extractor = extractor
        self.tokens = tokens
    }

    mutating func run() -> [ExtractedSkill] {
        findMatches()
        guard !matches.isEmpty else { return [] }
        let evidence = technicalEvidence()
        let boilerplate = extractor.boilerplate.mark(tokens)
        let titleCase = titleCasedSentences()
        var hits: [[Hit]] = []
        hits.reserveCapacity(matches.count)
        for m in matches.indices {
            let found = score(matches[m], evidence: evidence, boilerplate: boilerplate, titleCase: titleCase)
            matches[m].confidence = extractor.dictionary.blocked[Int(matches[m].node)] ? 1 : found.map(\.confidence).max() ?? 0
            hits.append(found)
        }
        return aggregate(select(), hits: hits)
    }

    /// Every phrase of the dictionary in the text: from each token, walk the trie as far as the
    /// words go, never across strong punctuation.
    private mutating func findMatches() {
        let dictionary = extractor.dictionary
        let limit = extractor.options.maximumPhraseTokens
        for start in tokens.indices {
            var node = PhraseDictionary.root
            var end = start
            while end < tokens.count, end - start < limit {
                if end > start, tokens[end].flags.contains(.breakBefore) { break }
                guard let next = dictionary.child(of: node, token: tokens[end].hash) else { break }
                node = next
                end += 1
                if dictionary.isTerminal(node) { matches.append(Match(start: start, end: end, node: node)) }
            }
        }
    }

    /// Prefix counts of technical evidence per token: cue words and unambiguous, unguarded
    /// technology or knowledge names.
    private func technicalEvidence() -> [Int] {
        var marks = [Int](repeating: 0, count: tokens.count)
        for (i, token) in tokens.enumerated() where extractor.context.isCue(token) { marks[i] = 1 }
        for match in matches {
            let entries = extractor.dictionary.entries(of: match.node)
            if let first = entries.first, entries.count == 1, first.guardRule == .none,
                extractor.types[Int(first.skill)] != .skill
            {
                marks[match.start] = 1
            }
        }
        var prefix = [Int](repeating: 0, count: tokens.count + 1)
        for i in tokens.indices { prefix[i + 1] = prefix[i] + marks[i] }
        return prefix
    }

    private func hasContext(_ match: Match, evidence: [Int]) -> Bool {
        let w = TechnicalContext.window
        let before = evidence[match.start] - evidence[max(0, match.start - w)]
        let after = evidence[min(tokens.count, match.end + w)] - evidence[match.end]
        return before + after > 0
    }

    /// The skills a match may name and their confidences, after the guards.
    /// Tokens of sentences written in title case ("Diesel and Truck Mechanics", a heading or a
    /// course list): every word of four letters or more is capitalised, at least two of them.
    /// There a capital letter is no sign of a name.
    private func titleCasedSentences() -> [Bool] {
        var result = [Bool](repeating: false, count: tokens.count)
        var start = 0
        while start < tokens.count {
            var end = start + 1
            while end < tokens.count, !tokens[end].flags.contains(.sentenceStart) { end += 1 }
            var long = 0
            var capitalised = 0
            for i in start..<end where tokens[i].letters >= 4 {
                long += 1
                if tokens[i].flags.contains(.capitalized) { capitalised += 1 }
            }
            if long >= 2, capitalised == long {
                for i in start..<end { result[i] = true }
            }
            start = end
        }
        return result
    }

    private func score(_ match: Match, evidence: [Int], boilerplate: [Bool], titleCase: [Bool]) -> [Hit] {
        let token = tokens[match.start]
        let single = match.end - match.start == 1
        var context: Bool?
        func inContext() -> Bool {
            if let context { return context }
            let value = hasContext(match, evidence: evidence)
            context = value
            return value
        }
        var allowed: [PhraseEntry] = []
        for entry in extractor.dictionary.entries(of: match.node) {
            // A capitalised word opening a sentence ("Analyze data…") is no evidence for a
            // product of that name: one-word technology names there need technical context.
            if single, token.flags.contains(.sentenceStart), extractor.types[Int(entry.skill)] == .technology,
                !token.flags.contains(.symbol), !inContext()
            {
                continue
            }
            switch entry.guardRule {
            case .none, .generic: allowed.append(entry)
            case .capitalized:
                if token.flags.contains(.capitalized), !token.flags.contains(.sentenceStart), inContext() {
                    allowed.append(entry)
                }
            case .upperCase, .oneLetter:
                if token.flags.contains(.allUpper), inContext() { allowed.append(entry) }
            }
        }
        guard let bestKind = allowed.map(\.kind).min() else { return [] }
        allowed.removeAll { $0.kind != bestKind }
        let ambiguity = 1 / Double(allowed.count).squareRoot()
        let weight = boilerplate[match.start] ? extractor.options.boilerplateWeight : 1
        return allowed.map { entry in
            var c: Double
            switch entry.kind {
            case .preferred: c = 0.90
            case .custom: c = 0.85
            case .alternative: c = 0.80
            case .relatedAlternative: c = 0.66
            case .derived: c = 0.70
            }
            if single {
                c *= 0.85
                if !entry.hasSurface(token.surface) { c *= 0.85 }
                if entry.lowerCaseLabel, token.flags.contains(.capitalized),
                    token.flags.isDisjoint(with: [.sentenceStart, .allUpper]), !titleCase[match.start]
                {
                    c *= 0.85
                }
                if entry.guardRule == .generic { c *= 0.65 }
                if extractor.types[Int(entry.skill)] != .skill, inContext() { c *= 1.05 }
                if token.flags.contains(.allUpper), token.letters > 1, entry.guardRule != .generic { c *= 1.1 }
            }
            return Hit(skill: entry.skill, confidence: min(1, c * ambiguity * weight))
        }
    }

    /// Longest confident phrases first; a phrase is kept if none of its tokens is taken.
    private func select() -> [Int] {
        let threshold = extractor.options.minimumConfidence
        let order = matches.indices.filter { matches[$0].confidence >= threshold && matches[$0].confidence > 0 }
            .sorted { a, b in
                let (x, y) = (matches[a], matches[b])
                if x.end - x.start != y.end - y.start { return x.end - x.start > y.end - y.start }
                if x.confidence != y.confidence { return x.confidence > y.confidence }
                return x.start < y.start
            }
        var taken = [Bool](repeating: false, count: tokens.count)
        var kept: [Int] = []
        for m in order {
            let match = matches[m]
            if (match.start..<match.end).contains(where: { taken[$0] }) { continue }
            for i in match.start..<match.end { taken[i] = true }
            if !extractor.dictionary.blocked[Int(match.node)] { kept.append(m) }
        }
        return kept
    }

    private func aggregate(_ kept: [Int], hits: [[Hit]]) -> [ExtractedSkill] {
        let threshold = extractor.options.minimumConfidence
        var bySkill: [SkillIndex: (best: Double, spans: [Range<Int>])] = [:]
        for m in kept.sorted(by: { matches[$0].start < matches[$1].start }) {
            let match = matches[m]
            let span = tokens[match.start].start..<tokens[match.end - 1].end
            for hit in hits[m] where hit.confidence >= threshold {
                bySkill[hit.skill, default: (0, [])].best = max(bySkill[hit.skill]?.best ?? 0, hit.confidence)
                bySkill[hit.skill]?.spans.append(span)
            }
        }
        var result: [ExtractedSkill] = []
        result.reserveCapacity(bySkill.count)
        for (index, found) in bySkill {
            let skill = extractor.skills[Int(index)]
            let repeats = Double(found.spans.count - 1)
            let confidence = 1 - (1 - found.best) * pow085(repeats)
            result.append(
                ExtractedSkill(
                    skill: index, id: skill.id, label: skill.label, type: skill.type, confidence: confidence,
                    spans: found.spans))
        }
        return result.sorted { ($0.confidence, $1.skill) > ($1.confidence, $0.skill) }
    }

    private func pow085(_ n: Double) -> Double {
        var r = 1.0
        var k = 0.0
        while k < n && r > 1e-6 { r *= 0.85; k += 1 }
        return r
    }
}
