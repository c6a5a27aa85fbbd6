import Foundation
import SkillsCore
import SkillsStorage

/// Cuts a request body or file into queue items before anything is processed.
///
/// JSON input is either one array of documents or NDJSON (one document per line). Each item is
/// checked to be a well-formed JSON object within the limits; an item that is not becomes a
/// `rejected` queue item with its reason, so the good items of the same batch still land and the
/// task reports the bad ones by position.
public struct IngestItemSplitter: Sendable {
    public var limits: JSONParser.Limits

    public init(limits: JSONParser.Limits = JSONParser.Limits(maxDepth: 64, maxBytes: 4 << 20)) {
        self.limits = limits
    }

    public func split(_ body: Data) -> [EnqueueItem] {
        let bytes = [UInt8](body)
        guard let first = bytes.firstIndex(where: { !Self.isSpace($0) }) else { return [] }
        if bytes[first] == UInt8(ascii: "[") {
            return splitArray(bytes)
        }
        var items: [EnqueueItem] = []
        var lineStart = 0
        var line = 0
        for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: "\n") {
            line += 1
            let slice = bytes[lineStart..<index]
            lineStart = index + 1
            if slice.allSatisfy(Self.isSpace) { continue }
            items.append(check(slice, label: "line \(line)"))
        }
        return items
    }

    private func splitArray(_ bytes: [UInt8]) -> [EnqueueItem] {
        // The whole array must parse; a broken array has no trustworthy item boundaries.
        let arrayLimits = JSONParser.Limits(maxDepth: limits.maxDepth + 1, maxBytes: max(limits.maxBytes, bytes.count))
        do {
            guard case .array(let elements) = try JSONParser(limits: arrayLimits).parse(bytes) else {
                return [.rejected(reason: "malformed_item: the body is not a JSON array")]
            }
            return elements.enumerated().map { index, element in
                guard element.objectValue != nil else {
                    return .rejected(reason: "malformed_item: item \(index) is not a JSON object")
                }
                let serialized = element.serializedBytes()
                if serialized.count > limits.maxBytes {
                    return .rejected(reason: "item_too_large: item \(index) has \(serialized.count) bytes, limit \(limits.maxBytes)")
                }
                return .payload(Data(serialized))
            }
        } catch {
            return [.rejected(reason: "malformed_item: \(error)")]
        }
    }

    private func check(_ slice: ArraySlice<UInt8>, label: String) -> EnqueueItem {
        if slice.count > limits.maxBytes {
            return .rejected(reason: "item_too_large: \(label) has \(slice.count) bytes, limit \(limits.maxBytes)")
        }
        do {
            let value = try JSONParser(limits: limits).parse(slice)
            guard value.objectValue != nil else { return .rejected(reason: "malformed_item: \(label) is not a JSON object") }
            return .payload(Data(slice))
        } catch {
            return .rejected(reason: "malformed_item: \(label): \(error)")
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }
}
