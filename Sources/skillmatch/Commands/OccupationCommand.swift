import Foundation
import SkillsSemantic
import SkillsTaxonomy

/// `skillmatch occupation`: the O*NET occupations a job title most likely is.
struct OccupationCommand: Command {
    static let path = ["occupation"]
    static let abstract = "rank taxonomy occupations for a job title (sentence encoder; lexical without the model)"
    static let synopsis = "[--json] [--limit N] [--lexical] [TITLE...]"
    static let discussion = """
        Encodes TITLE (the arguments joined by spaces) and compares it with every occupation's title,
        alternate titles and description (see Documentation/ENCODER.md); prints the best occupations
        with O*NET-SOC code, SOC code, score and title. Without TITLE, one title per standard-input
        line (JSON Lines). Without the model files (scripts/fetch-model.sh) it warns on stderr and
        ranks with the lexical baseline (BM25 over titles and descriptions); --lexical asks for that.
        --json prints {"title","method","occupations":[{"id","soc_code","title","score"}]}.
        Exit codes: 0 done, 64 bad arguments, 65 invalid taxonomy or model files.
        """
    static let options: [OptionSpec] = [
        .flag("json", "print JSON (always on when reading stdin)"),
        .value("limit", "N", "occupations to print, 1…100 (default 5)"),
        .flag("lexical", "use the lexical baseline even when the model is present"),
    ]

    let title: String?
    let json: Bool
    let limit: Int
    let lexicalOnly: Bool

    init(_ arguments: ParsedArguments) throws {
        let words = try arguments.positionals(max: Int.max)
        title = words.isEmpty ? nil : words.joined(separator: " ")
        if let title, title.trimmingCharacters(in: .whitespaces).isEmpty { throw CLIError.usage("TITLE must not be empty") }
        json = arguments.flag("json") || words.isEmpty
        limit = try arguments.int("limit", in: 1...100) ?? 5
        lexicalOnly = arguments.flag("lexical")
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let taxonomy: Taxonomy
        do { taxonomy = try TaxonomyLoader.load(directory: context.taxonomyDirectory) } catch {
            throw CLIError.data("\(error)")
        }
        guard !taxonomy.occupations.isEmpty else { throw CLIError.data("\(context.taxonomyDirectory.path) has no occupations") }
        var semantic: SemanticOccupationMatcher?
        if !lexicalOnly {
            let (encoder, warning) = try SemanticLoader.encoder(context)
            if let warning { context.printError("skillmatch: warning: \(warning); ranking with the lexical baseline instead") }
            if let encoder {
                do {
                    semantic = try SemanticOccupationMatcher(
                        occupations: taxonomy.occupations, encoder: encoder, cacheDirectory: SemanticLoader.cacheDirectory(context))
                } catch { throw CLIError.data("\(error)") }
            }
        }
        let lexical = semantic == nil ? LexicalOccupationMatcher(occupations: taxonomy.occupations) : nil
        func emit(_ title: String) throws {
            let matches = try semantic?.match(title, limit: limit) ?? lexical!.match(title, limit: limit)
            let method = semantic == nil ? "lexical" : "encoder"
            if json {
                context.print(try Self.json(title: title, method: method, matches))
            } else {
                if matches.isEmpty { context.printError("skillmatch: no occupation shares a word with \"\(title)\"") }
                for m in matches {
                    context.print(String(format: "%.4f  %@  %@  %@", m.score, m.id, m.socCode.isEmpty ? "-" : m.socCode, m.title))
                }
            }
        }
        if let title {
            try emit(title)
        } else {
            try context.forEachStdinLine { line in
                if !line.trimmingCharacters(in: .whitespaces).isEmpty { try emit(line) }
            }
        }
        return .success
    }

    private struct Output: Encodable {
        let title: String
        let method: String
        let occupations: [OccupationMatch]
    }

    static func json(title: String, method: String, _ matches: [OccupationMatch]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(Output(title: title, method: method, occupations: matches)), as: UTF8.self)
    }
}
