import Foundation
import SkillsCore
import SkillsStorage

/// Cuts a request body or file into queue items before anything is processed.
///
/// JSON input is one array of documents, NDJSON (one document per line), or a single document
/// spread over several lines (a pretty-printed credential or CTDL file). Each item is checked to be
/// a well-formed JSON object within the limits; an item that is not becomes a `rejected` queue item
/// with its reason, so the good items of the same batch still land and the task reports the bad
/// ones by position.
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
        if let document = singleDocument(bytes, from: first) {
            return [document]
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

    /// The body as one item when it is one object spread over several lines: its first line is not
    /// JSON on its own, but the whole body is one object. Nil means "split it into lines" (NDJSON, or
    /// input broken in a way the per-line errors describe best).
    private func singleDocument(_ bytes: [UInt8], from first: Int) -> EnqueueItem? {
        guard bytes[first] == UInt8(ascii: "{") else { return nil }
        let lineEnd = bytes[first...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
        guard lineEnd < bytes.count else { return nil }  // a single line is an NDJSON body of one
        if (try? JSONParser(limits: limits).parse(bytes[first..<lineEnd])) != nil { return nil }
        // Parsing the whole body costs one more pass only when the first line is not a document; a
        // body that is not one object fails early (within its first line or two) and is split as before.
        let wholeLimits = JSONParser.Limits(maxDepth: limits.maxDepth, maxBytes: max(limits.maxBytes, bytes.count))
        guard let value = try? JSONParser(limits: wholeLimits).parse(bytes), value.objectValue != nil else { return nil }
        if bytes.count > limits.maxBytes {
            return .rejected(reason: "item_too_large: the document has \(bytes.count) bytes, limit \(limits.maxBytes)")
        }
        return .payload(Data(bytes))
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
