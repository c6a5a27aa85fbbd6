import Foundation
@testable import SkillsCompression

/// Builds small ZIP archives for tests (stored or deflated members, no ZIP64).
struct TestZipWriter {
    private(set) var data = Data()
    private var directory = Data()
    private var count = 0

    mutating func add(_ path: String, _ content: Data, deflate: Bool) throws {
        let name = Data(path.utf8)
        let payload = deflate ? try Zlib.deflate([UInt8](content), format: .raw) : content
        let crc = content.withUnsafeBytes { Zlib.crc32($0) }
        let offset = UInt32(data.count)
        let method: UInt16 = deflate ? 8 : 0
        var local = Data()
        local.le32(0x0403_4B50); local.le16(20); local.le16(0); local.le16(method); local.le16(0); local.le16(0)
        local.le32(crc); local.le32(UInt32(payload.count)); local.le32(UInt32(content.count))
        local.le16(UInt16(name.count)); local.le16(0)
        data.append(local); data.append(name); data.append(payload)
        var central = Data()
        central.le32(0x0201_4B50); central.le16(20); central.le16(20); central.le16(0); central.le16(method)
        central.le16(0); central.le16(0); central.le32(crc); central.le32(UInt32(payload.count))
        central.le32(UInt32(content.count)); central.le16(UInt16(name.count)); central.le16(0); central.le16(0)
        central.le16(0); central.le16(0); central.le32(0); central.le32(offset)
        directory.append(central); directory.append(name)
        count += 1
    }

    func finished() -> Data {
        var out = data
        let offset = UInt32(out.count)
        out.append(directory)
        out.le32(0x0605_4B50); out.le16(0); out.le16(0); out.le16(UInt16(count)); out.le16(UInt16(count))
        out.le32(UInt32(directory.count)); out.le32(offset); out.le16(0)
        return out
    }
}

extension Data {
    mutating func le16(_ value: UInt16) { append(UInt8(value & 0xFF)); append(UInt8(value >> 8)) }
    mutating func le32(_ value: UInt32) { for i in 0..<4 { append(UInt8((value >> (8 * UInt32(i))) & 0xFF)) } }
}
