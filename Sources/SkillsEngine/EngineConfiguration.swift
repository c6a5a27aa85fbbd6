import Foundation
import SkillsEncoder

/// Where the engine finds its files and how ingestion behaves. Part of `Config/default.json`
/// under `"engine"`; every key is documented there.
public struct EngineConfiguration: Sendable, Codable, Hashable {
    /// Folder holding the SQLite file and the index snapshot file.
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
    /// Restore the index from `index.snapshot` in the data folder when it matches the database and
    /// its candidate recency was computed at most this many days ago; 0 turns snapshot files off
    /// (every start rebuilds from SQLite).
    public var snapshotMaxAgeDays: Double = 7
    /// Where skill vectors come from: the encoder when its files are present (`auto`), the taxonomy, or
    /// the encoder only (a missing model is then an error).
    public var skillVectors: SkillVectorSource = .auto
    /// The sentence encoder's folder; `nil`: `SKILLMATCH_MODEL_DIR`, else `<data dir>/models/all-MiniLM-L6-v2`.
    public var modelDirectory: String?
    /// Folder of the cached skill vectors and label embeddings; `nil`: `<data dir>/vectors`.
    public var vectorCacheDirectory: String?
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
            publishDelaySeconds, loadDemoData, snapshotMaxAgeDays, skillVectors, semanticExtraction
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
        snapshotMaxAgeDays = try container.decodeIfPresent(Double.self, forKey: .snapshotMaxAgeDays) ?? snapshotMaxAgeDays
        skillVectors = try container.decodeIfPresent(SkillVectorSource.self, forKey: .skillVectors) ?? skillVectors
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
        if !(snapshotMaxAgeDays >= 0 && snapshotMaxAgeDays <= 3650) {
            issues.append("\(prefix).snapshotMaxAgeDays: must be 0…3650, got \(snapshotMaxAgeDays)")
        }
        return issues
    }

    var databasePath: String { URL(fileURLWithPath: dataDirectory).appendingPathComponent("skillmatch.sqlite").path }
    var rankingFile: URL { URL(fileURLWithPath: configDirectory).appendingPathComponent("ranking.json") }
    /// Cached skill and label vectors.
    var resolvedVectorCacheDirectory: URL {
        vectorCacheDirectory.map { URL(fileURLWithPath: $0) } ?? URL(fileURLWithPath: dataDirectory).appendingPathComponent("vectors")
    }
    /// Names the vector space the stored entity vectors belong to (next to the database: it describes its rows).
    var entityVectorSpaceFile: URL { URL(fileURLWithPath: dataDirectory).appendingPathComponent("entity-vector-space.txt") }
    var resolvedModelDirectory: URL {
        if let modelDirectory, !modelDirectory.isEmpty { return URL(fileURLWithPath: modelDirectory) }
        var environment = ProcessInfo.processInfo.environment
        if environment["SKILLMATCH_DATA_DIR"] == nil { environment["SKILLMATCH_DATA_DIR"] = dataDirectory }
        return SentenceEncoder.defaultModelDirectory(environment: environment)
    }
    var extensionsFile: URL { URL(fileURLWithPath: configDirectory).appendingPathComponent("taxonomy-extensions.txt") }
}
