import SkillsCore
import Foundation

/// `Taxonomies/manifest.json`: the format version, each file's row count, size and SHA-256, and
/// the registry packages the data came from.
///
/// `scripts/build-taxonomy.py` writes it; Swift tools that add a file (the occupation profile
/// builder writes `occupation_profiles.tsv`) update their entry with ``updateFile(named:in:rows:description:)``
/// and ``write(to:)``, which keeps the script's layout (sorted keys, `" : "`).
public struct TaxonomyManifest: Codable, Sendable, Equatable {
    public struct FileEntry: Codable, Sendable, Equatable {
        public var bytes: Int
        public var description: String
        /// Data rows (lines after the header).
        public var rows: Int
        public var sha256: String

        public init(bytes: Int, description: String, rows: Int, sha256: String) {
            self.bytes = bytes
            self.description = description
            self.rows = rows
            self.sha256 = sha256
        }
    }

    public struct Source: Codable, Sendable, Equatable {
        public var files: [String]
        public var licence: String
        public var package: String
        public var registry: String
        public var version: String
    }

    /// The on-disk format this build follows; ``TaxonomyManifest/supportedFormatVersion`` is what this code reads.
    public var formatVersion: Int
    public var generator: String
    public var files: [String: FileEntry]
    public var sources: [Source]

    public static let supportedFormatVersion = 1

    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version", generator, files, sources
    }

    public init(formatVersion: Int = TaxonomyManifest.supportedFormatVersion, generator: String, files: [String: FileEntry] = [:], sources: [Source] = []) {
        self.formatVersion = formatVersion
        self.generator = generator
        self.files = files
        self.sources = sources
    }

    public static func read(from url: URL) throws -> TaxonomyManifest {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw TaxonomyError(.missingFile, file: url.lastPathComponent, "cannot read \(url.path)")
        }
        do {
            return try JSONDecoder().decode(TaxonomyManifest.self, from: data)
        } catch {
            throw TaxonomyError(.invalidValue, file: url.lastPathComponent, "not a taxonomy manifest: \(error)")
        }
    }

    public func write(to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(self).write(to: url, options: .atomic)
    }

    /// Records `name` in `directory` (size, checksum, and rows counted when not given).
    public mutating func updateFile(named name: String, in directory: URL, rows: Int? = nil, description: String) throws {
        let bytes = try Self.bytes(of: directory.appendingPathComponent(name))
        let lines = bytes.reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
        files[name] = FileEntry(
            bytes: bytes.count, description: description, rows: rows ?? max(0, lines - 1), sha256: SHA256.hexDigest(bytes))
    }

    /// Files of `directory` whose size or checksum differ from the manifest, as messages
    /// (all recorded files, or only the named ones).
    public func verify(directory: URL, only names: [String]? = nil) throws -> [String] {
        var problems: [String] = []
        for (name, entry) in files.sorted(by: { $0.key < $1.key }) where names?.contains(name) ?? true {
            let url = directory.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: url.path) else {
                problems.append("\(name): missing")
                continue
            }
            let bytes = try Self.bytes(of: url)
            if bytes.count != entry.bytes || SHA256.hexDigest(bytes) != entry.sha256 {
                problems.append("\(name): size or SHA-256 differs from the manifest")
            }
        }
        return problems
    }

    private static func bytes(of url: URL) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw TaxonomyError(.missingFile, file: url.lastPathComponent, "cannot read \(url.path)")
        }
        return [UInt8](data)
    }
}
