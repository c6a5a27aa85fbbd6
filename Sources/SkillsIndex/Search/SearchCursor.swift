import Foundation
import SkillsCore

/// Where a page ended: the (score, document) of its last hit and the index generation it came from.
///
/// Encoded as an opaque URL-safe base64 token of 20 bytes. The next page holds exactly the results
/// ranking after the cursor, so paging through yields every result once, in order, as long as the
/// generation is unchanged (a changed generation is refused as stale).
public struct SearchCursor: Sendable, Hashable {
    public var score: Float
    public var document: Int32
    public var generation: UInt64

    public init(score: Float, document: Int32, generation: UInt64) {
        self.score = score
        self.document = document
        self.generation = generation
    }

    /// Whether `(score, doc)` ranks strictly after this cursor (lower score, or same score and higher id).
    @inlinable
    public func admits(doc: Int32, score: Float) -> Bool {
        score < self.score || (score == self.score && doc > document)
    }

    /// The opaque token.
    public var token: String {
        var bytes: [UInt8] = [1]  // format version
        withUnsafeBytes(of: score.bitPattern.bigEndian) { bytes += $0 }
        withUnsafeBytes(of: document.bigEndian) { bytes += $0 }
        withUnsafeBytes(of: generation.bigEndian) { bytes += $0 }
        bytes += [Self.check(bytes)]
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Decodes a token made by ``token``.
    public init(token: String) throws(IndexError) {
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), data.count == 18 else {
            throw .invalidCursor("is not a token this server issued")
        }
        let bytes = [UInt8](data)
        guard bytes[0] == 1, bytes[17] == Self.check(Array(bytes[0..<17])) else {
            throw .invalidCursor("is corrupted or from another version")
        }
        func read<T: FixedWidthInteger>(_ offset: Int, _: T.Type) -> T {
            bytes[offset..<(offset + MemoryLayout<T>.size)].reduce(T.zero) { $0 << 8 | T($1) }
        }
        score = Float(bitPattern: read(1, UInt32.self))
        document = read(5, Int32.self)
        generation = read(9, UInt64.self)
        if !score.isFinite || document < 0 { throw .invalidCursor("holds an impossible position") }
    }

    private static func check(_ bytes: [UInt8]) -> UInt8 {
        bytes.reduce(0x5A) { ($0 &* 31) ^ $1 }
    }
}
