import Foundation

/// A fast 64-bit content hash (FNV-1a over 8-byte words, then a final avalanche) for cache keys.
///
/// Not cryptographic: it tells one model's files from another's, nothing more.
enum ContentHash {
    static func hex(_ parts: UnsafeRawBufferPointer...) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for part in parts {
            let words = part.count / 8
            for i in 0..<words {
                hash = (hash ^ part.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)) &* 0x100_0000_01b3
            }
            for i in (words * 8)..<part.count {
                hash = (hash ^ UInt64(part[i])) &* 0x100_0000_01b3
            }
            hash = (hash ^ UInt64(part.count)) &* 0x100_0000_01b3
        }
        hash ^= hash >> 33
        hash &*= 0xff51_afd7_ed55_8ccd
        hash ^= hash >> 33
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    static func hex(_ weights: UnsafeRawBufferPointer, _ vocabulary: Data) -> String {
        vocabulary.withUnsafeBytes { hex(weights, $0) }
    }
}
