import Foundation
import SkillsCore
import SkillsEngine

/// Opens the engine the way every command does: paths from the command context, the `"engine"`
/// section of `Config/default.json` (when present) for the rest.
enum EngineLoader {
    static func configuration(_ context: CommandContext) throws -> EngineConfiguration {
        var configuration = EngineConfiguration(
            dataDirectory: context.dataDirectory.path, taxonomyDirectory: context.taxonomyDirectory.path,
            configDirectory: context.configDirectory.path)
        let file = context.configDirectory.appendingPathComponent("default.json")
        if let data = try? Data(contentsOf: file) {
            let document: JSONValue
            do { document = try JSONParser().parse(data) } catch {
                throw CLIError.config("\(file.path): \(error)")
            }
            if let section = document["engine"] {
                do {
                    let decoded = try JSONDecoder().decode(EngineConfiguration.self, from: Data(section.serializedBytes()))
                    configuration.ingestWorkers = decoded.ingestWorkers
                    configuration.ingestBatchSize = decoded.ingestBatchSize
                    configuration.ingestLeaseSeconds = decoded.ingestLeaseSeconds
                    configuration.publishDelaySeconds = decoded.publishDelaySeconds
                    configuration.loadDemoData = decoded.loadDemoData
                    configuration.snapshotMaxAgeDays = decoded.snapshotMaxAgeDays
                    configuration.skillVectors = decoded.skillVectors
                    configuration.semanticExtraction = decoded.semanticExtraction
                } catch {
                    throw CLIError.config("\(file.path): engine: \(error)")
                }
            }
        }
        if let value = context.environment["SKILLMATCH_SKILL_VECTORS"] {
            guard let source = SkillVectorSource(rawValue: value) else {
                throw CLIError.config("SKILLMATCH_SKILL_VECTORS: must be one of \(SkillVectorSource.allCases.map(\.rawValue).joined(separator: ", ")) (got \(value))")
            }
            configuration.skillVectors = source
        }
        configuration.modelDirectory = context.modelDirectory.path
        let issues = configuration.validate()
        if !issues.isEmpty { throw CLIError.config(issues.joined(separator: "; ")) }
        return configuration
    }

    /// Opens the engine; prints the one warning of a missing encoder model to standard error.
    static func open(_ context: CommandContext) throws -> Engine {
        let configuration = try configuration(context)
        do {
            let engine = try Engine(configuration: configuration)
            if let warning = engine.startup.warning { context.printError("skillmatch: WARNING \(warning)") }
            for warning in engine.warnings { context.printError("skillmatch: WARNING \(warning)") }
            return engine
        } catch let error as EngineError {
            throw CLIError(code: error.code == .invalidConfiguration ? .config : .dataError, message: error.message)
        }
    }
}

/// Prints JSON values one per line.
enum JSONOutput {
    static func line(_ value: JSONValue) -> String { value.serialized() }
}
