import Foundation
import Testing
import SkillsTestSupport
@testable import SkillsCompression

@Suite struct ZipArchiveTests {
    static func sample() throws -> (Data, [String: Data]) {
        var random = SeededGenerator(seed: 3)
        var files: [String: Data] = [:]
        var writer = TestZipWriter()
        for index in 0..<6 {
            let path = "folder/file-\(index).csv"
            let content = GzipTests.randomText(index * 5_000, &random)
            files[path] = content
            try writer.add(path, content, deflate: index % 2 == 0)
        }
        return (writer.finished(), files)
    }

    @Test func readsStoredAndDeflatedMembers() throws {
        let (archive, files) = try Self.sample()
        let zip = try ZipArchive(data: archive)
        #expect(Set(zip.entries.map(\.path)) == Set(files.keys))
        for (path, content) in files {
            #expect(try zip.data(for: path) == content)
        }
        let error = #expect(throws: CompressionError.self) { try zip.data(for: "nope.csv") }
        #expect(error?.kind == .missingEntry)
    }

    @Test func sizeLimitsAreEnforced() throws {
        let (archive, _) = try Self.sample()
        let zip = try ZipArchive(data: archive, limits: .init(maxEntrySize: 10_000))
        let error = #expect(throws: CompressionError.self) { try zip.data(for: "folder/file-5.csv") }
        #expect(error?.kind == .limitExceeded)
        #expect(throws: CompressionError.self) { try ZipArchive(data: archive, limits: .init(maxEntries: 2)) }
    }

    /// Every truncation and random corruption ends in an error or data, never a crash; a flipped
    /// payload byte is caught by the CRC or the inflater.
    @Test func truncatedAndCorruptArchives() throws {
        let (archive, files) = try Self.sample()
        for cut in stride(from: 0, to: archive.count, by: 53) {
            if let zip = try? ZipArchive(data: archive.prefix(cut)) {
                for entry in zip.entries { _ = try? zip.data(for: entry) }
            }
        }
        #expect(throws: CompressionError.self) { try ZipArchive(data: archive.prefix(archive.count - 30)) }
        #expect(throws: CompressionError.self) { try ZipArchive(data: Data("not a zip".utf8)) }
        var random = SeededGenerator(seed: 11)
        for _ in 0..<300 {
            var damaged = archive
            let at = Int.random(in: 0..<damaged.count, using: &random)
            damaged[at] ^= UInt8.random(in: 1...255, using: &random)
            guard let zip = try? ZipArchive(data: damaged) else { continue }
            for entry in zip.entries {
                if let data = try? zip.data(for: entry), let original = files[entry.path] {
                    #expect(data == original)
                }
            }
        }
    }

    @Test func readsTheOfficialESCOArchive() throws {
        let url = FixturePaths.shared("taxonomy/esco-1.1.1/esco-v1.1.1-classification-en-csv.zip")
        guard FileManager.default.fileExists(atPath: url.path) else { return }
        let zip = try ZipArchive(data: Data(contentsOf: url))
        let skills = try #require(zip.entries.first { $0.path.hasSuffix("skills_en.csv") })
        #expect(skills.method == 8)
        let data = try zip.data(for: skills)
        #expect(data.count == skills.uncompressedSize)
        #expect(String(decoding: data.prefix(11), as: UTF8.self) == "conceptType")
    }
}
