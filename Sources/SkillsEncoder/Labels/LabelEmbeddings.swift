import Foundation

/// Vectors of a list of labels (skill names, occupation titles…), encoded in batches and cached in
/// a file keyed by the model hash, so a taxonomy is encoded once per model.
///
/// File format (little-endian): the 8 bytes `SMLABEL1`, a `UInt32` header length, a JSON header
/// `{"modelHash", "maxSequenceLength", "dimension", "labels"}`, then `labels.count × dimension`
/// float32 values, row-major.
public struct LabelEmbeddings: Equatable, Sendable {
    public let modelHash: String
    public let maxSequenceLength: Int
    public let dimension: Int
    public let labels: [String]
    /// Row-major `labels.count × dimension` L2-normalised vectors.
    public let vectors: [Float]

    /// The vector of label `index`.
    public func vector(at index: Int) -> ArraySlice<Float> {
        vectors[index * dimension..<(index + 1) * dimension]
    }

    /// Encodes `labels` with `encoder`.
    public init(labels: [String], encoder: SentenceEncoder) throws {
        modelHash = encoder.modelHash
        maxSequenceLength = encoder.tokenizer.maxSequenceLength
        dimension = encoder.dimension
        self.labels = labels
        vectors = try encoder.encodeFlat(labels)
    }

    /// The cached vectors of `labels` from `directory` when a cache file for this model, sequence
    /// length and label list exists; otherwise encodes them and writes the cache file.
    public static func cached(labels: [String], encoder: SentenceEncoder, directory: URL) throws -> LabelEmbeddings {
        let url = directory.appendingPathComponent(fileName(labels: labels, encoder: encoder))
        if FileManager.default.fileExists(atPath: url.path),
            let cached = try? LabelEmbeddings(contentsOf: url),
            cached.modelHash == encoder.modelHash, cached.labels == labels,
            cached.maxSequenceLength == encoder.tokenizer.maxSequenceLength
        {
            return cached
        }
        let embeddings = try LabelEmbeddings(labels: labels, encoder: encoder)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try embeddings.write(to: url)
        return embeddings
    }

    /// `labels-<model hash>-<length>-<labels hash>.bin`.
    static func fileName(labels: [String], encoder: SentenceEncoder) -> String {
        let joined = Data(labels.joined(separator: "\u{0}").utf8)
        let labelsHash = joined.withUnsafeBytes { ContentHash.hex($0) }
        return "labels-\(encoder.modelHash)-\(encoder.tokenizer.maxSequenceLength)-\(labelsHash).bin"
    }

    private static let magic = Data("SMLABEL1".utf8)

    private struct Header: Codable {
        var modelHash: String
        var maxSequenceLength: Int
        var dimension: Int
        var labels: [String]
    }

    /// Writes the cache file atomically.
    public func write(to url: URL) throws {
        let header = try JSONEncoder().encode(
            Header(modelHash: modelHash, maxSequenceLength: maxSequenceLength, dimension: dimension, labels: labels))
        var data = Self.magic
        withUnsafeBytes(of: UInt32(header.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(header)
        data.reserveCapacity(data.count + vectors.count * 4)
        for value in vectors { withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        try data.write(to: url, options: .atomic)
    }

    /// Reads a cache file; throws `.corruptCache` when it is truncated or malformed.
    public init(contentsOf url: URL) throws {
        let data = try Data(contentsOf: url)
        func corrupt(_ why: String) -> EncoderError { EncoderError(.corruptCache, "\(url.path): \(why)") }
        guard data.count >= 12, data.prefix(8) == Self.magic else { throw corrupt("not a label embeddings file") }
        let length = data.subdata(in: 8..<12).withUnsafeBytes { Int(UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self))) }
        guard 12 + length <= data.count,
            let header = try? JSONDecoder().decode(Header.self, from: data.subdata(in: 12..<(12 + length)))
        else { throw corrupt("truncated or malformed header") }
        let body = data.subdata(in: (12 + length)..<data.count)
        guard header.dimension > 0, body.count == header.labels.count * header.dimension * 4 else {
            throw corrupt("\(body.count) bytes of vectors, expected \(header.labels.count) × \(header.dimension) floats")
        }
        modelHash = header.modelHash
        maxSequenceLength = header.maxSequenceLength
        dimension = header.dimension
        labels = header.labels
        vectors = body.withUnsafeBytes { raw in
            (0..<body.count / 4).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self))) }
        }
    }
}
