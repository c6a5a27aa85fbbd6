import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A read-only, memory-mapped safetensors file: an 8-byte little-endian header length, a JSON header
/// mapping tensor names to `dtype`, `shape` and `data_offsets`, then the raw little-endian data.
///
/// Tensors are views into the mapping (no copy); the mapping lives as long as this object.
/// Immutable after `init`, hence `@unchecked Sendable`.
public final class SafetensorsFile: @unchecked Sendable {
    /// One tensor's entry in the header.
    public struct TensorInfo: Equatable, Sendable {
        public let dtype: String
        public let shape: [Int]
        /// Byte range relative to the start of the data section.
        public let byteRange: Range<Int>
    }

    /// The file this was read from.
    public let url: URL
    /// Every tensor in the header, by name (`__metadata__` excluded).
    public let tensors: [String: TensorInfo]

    private let base: UnsafeRawPointer
    private let mappedLength: Int
    private let dataStart: Int

    /// Maps `url` and validates its header: every tensor's byte range lies inside the file and matches
    /// its dtype and shape.
    public init(url: URL) throws {
        self.url = url
        let path = url.path
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            if errno == ENOENT { throw EncoderError.modelMissing(path) }
            throw EncoderError(.corruptWeights, "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else {
            throw EncoderError(.corruptWeights, "cannot stat \(path)")
        }
        let size = Int(status.st_size)
        guard size >= 8 else {
            throw EncoderError(.corruptWeights, "\(path) is truncated: \(size) bytes, shorter than the 8-byte header length")
        }
        guard let mapping = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), mapping != MAP_FAILED else {
            throw EncoderError(.corruptWeights, "cannot memory-map \(path): \(String(cString: strerror(errno)))")
        }
        let base = UnsafeRawPointer(mapping)
        do {
            (self.tensors, self.dataStart) = try Self.parseHeader(base: base, size: size, path: path)
        } catch {
            munmap(mapping, size)
            throw error
        }
        self.base = base
        self.mappedLength = size
    }

    deinit {
        munmap(UnsafeMutableRawPointer(mutating: base), mappedLength)
    }

    /// The float32 tensor `name`, checked against `shape`.
    public func floats(_ name: String, shape: [Int]) throws -> UnsafeBufferPointer<Float> {
        guard let info = tensors[name] else {
            throw EncoderError(.missingTensor, "\(url.path): tensor \(name) is missing")
        }
        guard info.dtype == "F32" else {
            throw EncoderError(.wrongShape, "\(url.path): tensor \(name) has dtype \(info.dtype), expected F32")
        }
        guard info.shape == shape else {
            throw EncoderError(.wrongShape, "\(url.path): tensor \(name) has shape \(info.shape), expected \(shape)")
        }
        let offset = dataStart + info.byteRange.lowerBound
        guard offset % MemoryLayout<Float>.alignment == 0 else {
            throw EncoderError(.corruptWeights, "\(url.path): tensor \(name) is not 4-byte aligned in the file")
        }
        let pointer = (base + offset).assumingMemoryBound(to: Float.self)
        return UnsafeBufferPointer(start: pointer, count: info.byteRange.count / MemoryLayout<Float>.size)
    }

    /// The raw bytes of the whole file (for hashing).
    public var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: mappedLength) }

    private static let dtypeSizes: [String: Int] = [
        "F64": 8, "F32": 4, "F16": 2, "BF16": 2, "I64": 8, "I32": 4, "I16": 2, "I8": 1, "U8": 1, "BOOL": 1,
        "U16": 2, "U32": 4, "U64": 8,
    ]

    private static func parseHeader(
        base: UnsafeRawPointer, size: Int, path: String
    ) throws -> ([String: TensorInfo], Int) {
        var headerLength: UInt64 = 0
        withUnsafeMutableBytes(of: &headerLength) { $0.copyMemory(from: UnsafeRawBufferPointer(start: base, count: 8)) }
        headerLength = UInt64(littleEndian: headerLength)
        guard headerLength <= UInt64(size - 8) else {
            throw EncoderError(.corruptWeights, "\(path) is truncated: header claims \(headerLength) bytes, file has \(size - 8) after the length")
        }
        let dataStart = 8 + Int(headerLength)
        let headerData = Data(bytes: base + 8, count: Int(headerLength))
        guard let header = (try? JSONSerialization.jsonObject(with: headerData)) as? [String: Any] else {
            throw EncoderError(.corruptWeights, "\(path): the header is not a JSON object")
        }
        let dataSize = size - dataStart
        var tensors: [String: TensorInfo] = [:]
        for (name, value) in header where name != "__metadata__" {
            guard let entry = value as? [String: Any],
                let dtype = entry["dtype"] as? String,
                let shape = (entry["shape"] as? [Any])?.compactMap({ ($0 as? NSNumber)?.intValue }),
                let offsets = (entry["data_offsets"] as? [Any])?.compactMap({ ($0 as? NSNumber)?.intValue }),
                offsets.count == 2, shape.count == (entry["shape"] as? [Any])?.count
            else {
                throw EncoderError(.corruptWeights, "\(path): header entry \(name) lacks a dtype, shape or data_offsets")
            }
            guard let itemSize = dtypeSizes[dtype] else {
                throw EncoderError(.corruptWeights, "\(path): tensor \(name) has unknown dtype \(dtype)")
            }
            guard shape.allSatisfy({ $0 >= 0 }), offsets[0] >= 0, offsets[0] <= offsets[1] else {
                throw EncoderError(.corruptWeights, "\(path): tensor \(name) has a negative dimension or inverted offsets")
            }
            guard offsets[1] <= dataSize else {
                throw EncoderError(.corruptWeights, "\(path) is truncated: tensor \(name) ends at byte \(offsets[1]) of a \(dataSize)-byte data section")
            }
            let (elements, overflow) = shape.reduce((1, false)) { acc, dim in
                let (product, o) = acc.0.multipliedReportingOverflow(by: dim)
                return (product, acc.1 || o)
            }
            guard !overflow, elements * itemSize == offsets[1] - offsets[0] else {
                throw EncoderError(.corruptWeights, "\(path): tensor \(name) has \(offsets[1] - offsets[0]) bytes, shape \(shape) of \(dtype) needs \(elements * itemSize)")
            }
            tensors[name] = TensorInfo(dtype: dtype, shape: shape, byteRange: offsets[0]..<offsets[1])
        }
        return (tensors, dataStart)
    }
}
