import Foundation
import SkillsTaxonomy

/// Shared by the `taxonomy` commands: loading the installed taxonomy with the operator extensions.
enum TaxonomyCommandSupport {
    static let extensionsOption = OptionSpec.value(
        "extensions", "FILE", "operator extension file (default: Config/taxonomy-extensions.txt when present)")

    /// The extension file to apply: `--extensions`, else the default one when it exists.
    static func extensionsFile(_ arguments: ParsedArguments, context: CommandContext) throws -> URL? {
        if let path = arguments.value("extensions") {
            guard FileManager.default.fileExists(atPath: path) else { throw CLIError.noInput("no extension file at \(path)") }
            return URL(fileURLWithPath: path)
        }
        let defaultFile = context.configDirectory.appendingPathComponent("taxonomy-extensions.txt")
        return FileManager.default.fileExists(atPath: defaultFile.path) ? defaultFile : nil
    }

    /// Loads `Taxonomies/` (or `SKILLMATCH_TAXONOMY_DIR`), mapping taxonomy errors to exit codes.
    static func load(_ context: CommandContext, extensions: URL?) throws -> Taxonomy {
        do {
            return try TaxonomyLoader.load(directory: context.taxonomyDirectory, extensions: extensions)
        } catch let error as TaxonomyError {
            throw cliError(error)
        }
    }

    static func cliError(_ error: TaxonomyError) -> CLIError {
        error.kind == .missingFile ? CLIError.noInput(error.description) : CLIError.data(error.description)
    }

    static func json(_ object: Any) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }
}
