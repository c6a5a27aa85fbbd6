import CZlib
import Foundation

/// Thin, bounded wrappers over zlib's streaming inflate and deflate.
enum Zlib {
    enum Format {
        /// Raw deflate (ZIP members).
        case raw
        /// gzip (RFC 1952).
        case gzip

        var windowBits: Int32 { self == .raw ? -15 : 31 }
    }

    /// Inflates one stream from the start of `input`; returns the output and how many input bytes
    /// the stream used (gzip files may hold several members back to back).
    static func inflate(_ input: UnsafeRawBufferPointer, format: Format, limit: Int) throws -> (Data, consumed: Int) {
        var stream = z_stream()
        guard inflateInit2_(&stream, format.windowBits, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw CompressionError(.corrupt, "zlib could not start inflating")
        }
        defer { inflateEnd(&stream) }
        var output = Data()
        let chunkSize = 1 << 16
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        guard let base = input.baseAddress else { throw CompressionError(.corrupt, "empty compressed stream") }
        stream.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: Bytef.self))
        // zlib counts in UInt32; feed at most 1 GiB at a time.
        var remaining = input.count
        stream.avail_in = UInt32(min(remaining, 1 << 30))
        remaining -= Int(stream.avail_in)
        while true {
            let status: Int32 = chunk.withUnsafeMutableBufferPointer { buffer in
                stream.next_out = buffer.baseAddress
                stream.avail_out = UInt32(chunkSize)
                return CZlib.inflate(&stream, Z_NO_FLUSH)
            }
            let produced = chunkSize - Int(stream.avail_out)
            if output.count + produced > limit {
                throw CompressionError(.limitExceeded, "decompressed data exceeds the limit of \(limit) bytes")
            }
            output.append(contentsOf: chunk[0..<produced])
            switch status {
            case Z_STREAM_END:
                return (output, Int(stream.total_in))
            case Z_OK:
                if stream.avail_in == 0 && remaining > 0 {
                    stream.avail_in = UInt32(min(remaining, 1 << 30))
                    remaining -= Int(stream.avail_in)
                }
            case Z_BUF_ERROR where stream.avail_in == 0 && remaining == 0:
                throw CompressionError(.corrupt, "compressed stream is truncated")
            case Z_BUF_ERROR:
                continue
            default:
                let reason = stream.msg.map { String(cString: $0) } ?? "code \(status)"
                throw CompressionError(.corrupt, "compressed stream is corrupt (\(reason))")
            }
        }
    }

    /// Deflates `input` at the default level.
    static func deflate(_ input: [UInt8], format: Format) throws -> Data {
        var stream = z_stream()
        guard deflateInit2_(
            &stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, format.windowBits, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
            Int32(MemoryLayout<z_stream>.size)) == Z_OK
        else { throw CompressionError(.corrupt, "zlib could not start deflating") }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, UInt(input.count)))
        var output = [UInt8](repeating: 0, count: bound)
        let status: Int32 = input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
                stream.avail_in = UInt32(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = UInt32(target.count)
                return CZlib.deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { throw CompressionError(.corrupt, "zlib deflate failed (\(status))") }
        return Data(output[0..<Int(stream.total_out)])
    }

    /// CRC-32 as used by gzip and ZIP.
    static func crc32(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        guard let base = bytes.baseAddress else { return 0 }
        return UInt32(CZlib.crc32(0, base.assumingMemoryBound(to: Bytef.self), UInt32(bytes.count)))
    }
}
