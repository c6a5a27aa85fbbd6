/// One `skillmatch` command, such as `extract` or `taxonomy stats`.
///
/// A command declares its path, help text and options; the ``CommandLineTool`` parses the
/// arguments against that declaration (so `--help` and usage errors are uniform), builds the
/// command with ``init(_:)`` (where it validates) and calls ``run(_:)``.
protocol Command {
    /// The words that select the command, e.g. `["taxonomy", "stats"]`.
    static var path: [String] { get }
    /// One line for the command list.
    static var abstract: String { get }
    /// The synopsis after `skillmatch <path>`, e.g. `[--json] [TEXT]`.
    static var synopsis: String { get }
    /// Longer help: what it does, its exit codes when they differ from the defaults.
    static var discussion: String { get }
    /// Options beyond the global ones.
    static var options: [OptionSpec] { get }

    /// Builds the command from parsed arguments; throws ``CLIError/usage(_:)`` for bad arguments.
    init(_ arguments: ParsedArguments) throws

    /// Runs the command and returns its exit code.
    func run(_ context: CommandContext) throws -> ExitCode
}

extension Command {
    static var discussion: String { "" }
    static var options: [OptionSpec] { [] }
}

/// A declared option: `--name VALUE` when `valueName` is set, otherwise a flag.
struct OptionSpec: Sendable {
    var name: String
    var valueName: String?
    var help: String
    /// May be given several times (values accumulate).
    var repeatable: Bool = false

    static func flag(_ name: String, _ help: String) -> OptionSpec {
        OptionSpec(name: name, valueName: nil, help: help)
    }

    static func value(_ name: String, _ valueName: String, _ help: String, repeatable: Bool = false) -> OptionSpec {
        OptionSpec(name: name, valueName: valueName, help: help, repeatable: repeatable)
    }
}

/// Process exit codes, following BSD `sysexits.h` where one fits.
enum ExitCode: Int32, Sendable {
    case success = 0
    /// The command ran but some items failed (e.g. `ingest` with rejected items).
    case failure = 1
    /// Bad command line.
    case usage = 64
    /// Input data was malformed (bad file content, bad configuration).
    case dataError = 65
    /// An input file does not exist or cannot be read.
    case noInput = 66
    /// Unexpected internal error.
    case software = 70
    /// A file could not be written.
    case ioError = 74
    /// Configuration is invalid.
    case config = 78
}
