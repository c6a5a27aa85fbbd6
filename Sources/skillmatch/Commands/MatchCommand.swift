import SkillsCore
import SkillsEngine
import SkillsIndex
import SkillsRanking

/// `skillmatch match`: ranks jobs, candidates, programs or occupations for a stored entity.
struct MatchCommand: Command {
    static let path = ["match"]
    static let abstract = "rank targets of one kind for a stored entity, with explanations"
    static let synopsis = "--from KIND:ID --to KIND [--limit N] [--explain] [--json] [--weight FEATURE=W]..."
    static let discussion = """
        KIND is candidate, job, program or occupation (plural forms are accepted). Directions:
        candidate→jobs, job→candidates, candidate→programs, job→programs, program→jobs,
        candidate→occupations. --weight overrides a ranking weight from Config/ranking.json for this
        run (repeatable). --goal KIND:ID ranks programs by how much of the gap to that job or
        occupation they teach.
        """
    static let options: [OptionSpec] = [
        .value("from", "KIND:ID", "the entity to match from"),
        .value("to", "KIND", "what to rank: jobs, candidates, programs or occupations"),
        .value("limit", "N", "results per page, 1…1000 (default 10)"),
        .value("cursor", "C", "next page: the cursor printed by the previous page"),
        .value("weight", "FEATURE=W", "override one ranking weight", repeatable: true),
        .value("goal", "KIND:ID", "for candidate→programs: the target job or occupation"),
        .flag("explain", "include each result's explanation"),
        .flag("json", "print JSON"),
    ]

    let request: MatchRequest
    let json: Bool

    init(_ arguments: ParsedArguments) throws {
        _ = try arguments.positionals(max: 0)
        guard let from = arguments.value("from") else { throw CLIError.usage("--from KIND:ID is required") }
        guard let to = arguments.value("to") else { throw CLIError.usage("--to KIND is required") }
        let source = try Self.key(from, option: "from")
        let target = try Self.kind(to, option: "to")
        let direction: MatchDirection
        do { direction = try Engine.direction(from: source.kind, to: target) } catch let error as EngineError {
            throw CLIError.usage(error.message)
        }
        var weights: [String: Double] = [:]
        for pair in arguments.allValues("weight") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, let value = Double(parts[1]) else { throw CLIError.usage("--weight must be FEATURE=NUMBER, got '\(pair)'") }
            weights[String(parts[0])] = value
        }
        request = MatchRequest(
            source: source, direction: direction, limit: try arguments.int("limit", in: 1...1000) ?? 10,
            weightOverrides: weights, cursor: arguments.value("cursor"), explain: arguments.flag("explain"),
            employerView: false, goal: try arguments.value("goal").map { try Self.key($0, option: "goal") })
        json = arguments.flag("json")
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let engine = try EngineLoader.open(context)
        let page: MatchPage
        do { page = try engine.match(request) } catch let error as EngineError {
            throw CLIError.data(error.description)
        }
        let rendered = ResultRenderer(engine: engine).matches(page, source: request.source)
        if json {
            context.print(rendered.serialized())
            return .success
        }
        for (rank, item) in (rendered["matches"]?.arrayValue ?? []).enumerated() {
            let score = item["score"]?.doubleValue ?? 0
            context.print("\(rank + 1). \(String(format: "%5.1f", score))  \(item["id"]?.stringValue ?? "")  \(item["title"]?.stringValue ?? "")")
            guard let explanation = item["explanation"] else { continue }
            let matched = explanation["matchedSkills"]?.arrayValue?.compactMap { $0["label"]?.stringValue } ?? []
            let missing = explanation["missingRequiredSkills"]?.arrayValue?.compactMap { $0["label"]?.stringValue } ?? []
            let related = explanation["relatedMatches"]?.arrayValue?.compactMap { $0["text"]?.stringValue } ?? []
            if !matched.isEmpty { context.print("     matched: \(matched.joined(separator: ", "))") }
            if !missing.isEmpty { context.print("     missing: \(missing.joined(separator: ", "))") }
            if !related.isEmpty { context.print("     related: \(related.joined(separator: "; "))") }
            let parts = explanation["contributions"]?.arrayValue?.compactMap { c -> String? in
                guard let feature = c["feature"]?.stringValue, let points = c["points"]?.doubleValue, points != 0 else { return nil }
                return "\(feature) \(String(format: "%.1f", points))"
            } ?? []
            if !parts.isEmpty { context.print("     points: \(parts.joined(separator: " + "))") }
        }
        if let cursor = rendered["nextCursor"]?.stringValue { context.print("next page: --cursor \(cursor)") }
        return .success
    }

    static func kind(_ text: String, option: String) throws -> EntityKind {
        guard let kind = EntityKind(rawValue: text) ?? EntityKind(plural: text) else {
            throw CLIError.usage("--\(option): unknown kind '\(text)' (candidate, job, program, occupation)")
        }
        return kind
    }

    static func key(_ text: String, option: String) throws -> EntityKey {
        guard let colon = text.firstIndex(of: ":") else { throw CLIError.usage("--\(option) must be KIND:ID, got '\(text)'") }
        let id = String(text[text.index(after: colon)...])
        guard !id.isEmpty else { throw CLIError.usage("--\(option) has an empty id") }
        return EntityKey(try kind(String(text[..<colon]), option: option), id)
    }
}
