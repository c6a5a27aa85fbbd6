import Foundation
import SkillsVectors

/// A ``VectorMatrix`` cached in a file under a key (what it was computed from), so a second start
/// reads it instead of recomputing.
///
/// Format (little-endian): `SMVECTR1`, `UInt32` key length, the key (UTF-8), `UInt32` rows,
/// `UInt32` dimension, rows × dimension float32. A file whose key differs, or that is truncated, is
/// ignored (the caller recomputes and rewrites it).
enum VectorMatrixFile {
    private static let magic = Data("SMVECTR1".utf8)

    /// The matrix stored in `url` under `key`, or `nil` when there is none or it does not match.
    static func read(_ url: URL, key: String) -> VectorMatrix? {
        guard let data = try? Data(contentsOf: url, options: .alwaysMapped), data.count >= 12, data.prefix(8) == magic else { return nil }
        func u32(_ offset: Int) -> Int {
            data.withUnsafeBytes { Int(UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: UInt32.self))) }
        }
        let keyLength = u32(8)
        let header = 12 + keyLength + 8
        guard data.count >= header, String(decoding: data[12..<(12 + keyLength)], as: UTF8.self) == key else { return nil }
        let rows = u32(12 + keyLength), dimension = u32(16 + keyLength)
        guard dimension > 0, data.count == header + rows * dimension * 4 else { return nil }
        var values = [Float](repeating: 0, count: rows * dimension)
        values.withUnsafeMutableBytes { destination in
            data.withUnsafeBytes { source in
                destination.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[header...]))
            }
        }
        return try? VectorMatrix(dimension: dimension, values: values)
    }

    /// Writes `matrix` under `key` atomically (creating the folder).
    static func write(_ matrix: VectorMatrix, key: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        var data = magic
        func append(_ value: Int) { withUnsafeBytes(of: UInt32(value).littleEndian) { data.append(contentsOf: $0) } }
        let keyBytes = Data(key.utf8)
        append(keyBytes.count)
        data.append(keyBytes)
        append(matrix.count)
        append(matrix.dimension)
        matrix.withUnsafeBufferPointer { data.append(UnsafeBufferPointer(start: $0.baseAddress, count: $0.count)) }
        try data.write(to: url, options: .atomic)
    }
}
