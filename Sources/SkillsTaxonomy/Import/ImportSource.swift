import Foundation
import SkillsCompression

/// The files of an official distribution, found by name in any mix of folders and ZIP archives
/// (a folder may itself hold the downloaded zips), so users can point at whatever they unpacked.
struct ImportSource {
    private var files: [String: URL] = [:]
    private var archives: [(ZipArchive, ZipArchive.Entry)] = []
    private var archiveIndex: [String: Int] = [:]
    /// Where the files came from, for messages.
    let origin: String

    /// Largest member or file read (the biggest official file, ESCO's relations, is ~21 MB).
    static let maxFileSize = 512 << 20

    init(_ urls: [URL]) throws {
        origin = urls.map(\.path).joined(separator: ", ")
        for url in urls { try add(url) }
    }

    private mutating func add(_ url: URL) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw TaxonomyError(.missingFile, file: url.lastPathComponent, "\(url.path) does not exist")
        }
        if isDirectory.boolValue {
            let names = try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
            for name in names where !name.hasPrefix(".") {
                let child = url.appendingPathComponent(name)
                var childIsDirectory: ObjCBool = false
                // Listed a moment ago; gone now (removed meanwhile, a dangling link): nothing to import.
                guard FileManager.default.fileExists(atPath: child.path, isDirectory: &childIsDirectory) else { continue }
                if childIsDirectory.boolValue || name.lowercased().hasSuffix(".zip") {
                    try add(child)
                } else if files[name] == nil {
                    files[name] = child
                }
            }
        } else if url.lastPathComponent.lowercased().hasSuffix(".zip") {
            let data = try Data(contentsOf: url)
            let archive: ZipArchive
            do {
                archive = try ZipArchive(data: data, limits: .init(maxEntrySize: Self.maxFileSize))
            } catch let error as CompressionError {
                throw TaxonomyError(.archive, file: url.lastPathComponent, error.message)
            }
            for entry in archive.entries where !entry.isDirectory {
                let name = entry.path.split(separator: "/").last.map(String.init) ?? entry.path
                if archiveIndex[name] == nil, files[name] == nil {
                    archiveIndex[name] = archives.count
                    archives.append((archive, entry))
                }
            }
        } else {
            files[url.lastPathComponent] = url
        }
    }

    func contains(_ name: String) -> Bool { files[name] != nil || archiveIndex[name] != nil }

    /// The bytes of the named file, or `nil` when the distribution lacks it.
    func bytes(_ name: String) throws -> [UInt8]? {
        if let url = files[name] {
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw TaxonomyError(.missingFile, file: name, "cannot read \(url.path)")
            }
            return [UInt8](data)
        }
        guard let position = archiveIndex[name] else { return nil }
        let (archive, entry) = archives[position]
        do {
            return [UInt8](try archive.data(for: entry))
        } catch let error as CompressionError {
            throw TaxonomyError(.archive, file: name, error.message)
        }
    }

    /// The named CSV file parsed, or a `missingFile` error when `required`.
    func csv(_ name: String, required: Bool = true, padShortRows: Bool = false) throws -> CSVTable? {
        guard let bytes = try bytes(name) else {
            if required { throw TaxonomyError(.missingFile, file: name, "no \(name) in \(origin)") }
            return nil
        }
        return try CSVTable(bytes: bytes, file: name, padShortRows: padShortRows)
    }

    /// The named tab-separated file (O*NET text format), or a `missingFile` error when `required`.
    func tsv(_ name: String, required: Bool = true) throws -> TSVTable? {
        guard let bytes = try bytes(name) else {
            if required { throw TaxonomyError(.missingFile, file: name, "no \(name) in \(origin)") }
            return nil
        }
        return try TSVTable(bytes: bytes, file: name)
    }
}
