import Foundation

/// What every command gets besides its own arguments: where things live and how to print.
struct CommandContext: Sendable {
    /// Where the service keeps its data (SQLite file, snapshots, model files):
    /// `--data-dir`, else `SKILLMATCH_DATA_DIR`, else `~/.local/share/skillmatch`.
    var dataDirectory: URL
    /// The project's installation root: the folder holding `Taxonomies/` and `Config/`.
    var home: URL
    var environment: [String: String]

    var taxonomyDirectory: URL {
        if let override = environment["SKILLMATCH_TAXONOMY_DIR"] { return URL(fileURLWithPath: override) }
        return home.appendingPathComponent("Taxonomies")
    }

    var configDirectory: URL {
        if let override = environment["SKILLMATCH_CONFIG_DIR"] { return URL(fileURLWithPath: override) }
        return home.appendingPathComponent("Config")
    }

    /// Default model directory, as `scripts/fetch-model.sh` lays it out.
    var modelDirectory: URL {
        if let override = environment["SKILLMATCH_MODEL_DIR"] { return URL(fileURLWithPath: override) }
        return dataDirectory.appendingPathComponent("models/all-MiniLM-L6-v2")
    }

    /// Writes a line to standard output.
    func print(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// Writes a line to standard error.
    func printError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Whether standard output is a terminal (progress bars only then).
    var outputIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    /// Reads standard input line by line without loading it whole.
    func forEachStdinLine(_ body: (String) throws -> Void) rethrows {
        while let line = readLine(strippingNewline: true) {
            try body(line)
        }
    }
}

extension CommandContext {
    /// Resolves the data directory and installation root from flags and the environment.
    static func resolve(dataDirectory flag: String?, environment: [String: String]) -> CommandContext {
        let dataDirectory: URL
        if let flag {
            dataDirectory = URL(fileURLWithPath: flag)
        } else if let env = environment["SKILLMATCH_DATA_DIR"], !env.isEmpty {
            dataDirectory = URL(fileURLWithPath: env)
        } else {
            let homeDirectory = environment["HOME"].map { URL(fileURLWithPath: $0) }
                ?? FileManager.default.homeDirectoryForCurrentUser
            dataDirectory = homeDirectory.appendingPathComponent(".local/share/skillmatch")
        }
        return CommandContext(dataDirectory: dataDirectory, home: findHome(environment: environment), environment: environment)
    }

    /// `SKILLMATCH_HOME`, else the first of the working directory and the executable's ancestors
    /// that holds `Taxonomies/` (so `.build/release/skillmatch` finds the checkout it was built in).
    private static func findHome(environment: [String: String]) -> URL {
        if let env = environment["SKILLMATCH_HOME"], !env.isEmpty { return URL(fileURLWithPath: env) }
        let fileManager = FileManager.default
        var candidates = [URL(fileURLWithPath: fileManager.currentDirectoryPath)]
        var executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        if !executable.path.hasPrefix("/") {
            executable = URL(fileURLWithPath: fileManager.currentDirectoryPath).appendingPathComponent(executable.path)
        }
        for _ in 0..<6 {
            executable.deleteLastPathComponent()
            candidates.append(executable)
        }
        for candidate in candidates
        where fileManager.fileExists(atPath: candidate.appendingPathComponent("Taxonomies").path) {
            return candidate
        }
        return candidates[0]
    }
}
