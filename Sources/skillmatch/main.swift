import Foundation

/// Every command of the executable. Add a command by adding its type here.
let commands: [any Command.Type] = [
    VersionCommand.self,
    VerifyCommand.self,
    MatchCommand.self,
    SearchCommand.self,
    IngestCommand.self,
    WorkerCommand.self,
    TaxonomyStatsCommand.self,
    VectorsCommand.self,
    TaxonomySearchCommand.self,
    TaxonomyImportCommand.self,
    TaxonomyBuildCommand.self,
    ExtractCommand.self,
    EmbedCommand.self,
    OccupationCommand.self,
    ServeCommand.self,
    KeysCommand.self,
    KeysRevokeCommand.self,
    KeysListCommand.self,
]

let tool = CommandLineTool(commands: commands)
exit(tool.main(Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment).rawValue)
