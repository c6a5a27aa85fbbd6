import Foundation

/// gzip (RFC 1952) decompression with an output limit, for downloaded data files and archives.
public enum Gzip {
    /// Decompresses every gzip member of `data` (members are concatenated, as `gzip` allows).
    /// - Throws: ``CompressionError`` when `data` is not gzip, is truncated or corrupt, or its
    ///   output would exceed `limit` bytes.
    public static func decompress(_ data: Data, limit: Int) throws -> Data {
        guard data.count >= 18, data[data.startIndex] == 0x1F, data[data.startIndex + 1] == 0x8B else {
            throw CompressionError(.corrupt, "not gzip data (missing 1f 8b header)")
        }
        return try data.withUnsafeBytes { bytes in
            var output = Data()
            var offset = 0
            while offset < bytes.count {
                // Trailing zero padding after the last member is common (tape-era writers); ignore it.
                if bytes[offset...].allSatisfy({ $0 == 0 }) { break }
                let rest = UnsafeRawBufferPointer(rebasing: bytes[offset...])
                let (member, consumed) = try Zlib.inflate(rest, format: .gzip, limit: limit - output.count)
                output.append(member)
                offset += consumed
            }
            return output
        }
    }

    /// Compresses `data` as one gzip member (tests, fixtures, responses).
    public static func compress(_ data: Data) throws -> Data {
        try Zlib.deflate([UInt8](data), format: .gzip)
    }
}
