import Foundation

/// Float32 vectors as blobs: little-endian, 4 bytes per component, no header.
public enum VectorBlob {
    public static func data(_ vector: [Float]) -> Data {
        vector.withUnsafeBufferPointer { Data(buffer: $0) }
    }

    /// Appends the floats of a blob buffer (from ``ScanRowView``) to `floats` with one copy.
    /// SQLite's buffers need not be 4-byte aligned, so the bytes are copied, never rebound.
    public static func append(_ raw: UnsafeRawBufferPointer, to floats: inout [Float]) throws {
        guard raw.count % 4 == 0 else {
            throw StorageError(.invalidArgument, "vector blob of \(raw.count) bytes is not a whole number of float32")
        }
        let start = floats.count
        floats.append(contentsOf: repeatElement(0, count: raw.count / 4))
        guard let source = raw.baseAddress else { return }
        floats.withUnsafeMutableBytes { destination in
            destination.baseAddress!.advanced(by: start * 4).copyMemory(from: source, byteCount: raw.count)
        }
    }

    /// The floats in `data`; throws `.invalidArgument` when its length is not a multiple of 4.
    public static func floats(_ data: Data) throws -> [Float] {
        guard data.count % 4 == 0 else {
            throw StorageError(.invalidArgument, "vector blob of \(data.count) bytes is not a whole number of float32")
        }
        return data.withUnsafeBytes { raw in
            (0..<raw.count / 4).map { raw.loadUnaligned(fromByteOffset: $0 * 4, as: Float.self) }
        }
    }
}
