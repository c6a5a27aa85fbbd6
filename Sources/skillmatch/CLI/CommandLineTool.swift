import Foundation

/// Parses `skillmatch` arguments, finds the command, prints help and maps errors to exit codes.
struct CommandLineTool {
    let commands: [any Command.Type]

    /// Options every command accepts.
    static let globalOptions: [OptionSpec] = [
        .value("data-dir", "DIR", "where data lives (default: $SKILLMATCH_DATA_DIR or ~/.local/share/skillmatch)"),
        .flag("help", "show help for the command"),
    ]

    func main(_ arguments: [String], environment: [String: String]) -> ExitCode {
        if arguments.isEmpty || arguments == ["--help"] || arguments == ["help"] {
            print(overview())
            return arguments.isEmpty ? .usage : .success
        }
        guard let (command, consumed) = match(arguments) else {
            // A known group without a valid subcommand gets the group's list.
            let group = commands.filter { $0.path.first == arguments[0] }
            if !group.isEmpty {
                let wantsHelp = arguments.contains("--help")
                let text = "usage:\n" + group.map { "  skillmatch \($0.path.joined(separator: " ")) \($0.synopsis)" }.joined(separator: "\n")
                if wantsHelp { print(text); return .success }
                printError("skillmatch: unknown command '\(arguments.prefix(2).joined(separator: " "))'\n\(text)")
                return .usage
            }
            printError("skillmatch: unknown command '\(arguments[0])'; run 'skillmatch --help'")
            return .usage
        }
        let rest = Array(arguments.dropFirst(consumed))
        do {
            let parsed = try ParsedArguments(rest, options: command.options + Self.globalOptions)
            if parsed.flag("help") {
                print(help(for: command))
                return .success
            }
            let context = CommandContext.resolve(dataDirectory: parsed.value("data-dir"), environment: environment)
            return try command.init(parsed).run(context)
        } catch let error as CLIError {
            printError("skillmatch \(command.path.joined(separator: " ")): \(error.message)")
            if error.code == .usage {
                printError("usage: skillmatch \(command.path.joined(separator: " ")) \(command.synopsis)")
            }
            return error.code
        } catch {
            printError("skillmatch \(command.path.joined(separator: " ")): \(error)")
            return .dataError
        }
    }

    /// The command whose path is the longest prefix of the arguments.
    private func match(_ arguments: [String]) -> (any Command.Type, Int)? {
        var best: (any Command.Type, Int)?
        for command in commands where arguments.starts(with: command.path) {
            if command.path.count > (best?.1 ?? 0) { best = (command, command.path.count) }
        }
        return best
    }

    func overview() -> String {
        var lines = ["skillmatch: skills matching for jobs, candidates and training programs", "", "commands:"]
        let width = commands.map { $0.path.joined(separator: " ").count }.max() ?? 0
        for command in commands {
            let name = command.path.joined(separator: " ")
            lines.append("  \(name.padding(toLength: width, withPad: " ", startingAt: 0))  \(command.abstract)")
        }
        lines += ["", "Run 'skillmatch <command> --help' for a command's options.", "", exitCodeHelp]
        return lines.joined(separator: "\n")
    }

    func help(for command: any Command.Type) -> String {
        var lines = ["usage: skillmatch \(command.path.joined(separator: " ")) \(command.synopsis)", "", command.abstract]
        if !command.discussion.isEmpty { lines += ["", command.discussion] }
        lines += ["", "options:"]
        for option in command.options + Self.globalOptions {
            let left = "--\(option.name)" + (option.valueName.map { " \($0)" } ?? "")
            lines.append("  \(left.padding(toLength: max(22, left.count), withPad: " ", startingAt: 0))  \(option.help)")
        }
        lines += ["", exitCodeHelp]
        return lines.joined(separator: "\n")
    }

    private var exitCodeHelp: String {
        "exit codes: 0 ok, 1 some items failed, 64 usage error, 65 bad input data, 66 input missing, 70 internal error, 74 write error, 78 bad configuration"
    }

    private func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
