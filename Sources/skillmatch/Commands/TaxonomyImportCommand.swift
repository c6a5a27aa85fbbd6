import Foundation
import SkillsTaxonomy

/// `skillmatch taxonomy import`: reads the official ESCO / O*NET / CIP distributions a user holds.
struct TaxonomyImportCommand: Command {
    static let path = ["taxonomy", "import"]
    static let abstract = "import the official ESCO CSV download, O*NET text database and CIP 2020 files"
    static let synopsis = "[--esco DIR_OR_ZIP]... [--onet DIR] [--cip FILE [--crosswalk FILE]] [--out DIR] [--json]"
    static let discussion = """
        --esco takes the classification zip and the relations zip (repeat the option), or a folder
        holding them or their unpacked CSV files. --onet takes the folder of O*NET's tab-separated
        text files. Without --esco, O*NET is imported on top of the installed taxonomy.
        Prints the counts of the result; with --out, writes it in the Taxonomies/ format to DIR
        (point SKILLMATCH_TAXONOMY_DIR at it to serve it).
        Exit 66 when an input is missing, 65 when one is malformed, 74 when DIR cannot be written.
        """
    static let options: [OptionSpec] = [
        .value("esco", "DIR_OR_ZIP", "ESCO v1.1.x CSV download (zip or folder)", repeatable: true),
        .value("onet", "DIR", "O*NET database, text format"),
        .value("cip", "FILE", "NCES CIP 2020 code list (CSV)"),
        .value("crosswalk", "FILE", "CIP 2020 <-> SOC 2018 crosswalk (CSV)"),
        .value("out", "DIR", "write the imported taxonomy here"),
        .flag("json", "print the counts as one JSON object"),
    ]

    let esco: [URL]
    let onet: URL?
    let cip: URL?
    let crosswalk: URL?
    let out: URL?
    let json: Bool

    init(_ arguments: ParsedArguments) throws {
        _ = try arguments.positionals(max: 0)
        esco = arguments.allValues("esco").map { URL(fileURLWithPath: $0) }
        onet = arguments.value("onet").map { URL(fileURLWithPath: $0) }
        cip = arguments.value("cip").map { URL(fileURLWithPath: $0) }
        crosswalk = arguments.value("crosswalk").map { URL(fileURLWithPath: $0) }
        out = arguments.value("out").map { URL(fileURLWithPath: $0) }
        json = arguments.flag("json")
        guard !esco.isEmpty || onet != nil || cip != nil else {
            throw CLIError.usage("give at least one of --esco, --onet, --cip")
        }
        if crosswalk != nil && cip == nil { throw CLIError.usage("--crosswalk needs --cip") }
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        var taxonomy: Taxonomy
        do {
            if !esco.isEmpty {
                taxonomy = try ESCOImporter.importTaxonomy(from: esco)
            } else {
                taxonomy = try TaxonomyLoader.load(directory: context.taxonomyDirectory)
            }
            if let onet { try ONETImporter.apply(from: onet, to: &taxonomy) }
            if let cip { taxonomy.setPrograms(try CIPImporter.importCodes(codes: cip, crosswalk: crosswalk)) }
        } catch let error as TaxonomyError {
            throw TaxonomyCommandSupport.cliError(error)
        }
        if let out {
            do {
                try TaxonomyWriter.write(taxonomy, to: out)
            } catch let error as TaxonomyError {
                throw CLIError(code: .ioError, message: error.description)
            }
        }
        let stats = taxonomy.stats
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            context.print(String(decoding: try encoder.encode(stats), as: UTF8.self))
        } else {
            stats.lines.forEach(context.print)
            if let out { context.print("written to \(out.path)") }
        }
        return .success
    }
}
