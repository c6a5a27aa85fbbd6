import Foundation

/// A read-only ZIP archive held in memory: the central directory is parsed up front, members are
/// inflated on demand (stored and deflate methods, CRC-32 checked).
///
/// Every offset and length read from the archive is bounds-checked, so a truncated or corrupt
/// archive yields a ``CompressionError``, never a crash. ZIP64 and encrypted members are reported
/// as unsupported.
public struct ZipArchive: Sendable {
    /// One member as listed in the central directory.
    public struct Entry: Sendable, Hashable {
        /// Path inside the archive, `/`-separated; directories end with `/`.
        public var path: String
        /// 0 = stored, 8 = deflate.
        public var method: UInt16
        public var compressedSize: Int
        public var uncompressedSize: Int
        public var crc32: UInt32
        var localHeaderOffset: Int
        var flags: UInt16

        public var isDirectory: Bool { path.hasSuffix("/") }
    }

    /// Limits protecting the reader from hostile archives.
    public struct Limits: Sendable {
        /// Largest uncompressed member accepted.
        public var maxEntrySize: Int
        /// Most members accepted.
        public var maxEntries: Int

        public init(maxEntrySize: Int = 1 << 30, maxEntries: Int = 100_000) {
            self.maxEntrySize = maxEntrySize
            self.maxEntries = maxEntries
        }
    }

    public let entries: [Entry]
    private let bytes: Data
    private let limits: Limits

    /// Parses the archive's central directory.
    public init(data: Data, limits: Limits = Limits()) throws {
        self.bytes = data.startIndex == 0 ? data : Data(data)
        self.limits = limits
        let reader = ByteReader(data: bytes)
        guard let end = Self.findEndOfCentralDirectory(reader) else {
            throw CompressionError(.corrupt, "not a ZIP archive (no end of central directory record)")
        }
        let count = try reader.u16(end + 10)
        let directorySize = try reader.u32(end + 12)
        let directoryOffset = try reader.u32(end + 16)
        if count == 0xFFFF || directoryOffset == 0xFFFF_FFFF || directorySize == 0xFFFF_FFFF {
            throw CompressionError(.unsupported, "ZIP64 archives are not supported")
        }
        guard Int(count) <= limits.maxEntries else {
            throw CompressionError(.limitExceeded, "archive lists \(count) members, more than the limit of \(limits.maxEntries)")
        }
        guard Int(directoryOffset) + Int(directorySize) <= end else {
            throw CompressionError(.corrupt, "ZIP central directory lies outside the archive (truncated?)")
        }
        var entries: [Entry] = []
        entries.reserveCapacity(Int(count))
        var position = Int(directoryOffset)
        for index in 0..<Int(count) {
            guard try reader.u32(position) == 0x0201_4B50 else {
                throw CompressionError(.corrupt, "ZIP central directory entry \(index) has a bad signature")
            }
            let nameLength = Int(try reader.u16(position + 28))
            let extraLength = Int(try reader.u16(position + 30))
            let commentLength = Int(try reader.u16(position + 32))
            let nameBytes = try reader.slice(position + 46, nameLength)
            entries.append(
                Entry(
                    path: String(decoding: nameBytes, as: UTF8.self),
                    method: try reader.u16(position + 10),
                    compressedSize: Int(try reader.u32(position + 20)),
                    uncompressedSize: Int(try reader.u32(position + 24)),
                    crc32: try reader.u32(position + 16),
                    localHeaderOffset: Int(try reader.u32(position + 42)),
                    flags: try reader.u16(position + 8)))
            position += 46 + nameLength + extraLength + commentLength
        }
        self.entries = entries
    }

    /// The member at `path`, if listed.
    public func entry(_ path: String) -> Entry? { entries.first { $0.path == path } }

    /// The uncompressed bytes of the member at `path`.
    public func data(for path: String) throws -> Data {
        guard let entry = entry(path) else {
            throw CompressionError(.missingEntry, "no member \"\(path)\" in the ZIP archive")
        }
        return try data(for: entry)
    }

    /// The uncompressed bytes of `entry`, checked against its size and CRC-32.
    public func data(for entry: Entry) throws -> Data {
        let reader = ByteReader(data: bytes)
        if entry.flags & 1 != 0 {
            throw CompressionError(.unsupported, "\(entry.path): encrypted ZIP members are not supported")
        }
        guard entry.uncompressedSize <= limits.maxEntrySize else {
            throw CompressionError(
                .limitExceeded, "\(entry.path): \(entry.uncompressedSize) bytes exceeds the limit of \(limits.maxEntrySize)")
        }
        let header = entry.localHeaderOffset
        guard try reader.u32(header) == 0x0403_4B50 else {
            throw CompressionError(.corrupt, "\(entry.path): bad local header signature")
        }
        let start = header + 30 + Int(try reader.u16(header + 26)) + Int(try reader.u16(header + 28))
        let compressed = try reader.slice(start, entry.compressedSize)
        let output: Data
        switch entry.method {
        case 0:
            output = Data(compressed)
        case 8:
            output = try compressed.withUnsafeBytes { raw in
                do {
                    return try Zlib.inflate(raw, format: .raw, limit: entry.uncompressedSize).0
                } catch let error as CompressionError {
                    throw CompressionError(error.kind, "\(entry.path): \(error.message)")
                }
            }
        default:
            throw CompressionError(.unsupported, "\(entry.path): compression method \(entry.method) is not supported")
        }
        guard output.count == entry.uncompressedSize else {
            throw CompressionError(
                .corrupt, "\(entry.path): expected \(entry.uncompressedSize) bytes, inflated \(output.count)")
        }
        guard output.withUnsafeBytes({ Zlib.crc32($0) }) == entry.crc32 else {
            throw CompressionError(.corrupt, "\(entry.path): CRC-32 mismatch")
        }
        return output
    }

    /// The end-of-central-directory record sits in the last 22 + 65,535 (comment) bytes.
    private static func findEndOfCentralDirectory(_ reader: ByteReader) -> Int? {
        reader.data.withUnsafeBytes { bytes -> Int? in
            guard bytes.count >= 22 else { return nil }
            var position = bytes.count - 22
            let lowest = max(0, bytes.count - 22 - 0xFFFF)
            while position >= lowest {
                if bytes[position] == 0x50, bytes[position + 1] == 0x4B, bytes[position + 2] == 0x05,
                    bytes[position + 3] == 0x06
                {
                    return position
                }
                position -= 1
            }
            return nil
        }
    }
}

/// Bounds-checked little-endian reads from archive bytes.
private struct ByteReader {
    let data: Data

    func slice(_ offset: Int, _ length: Int) throws -> Data.SubSequence {
        guard offset >= 0, length >= 0, offset <= data.count - length else {
            throw CompressionError(.corrupt, "ZIP archive is truncated (needs bytes \(offset)..<\(offset + length) of \(data.count))")
        }
        return data[offset..<(offset + length)]
    }

    func u16(_ offset: Int) throws -> UInt16 {
        let s = try slice(offset, 2)
        return UInt16(s[s.startIndex]) | UInt16(s[s.startIndex + 1]) << 8
    }

    func u32(_ offset: Int) throws -> UInt32 {
        let s = try slice(offset, 4)
        var value: UInt32 = 0
        for i in 0..<4 { value |= UInt32(s[s.startIndex + i]) << (8 * UInt32(i)) }
        return value
    }
}
