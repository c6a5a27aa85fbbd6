import Foundation
import SkillsTaxonomy

/// `skillmatch taxonomy stats`: counts of the installed taxonomy.
struct TaxonomyStatsCommand: Command {
    static let path = ["taxonomy", "stats"]
    static let abstract = "print counts of the installed taxonomy (skills by type, occupations, profiles, wages)"
    static let synopsis = "[--json] [--extensions FILE]"
    static let discussion = """
        Loads Taxonomies/ (or $SKILLMATCH_TAXONOMY_DIR) with the operator extension file applied.
        Exit 66 when the taxonomy is missing, 65 when a file of it or the extension file is malformed.
        """
    static let options: [OptionSpec] = [
        .flag("json", "print one JSON object"),
        TaxonomyCommandSupport.extensionsOption,
    ]

    let json: Bool
    let arguments: ParsedArguments

    init(_ arguments: ParsedArguments) throws {
        _ = try arguments.positionals(max: 0)
        json = arguments.flag("json")
        self.arguments = arguments
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let extensions = try TaxonomyCommandSupport.extensionsFile(arguments, context: context)
        let stats = try TaxonomyCommandSupport.load(context, extensions: extensions).stats
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            context.print(String(decoding: try encoder.encode(stats), as: UTF8.self))
        } else {
            context.print("taxonomy: \(context.taxonomyDirectory.path)")
            stats.lines.forEach(context.print)
        }
        return .success
    }
}
