import Foundation
import SkillsAPI
import SkillsEngine
import SkillsVectors
import SkillsHTTP

/// `skillmatch serve`: the HTTP JSON API with in-process ingestion workers.
struct ServeCommand: Command {
    static let path = ["serve"]
    static let abstract = "serve the HTTP JSON API (prints the bound port)"
    static let synopsis = "[--config FILE] [--host ADDR] [--port N] [--auth required|open]"
    static let discussion = """
        Configuration: Config/default.json (or --config FILE), then environment variables
        (SKILLMATCH_HOST, SKILLMATCH_PORT, SKILLMATCH_AUTH_MODE, … see Documentation/CONFIGURATION.md),
        then flags. An invalid value stops the start with its key path and exit code 78.
        --port 0 picks a free port. Prints 'listening on HOST:PORT' once serving. SIGTERM or SIGINT
        stops accepting, finishes in-flight requests and ingestion batches, and exits 0.
        """
    static let options: [OptionSpec] = [
        .value("config", "FILE", "configuration file (default: Config/default.json)"),
        .value("host", "ADDR", "bind address (http.host)"),
        .value("port", "N", "port, 0 for a free one (http.port)"),
        .value("auth", "MODE", "required (default) or open (no keys; loopback development only)"),
    ]

    let configFile: String?
    let overrides: [String: String]

    init(_ arguments: ParsedArguments) throws {
        _ = try arguments.positionals(max: 0)
        configFile = arguments.value("config")
        var overrides: [String: String] = [:]
        overrides["http.host"] = arguments.value("host")
        if let port = arguments.value("port") {
            guard let number = Int(port), (0...65535).contains(number) else { throw CLIError.usage("--port must be 0…65535, got '\(port)'") }
            overrides["http.port"] = String(number)
        }
        overrides["auth.mode"] = arguments.value("auth")
        self.overrides = overrides
    }

    /// Reads and validates the configuration; every failure is exit code 78 with the key path.
    func configuration(_ context: CommandContext) throws -> ServiceConfiguration {
        let file = configFile.map { URL(fileURLWithPath: $0) } ?? context.configDirectory.appendingPathComponent("default.json")
        let data: Data?
        if FileManager.default.fileExists(atPath: file.path) {
            do { data = try Data(contentsOf: file) } catch { throw CLIError.config("\(file.path): cannot read: \(error.localizedDescription)") }
        } else if configFile != nil {
            throw CLIError.config("\(file.path): no such file")
        } else {
            data = nil
        }
        do {
            return try ServiceConfiguration.load(json: data, environment: context.environment, overrides: overrides)
        } catch {
            throw CLIError.config("invalid configuration: \(error) (from \(data == nil ? "defaults" : file.path), SKILLMATCH_* environment and flags)")
        }
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let configuration = try configuration(context)
        var engineConfiguration = EngineConfiguration(
            dataDirectory: context.dataDirectory.path, taxonomyDirectory: context.taxonomyDirectory.path,
            configDirectory: context.configDirectory.path)
        engineConfiguration.ingestWorkers = configuration.engine.ingestWorkers
        engineConfiguration.ingestBatchSize = configuration.engine.ingestBatchSize
        engineConfiguration.ingestLeaseSeconds = configuration.engine.ingestLeaseSeconds
        engineConfiguration.publishDelaySeconds = configuration.engine.publishDelaySeconds
        engineConfiguration.loadDemoData = configuration.engine.loadDemoData
        engineConfiguration.snapshotMaxAgeDays = configuration.engine.snapshotMaxAgeDays
        engineConfiguration.skillVectors = SkillVectorSource(rawValue: configuration.engine.skillVectors) ?? .auto
        engineConfiguration.modelDirectory = context.modelDirectory.path
        engineConfiguration.semanticExtraction = configuration.engine.semanticExtraction
        try FileManager.default.createDirectory(at: context.dataDirectory, withIntermediateDirectories: true)
        let engine: Engine
        do {
            engine = try Engine(configuration: engineConfiguration)
            for warning in engine.warnings { context.printError("serve: WARNING \(warning)") }
        } catch let error as EngineError {
            throw CLIError(code: error.code == .invalidConfiguration ? .config : .dataError, message: error.message)
        }
        let startup = engine.indexStartup
        context.printError(String(format: "serve: index ready in %.2f s (%@, %d entities)%@", startup.seconds,
                                  startup.source == .snapshotFile ? "snapshot file" : "rebuilt from SQLite", startup.entities,
                                  startup.reason.map { "; snapshot not used: \($0)" } ?? ""))
        // One OpenBLAS thread per request: handler threads already run queries in parallel
        // (after the engine's start, which may encode skill labels with more).
        BLAS.setThreads(1)
        if let warning = engine.startup.warning { context.printError("serve: WARNING \(warning)") }
        context.printError("serve: \(engine.startup.summary)")
        if configuration.engine.loadDemoData {
            let loaded = try engine.loadDemoDataIfEmpty()
            if loaded > 0 { context.printError("serve: loaded \(loaded) demo entities") }
        }
        if startup.source == .rebuilt {
            // So that the next start restores instead of rebuilding, even after a crash before any write.
            let background = Thread { _ = engine.saveSnapshot() }
            background.start()
        }
        let ingestion = IngestionService(engine: engine)
        try ingestion.start(workers: configuration.engine.ingestWorkers)
        let service = try APIService(engine: engine, configuration: configuration.api)
        let server: HTTPServer
        do {
            server = try HTTPServer.start(
                configuration: configuration.http, responder: service.responder(), accessLog: .standardError, metrics: service.metrics)
        } catch {
            ingestion.stop()
            throw CLIError.config("http: \(error)")
        }
        if configuration.api.authMode == .open {
            context.printError("serve: WARNING auth.mode is open: every caller is an admin; use on loopback only")
        }
        server.shutdownOnSignals()  // before the announcement: a supervisor may signal right after it
        context.print("listening on \(configuration.http.host):\(server.port)")
        server.runUntilTerminated()
        ingestion.stop()
        switch engine.saveSnapshot() {
        case .written(let bytes, let seconds):
            context.printError(String(format: "serve: index snapshot written (%.1f MB in %.1f s)", Double(bytes) / 1e6, seconds))
        case .skipped(let reason):
            context.printError("serve: index snapshot not written: \(reason)")
        }
        context.printError("serve: stopped")
        return .success
    }
}
