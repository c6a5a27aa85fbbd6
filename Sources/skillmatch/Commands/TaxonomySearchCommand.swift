import Foundation
import SkillsTaxonomy

/// `skillmatch taxonomy search QUERY`: ranked label and alias search over the installed taxonomy.
struct TaxonomySearchCommand: Command {
    static let path = ["taxonomy", "search"]
    static let abstract = "find skills by label or alias (prefix and word match, ranked)"
    static let synopsis = "[--limit N] [--json] [--extensions FILE] QUERY..."
    static let discussion = """
        Every word of QUERY must occur in a skill's label or alias; the last word may be a prefix.
        Exact labels rank first, then labels starting with the query, then other matches.
        Prints one skill per line: score, type, id, label (and the alias that matched).
        """
    static let options: [OptionSpec] = [
        .value("limit", "N", "most results (default 20, 1-1000)"),
        .flag("json", "print one JSON object per result"),
        TaxonomyCommandSupport.extensionsOption,
    ]

    let query: String
    let limit: Int
    let json: Bool
    let arguments: ParsedArguments

    init(_ arguments: ParsedArguments) throws {
        query = arguments.positionals.joined(separator: " ")
        guard !query.trimmingCharacters(in: .whitespaces).isEmpty else { throw CLIError.usage("missing QUERY") }
        limit = try arguments.int("limit", in: 1...1_000) ?? 20
        json = arguments.flag("json")
        self.arguments = arguments
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let extensions = try TaxonomyCommandSupport.extensionsFile(arguments, context: context)
        let taxonomy = try TaxonomyCommandSupport.load(context, extensions: extensions)
        let hits = TaxonomySearch(taxonomy).search(query, limit: limit)
        for hit in hits {
            let skill = taxonomy[hit.skill]
            if json {
                context.print(try TaxonomyCommandSupport.json([
                    "id": skill.id, "label": skill.label, "type": skill.type.rawValue,
                    "matched": hit.matchedLabel, "score": (hit.score * 1000).rounded() / 1000,
                ]))
            } else {
                let alias = hit.matchedLabel == skill.label ? "" : "  (alias: \(hit.matchedLabel))"
                context.print(String(format: "%.3f", hit.score) + "  \(skill.type.rawValue)  \(skill.id)  \(skill.label)\(alias)")
            }
        }
        if hits.isEmpty && !json { context.printError("no skill matches '\(query)'") }
        return .success
    }
}
