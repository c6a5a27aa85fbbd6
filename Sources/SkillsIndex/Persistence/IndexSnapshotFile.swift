import Foundation
import SkillsCore

/// The index snapshot file: everything an ``IndexWriter`` holds, so a restart restores the index
/// without reading or decoding the system of record.
///
/// Layout (little-endian):
///
///     "SKMINDEX"  formatVersion u32  headerLength u32  header (JSON)  payloadLength u64  checksum u64  payload
///
/// The header is JSON so a caller can decide from it alone whether the file is worth loading:
/// its `metadata` holds whatever the caller stored (the engine: database id and change sequence,
/// taxonomy fingerprint); ``IndexWriter/init(restoring:configuration:)`` checks the rest (format,
/// index configuration, checksum, every count and id). The payload holds the live slots only, in
/// slot order (tombstones are dropped, so document ids are compacted): term strings, then the
/// fixed-width per-slot arrays (field lengths, term counts, term ids and frequencies) as raw
/// arrays, then the entities per chunk (u32) and a table of chunk offsets (into the payload: where
/// each chunk starts, then where the last ends) and each entity and profile in
/// ``EntityBinaryCoding``, then the entity vectors
/// (dimension u32, 0 for none; a presence byte per slot; the rows as float32).
public struct IndexSnapshotFile: Sendable, Hashable {
    /// Bumped whenever the payload layout or ``EntityBinaryCoding`` changes; older files are refused.
    public static let formatVersion: UInt32 = 3
    /// Entities per chunk of the entity section by default (each chunk decodes independently, so
    /// a restore uses every core).
    public static let entitiesPerChunk = 32_768
    static let magic: [UInt8] = Array("SKMINDEX".utf8)

    /// What the header says; read it with ``header(of:)`` without touching the payload.
    public struct Header: Sendable, Hashable, Codable {
        public var formatVersion: UInt32
        /// The caller's own validation data.
        public var metadata: [String: String]
        public var configuration: IndexConfiguration
        public var profileParameters: SkillProfileBuilder.Parameters
        /// The date candidate recency was computed at; a restored writer keeps it.
        public var profileAsOf: Date
        public var generation: UInt64
        /// Live entities in the payload.
        public var entityCount: Int
    }

    /// Reads and decodes the header.
    ///
    /// The checksum is not verified here (that reads the whole file): restoring does it.
    public static func header(of bytes: UnsafeRawBufferPointer) throws(IndexError) -> Header {
        try parse(bytes).header
    }

    static func parse(_ bytes: UnsafeRawBufferPointer) throws(IndexError) -> (header: Header, headerBytes: Range<Int>, payload: Range<Int>, checksum: UInt64) {
        var reader = ByteReader(bytes)
        for expected in magic where try reader.read(UInt8.self) != expected {
            throw .invalidSnapshot("not a snapshot file (bad magic)")
        }
        let version = try reader.read(UInt32.self)
        guard version == formatVersion else {
            throw .invalidSnapshot("format version \(version), this build reads \(formatVersion)")
        }
        let headerLength = Int(try reader.read(UInt32.self))
        guard headerLength <= bytes.count - reader.offset else { throw .invalidSnapshot("truncated header") }
        let headerRange = reader.offset..<(reader.offset + headerLength)
        let headerBytes = Data(UnsafeRawBufferPointer(rebasing: bytes[headerRange]))
        reader.offset += headerLength
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: headerBytes)
        } catch {
            throw .invalidSnapshot("unreadable header: \(error)")
        }
        let payloadLength = Int(try reader.read(UInt64.self))
        let checksum = try reader.read(UInt64.self)
        guard payloadLength == bytes.count - reader.offset else {
            throw .invalidSnapshot("payload is \(bytes.count - reader.offset) bytes, header says \(payloadLength) (truncated?)")
        }
        return (header, headerRange, reader.offset..<bytes.count, checksum)
    }

    /// The checksum stored in the file: over the header and the payload, so a damaged header
    /// value (a count, the caller's metadata) is caught too.
    static func checksum(header: UnsafeRawBufferPointer, payload: UnsafeRawBufferPointer) -> UInt64 {
        SnapshotChecksum.hash(header) &* SnapshotChecksum.p1 ^ SnapshotChecksum.hash(payload)
    }

    /// Starts a file: everything up to the payload, with room for its length and checksum.
    /// Append the payload to the returned writer, then call ``finish(_:)``: one buffer, no copy of
    /// a payload that can be gigabytes.
    static func begin(header: Header) -> ByteWriter {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = (try? encoder.encode(header)) ?? Data()  // plain values: encoding cannot fail
        var out = ByteWriter()
        out.bytes.append(contentsOf: magic)
        out.write(formatVersion)
        out.write(UInt32(json.count))
        out.bytes.append(contentsOf: json)
        out.write(UInt64(0))  // payload length, patched by `finish`
        out.write(UInt64(0))  // checksum, patched by `finish`
        return out
    }

    /// Fills in the payload length and checksum of a file started with ``begin(header:)``.
    static func finish(_ file: inout ByteWriter) {
        let headerLength = Int(file.bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: magic.count + 4, as: UInt32.self) })
        let headerStart = magic.count + 8
        let payloadStart = headerStart + headerLength + 16
        let payloadLength = UInt64(file.bytes.count - payloadStart)
        let sum = file.bytes.withUnsafeBytes { bytes in
            checksum(header: UnsafeRawBufferPointer(rebasing: bytes[headerStart..<(headerStart + headerLength)]),
                     payload: UnsafeRawBufferPointer(rebasing: bytes[payloadStart...]))
        }
        file.bytes.withUnsafeMutableBytes { bytes in
            bytes.storeBytes(of: payloadLength.littleEndian, toByteOffset: payloadStart - 16, as: UInt64.self)
            bytes.storeBytes(of: sum.littleEndian, toByteOffset: payloadStart - 8, as: UInt64.self)
        }
    }
}

/// A fast 64-bit checksum of the payload (four independent multiply-rotate lanes over 8-byte
/// words, the xxHash64 round): detects damage at memory speed, where SHA-256 in Swift would
/// take seconds per gigabyte. Not a defence against deliberate tampering; the data directory is
/// trusted.
enum SnapshotChecksum {
    static let p1: UInt64 = 0x9E37_79B1_85EB_CA87
    static let p2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    static let p3: UInt64 = 0x1656_67B1_9E37_79F9

    @inline(__always) static func round(_ acc: UInt64, _ word: UInt64) -> UInt64 {
        let mixed = acc &+ word &* p2
        return ((mixed << 31) | (mixed >> 33)) &* p1
    }

    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var a: UInt64 = p1 &+ p2, b: UInt64 = p2, c: UInt64 = 0, d: UInt64 = 0 &- p1
        let n = bytes.count
        var i = 0
        while i + 32 <= n {
            a = round(a, bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            b = round(b, bytes.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self))
            c = round(c, bytes.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self))
            d = round(d, bytes.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self))
            i += 32
        }
        var h = ((a << 1) | (a >> 63)) &+ ((b << 7) | (b >> 57)) &+ ((c << 12) | (c >> 52)) &+ ((d << 18) | (d >> 46))
        h = h &+ UInt64(n)
        while i < n {
            h = round(h, UInt64(bytes[i]) &+ p3)
            i += 1
        }
        h ^= h >> 33
        h = h &* p2
        h ^= h >> 29
        return h
    }
}
