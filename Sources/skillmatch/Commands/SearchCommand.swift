import Foundation
import SkillsCore
import SkillsEngine
import SkillsIndex

/// `skillmatch search`: finds jobs, candidates or programs by skills and/or text, with filters.
struct SearchCommand: Command {
    static let path = ["search"]
    static let abstract = "search one kind by skills and/or free text, with filters"
    static let synopsis = "--to KIND (--skills A,B,C | --text \"...\") [filters] [--limit N] [--json]"
    static let discussion = """
        Skills are taxonomy ids or labels, comma-separated. Filters: --near LAT,LON --radius-km R,
        --remote, --pay-min N, --pay-max N, --occupation PREFIX, --max-cost N, --max-weeks N,
        --employment-type full_time|part_time|…, --modality in_person|online|hybrid.
        """
    static let options: [OptionSpec] = [
        .value("to", "KIND", "jobs, candidates or programs"),
        .value("skills", "A,B,C", "skills by id or label"),
        .value("text", "TEXT", "free text (BM25 over titles and descriptions)"),
        .value("limit", "N", "results, 1…1000 (default 10)"),
        .value("cursor", "C", "next page"),
        .value("near", "LAT,LON", "centre of a radius filter"),
        .value("radius-km", "R", "radius in km (with --near; default 50)"),
        .flag("remote", "remote only"),
        .value("pay-min", "N", "pay range overlapping [N, …)"),
        .value("pay-max", "N", "pay range overlapping (…, N]"),
        .value("occupation", "PREFIX", "O*NET-SOC code prefix, e.g. 15-12"),
        .value("max-cost", "N", "programs costing at most N"),
        .value("max-weeks", "N", "programs at most N weeks long"),
        .value("employment-type", "T", "jobs of this employment type"),
        .value("modality", "M", "programs of this modality"),
        .flag("json", "print JSON"),
    ]

    let kind: EntityKind
    let skills: [String]
    let text: String
    let filters: FilterSet
    let limit: Int
    let cursor: String?
    let json: Bool

    init(_ arguments: ParsedArguments) throws {
        _ = try arguments.positionals(max: 0)
        guard let to = arguments.value("to") else { throw CLIError.usage("--to KIND is required") }
        kind = try MatchCommand.kind(to, option: "to")
        skills = (arguments.value("skills") ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        text = arguments.value("text") ?? ""
        if skills.isEmpty && text.isEmpty { throw CLIError.usage("give --skills, --text, or both") }
        var filters = FilterSet()
        if let near = arguments.value("near") {
            let parts = near.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard parts.count == 2 else { throw CLIError.usage("--near must be LAT,LON") }
            filters.near = .init(center: GeoPoint(latitude: parts[0], longitude: parts[1]), radiusKilometres: try arguments.double("radius-km") ?? 50)
        }
        filters.remoteOnly = arguments.flag("remote")
        let payMin = try arguments.double("pay-min"), payMax = try arguments.double("pay-max")
        if payMin != nil || payMax != nil { filters.pay = PayRange(minimum: payMin, maximum: payMax) }
        filters.occupationCodePrefix = arguments.value("occupation")
        filters.maximumCost = try arguments.double("max-cost")
        filters.maximumWeeks = try arguments.int("max-weeks", in: 1...520)
        if let type = arguments.value("employment-type") {
            guard let value = EmploymentType(rawValue: type) else {
                throw CLIError.usage("--employment-type: one of \(EmploymentType.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            filters.employmentTypes = [value]
        }
        if let modality = arguments.value("modality") {
            guard let value = Modality(rawValue: modality) else {
                throw CLIError.usage("--modality: one of \(Modality.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            filters.modalities = [value]
        }
        self.filters = filters
        limit = try arguments.int("limit", in: 1...1000) ?? 10
        cursor = arguments.value("cursor")
        json = arguments.flag("json")
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let engine = try EngineLoader.open(context)
        let found: SearchResult
        do {
            found = try engine.search(skills: skills, text: text, kind: kind, filters: filters, limit: limit, cursor: cursor).result
        } catch let error as EngineError {
            throw CLIError.data(error.description)
        }
        let snapshot = engine.snapshot
        let hits: [JSONValue] = found.hits.map { hit in
            let entity = snapshot.entity(hit.id)
            return .object(JSONObject([
                "id": .string(entity?.id ?? ""), "title": .string(entity?.title ?? ""),
                "score": .number(JSONNumber(Double((hit.score * 1000).rounded() / 1000))),
            ]))
        }
        if json {
            context.print(JSONValue.object(JSONObject(["hits": .array(hits), "nextCursor": found.nextCursor.map { .string($0.token) } ?? .null])).serialized())
        } else {
            for (rank, hit) in hits.enumerated() {
                context.print("\(rank + 1). \(String(format: "%7.3f", hit["score"]?.doubleValue ?? 0))  \(hit["id"]?.stringValue ?? "")  \(hit["title"]?.stringValue ?? "")")
            }
            if let next = found.nextCursor { context.print("next page: --cursor \(next.token)") }
        }
        return .success
    }
}
