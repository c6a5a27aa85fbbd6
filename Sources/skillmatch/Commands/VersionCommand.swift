/// `skillmatch version`: prints the version and where the tool looks for its files.
struct VersionCommand: Command {
    static let path = ["version"]
    static let abstract = "print the version, installation root and data directory"
    static let synopsis = ""

    static let version = "0.1.0"

    init(_ arguments: ParsedArguments) throws {
        _ = try arguments.positionals(max: 0)
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        context.print("skillmatch \(Self.version)")
        context.print("home: \(context.home.path)")
        context.print("data: \(context.dataDirectory.path)")
        return .success
    }
}
