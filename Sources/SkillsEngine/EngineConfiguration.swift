import Foundation

/// Where the engine finds its files and how ingestion behaves. Part of `Config/default.json`
/// under `"engine"`; every key is documented there.
public struct EngineConfiguration: Sendable, Codable, Hashable {
    /// Folder holding the SQLite file and snapshots.
    public var dataDirectory: String
    /// The shipped taxonomy folder (`Taxonomies/`).
    public var taxonomyDirectory: String
    /// Folder with `ranking.json` and the taxonomy extension file.
    public var configDirectory: String
    /// In-process ingestion workers under `serve` (0: none; run `skillmatch worker` instead).
    public var ingestWorkers: Int = 2
    /// Items a worker claims at once.
    public var ingestBatchSize: Int = 64
    /// Seconds a claimed item stays leased before another worker may take it over.
    public var ingestLeaseSeconds: Double = 30
    /// Longest delay, in seconds, between a committed write and the snapshot that serves it.
    public var publishDelaySeconds: Double = 0.5
    /// Load the demo dataset into an empty database on start.
    public var loadDemoData: Bool = false
    /// Ingestion adds the sentence encoder's semantic skill hits to the lexical ones (slower:
    /// one forward pass per candidate phrase). Without the model files the engine warns once and
    /// stays lexical.
    public var semanticExtraction: Bool = false

    public init(dataDirectory: String, taxonomyDirectory: String, configDirectory: String) {
        self.dataDirectory = dataDirectory
        self.taxonomyDirectory = taxonomyDirectory
        self.configDirectory = configDirectory
    }

    private enum CodingKeys: String, CodingKey {
        case dataDirectory, taxonomyDirectory, configDirectory, ingestWorkers, ingestBatchSize, ingestLeaseSeconds,
            publishDelaySeconds, loadDemoData, semanticExtraction
    }

    /// Reads the `"engine"` section of a configuration file; every key is optional and overrides
    /// the value already in `base` (paths usually come from the command line instead).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            dataDirectory: try container.decodeIfPresent(String.self, forKey: .dataDirectory) ?? "",
            taxonomyDirectory: try container.decodeIfPresent(String.self, forKey: .taxonomyDirectory) ?? "",
            configDirectory: try container.decodeIfPresent(String.self, forKey: .configDirectory) ?? "")
        ingestWorkers = try container.decodeIfPresent(Int.self, forKey: .ingestWorkers) ?? ingestWorkers
        ingestBatchSize = try container.decodeIfPresent(Int.self, forKey: .ingestBatchSize) ?? ingestBatchSize
        ingestLeaseSeconds = try container.decodeIfPresent(Double.self, forKey: .ingestLeaseSeconds) ?? ingestLeaseSeconds
        publishDelaySeconds = try container.decodeIfPresent(Double.self, forKey: .publishDelaySeconds) ?? publishDelaySeconds
        loadDemoData = try container.decodeIfPresent(Bool.self, forKey: .loadDemoData) ?? loadDemoData
        semanticExtraction = try container.decodeIfPresent(Bool.self, forKey: .semanticExtraction) ?? semanticExtraction
    }

    /// The problems with this configuration, each prefixed by its key path.
    public func validate(prefix: String = "engine") -> [String] {
        var issues: [String] = []
        if dataDirectory.isEmpty { issues.append("\(prefix).dataDirectory: must not be empty") }
        if !(0...64).contains(ingestWorkers) { issues.append("\(prefix).ingestWorkers: must be 0…64, got \(ingestWorkers)") }
        if !(1...10_000).contains(ingestBatchSize) { issues.append("\(prefix).ingestBatchSize: must be 1…10000, got \(ingestBatchSize)") }
        if !(ingestLeaseSeconds > 0 && ingestLeaseSeconds <= 3600) {
            issues.append("\(prefix).ingestLeaseSeconds: must be in (0, 3600], got \(ingestLeaseSeconds)")
        }
        if !(publishDelaySeconds >= 0 && publishDelaySeconds <= 60) {
            issues.append("\(prefix).publishDelaySeconds: must be 0…60, got \(publishDelaySeconds)")
        }
        return issues
    }

    var databasePath: String { URL(fileURLWithPath: dataDirectory).appendingPathComponent("skillmatch.sqlite").path }
    var rankingFile: URL { URL(fileURLWithPath: configDirectory).appendingPathComponent("ranking.json") }
    /// `SKILLMATCH_MODEL_DIR`, else `<dataDirectory>/models/all-MiniLM-L6-v2` (as the CLI).
    func modelDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let override = environment["SKILLMATCH_MODEL_DIR"], !override.isEmpty { return URL(fileURLWithPath: override) }
        return URL(fileURLWithPath: dataDirectory).appendingPathComponent("models/all-MiniLM-L6-v2")
    }
    var extensionsFile: URL { URL(fileURLWithPath: configDirectory).appendingPathComponent("taxonomy-extensions.txt") }
}
