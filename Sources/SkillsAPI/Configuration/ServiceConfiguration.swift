import Foundation
import SkillsCore
import SkillsEngine
import SkillsHTTP

/// The whole service configuration file (`Config/default.json`): `http`, `auth` and `engine`
/// sections. Precedence: file < environment (``environmentKeys``) < command-line flags (applied by
/// the caller). Every key is listed in `Documentation/CONFIGURATION.md`.
public struct ServiceConfiguration: Sendable, Equatable {
    public var http = ServerConfiguration()
    public var api = APIConfiguration()
    /// Engine keys the serve command copies into `EngineConfiguration` (paths come from the CLI).
    public var engine = EngineSection()

    /// The `"engine"` section's keys.
    public struct EngineSection: Codable, Sendable, Equatable {
        public var ingestWorkers: Int = 2
        public var ingestBatchSize: Int = 64
        public var ingestLeaseSeconds: Double = 30
        public var publishDelaySeconds: Double = 0.5
        public var loadDemoData: Bool = false
        public var snapshotMaxAgeDays: Double = 7
        /// `auto` | `taxonomy` | `encoder` (see `SkillVectorSource`).
        public var skillVectors: String = "auto"
        public var semanticExtraction: Bool = false

        public init() {}

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let d = EngineSection()
            ingestWorkers = try c.decodeIfPresent(Int.self, forKey: .ingestWorkers) ?? d.ingestWorkers
            ingestBatchSize = try c.decodeIfPresent(Int.self, forKey: .ingestBatchSize) ?? d.ingestBatchSize
            ingestLeaseSeconds = try c.decodeIfPresent(Double.self, forKey: .ingestLeaseSeconds) ?? d.ingestLeaseSeconds
            publishDelaySeconds = try c.decodeIfPresent(Double.self, forKey: .publishDelaySeconds) ?? d.publishDelaySeconds
            loadDemoData = try c.decodeIfPresent(Bool.self, forKey: .loadDemoData) ?? d.loadDemoData
            snapshotMaxAgeDays = try c.decodeIfPresent(Double.self, forKey: .snapshotMaxAgeDays) ?? d.snapshotMaxAgeDays
            skillVectors = try c.decodeIfPresent(String.self, forKey: .skillVectors) ?? d.skillVectors
            semanticExtraction = try c.decodeIfPresent(Bool.self, forKey: .semanticExtraction) ?? d.semanticExtraction
        }
    }

    public init() {}

    /// Environment variables and the key each overrides.
    public static let environmentKeys: [(variable: String, keyPath: String)] = [
        ("SKILLMATCH_HOST", "http.host"),
        ("SKILLMATCH_PORT", "http.port"),
        ("SKILLMATCH_WORKER_THREADS", "http.workerThreads"),
        ("SKILLMATCH_MAX_BODY_BYTES", "http.limits.maxBodyBytes"),
        ("SKILLMATCH_AUTH_MODE", "auth.mode"),
        ("SKILLMATCH_RATE_LIMIT_RPS", "auth.rateLimit.requestsPerSecond"),
        ("SKILLMATCH_RATE_LIMIT_BURST", "auth.rateLimit.burst"),
        ("SKILLMATCH_INGEST_WORKERS", "engine.ingestWorkers"),
        ("SKILLMATCH_LOAD_DEMO_DATA", "engine.loadDemoData"),
        ("SKILLMATCH_SKILL_VECTORS", "engine.skillVectors"),
        ("SKILLMATCH_SEMANTIC_EXTRACTION", "engine.semanticExtraction"),
    ]

    /// Parses a configuration document, applies `environment` and `overrides` (key path → value text,
    /// for flags), and validates. Errors name the offending key path.
    public static func load(
        json data: Data?, environment: [String: String] = [:], overrides: [String: String] = [:]
    ) throws(ConfigurationError) -> ServiceConfiguration {
        var document: JSONObject = JSONObject()
        if let data {
            let parsed: JSONValue
            do { parsed = try JSONParser().parse(data) } catch { throw ConfigurationError("(file)", error.description) }
            guard let object = parsed.objectValue else { throw ConfigurationError("(file)", "must be a JSON object") }
            document = object
        }
        var settings: [(String, String)] = []
        for (variable, keyPath) in environmentKeys {
            if let value = environment[variable], !value.isEmpty { settings.append((keyPath, value)) }
        }
        settings += overrides.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        for (keyPath, text) in settings {
            document = Self.setting(document, path: keyPath.split(separator: ".").map(String.init), to: Self.literal(text))
        }
        for key in document.keys where !["http", "auth", "engine", "$comment"].contains(key) {
            throw ConfigurationError(key, "unknown section; expected http, auth or engine")
        }
        var configuration = ServiceConfiguration()
        configuration.http = try Self.decode(ServerConfiguration.self, document["http"], section: "http")
        configuration.api = try Self.decode(APIConfiguration.self, document["auth"], section: "auth")
        configuration.engine = try Self.decode(EngineSection.self, document["engine"], section: "engine")
        try configuration.validate()
        return configuration
    }

    /// Checks every key.
    public func validate() throws(ConfigurationError) {
        do { try http.validate() } catch {
            throw ConfigurationError("http." + (error.keyPath ?? ""), error.message)
        }
        try api.validate()
        func check(_ key: String, _ ok: Bool, _ message: String) throws(ConfigurationError) {
            if !ok { throw ConfigurationError("engine." + key, message) }
        }
        try check("ingestWorkers", (0...64).contains(engine.ingestWorkers), "must be between 0 and 64 (got \(engine.ingestWorkers))")
        try check("ingestBatchSize", (1...10_000).contains(engine.ingestBatchSize), "must be between 1 and 10000 (got \(engine.ingestBatchSize))")
        try check("ingestLeaseSeconds", (1...86400).contains(engine.ingestLeaseSeconds), "must be between 1 and 86400 (got \(engine.ingestLeaseSeconds))")
        try check("publishDelaySeconds", (0.01...60).contains(engine.publishDelaySeconds), "must be between 0.01 and 60 (got \(engine.publishDelaySeconds))")
        try check("snapshotMaxAgeDays", (0...3650).contains(engine.snapshotMaxAgeDays), "must be between 0 and 3650 (got \(engine.snapshotMaxAgeDays))")
        let sources = SkillVectorSource.allCases.map(\.rawValue)
        try check("skillVectors", sources.contains(engine.skillVectors),
                  "must be one of \(sources.joined(separator: ", ")) (got \(engine.skillVectors))")
    }

    private static func decode<T: Decodable>(_ type: T.Type, _ value: JSONValue?, section: String) throws(ConfigurationError) -> T {
        let bytes = value.map { $0.serializedBytes() } ?? Array("{}".utf8)
        do {
            return try JSONDecoder().decode(T.self, from: Data(bytes))
        } catch let error as DecodingError {
            let detail = BodyReader.describe(error)
            let path = detail.split(separator: ":", maxSplits: 1)
            throw ConfigurationError(section + (path.first.map(String.init) ?? ""), path.count > 1 ? String(path[1]).trimmingCharacters(in: .whitespaces) : "invalid")
        } catch {
            throw ConfigurationError(section, "\(error)")
        }
    }

    /// An environment or flag value as JSON: numbers and booleans typed, everything else a string.
    private static func literal(_ text: String) -> JSONValue {
        if text == "true" { return .bool(true) }
        if text == "false" { return .bool(false) }
        if let number = Double(text), number.isFinite, text.first.map({ $0.isNumber || $0 == "-" }) == true {
            return .number(JSONNumber(validatedLexeme: Int(text).map(String.init) ?? String(number)))
        }
        return .string(text)
    }

    private static func setting(_ object: JSONObject, path: [String], to value: JSONValue) -> JSONObject {
        guard let key = path.first else { return object }
        let replacement: JSONValue =
            path.count == 1 ? value : .object(setting(object[key]?.objectValue ?? JSONObject(), path: Array(path.dropFirst()), to: value))
        return JSONObject(members: object.members.filter { $0.key != key } + [.init(key: key, value: replacement)])
    }
}
