import Foundation
import SkillsCore
import SkillsStorage
import SkillsTaxonomy

/// Cuts CSV input into queue items: each row becomes a JSON object, column → text.
///
/// For the ETPL layout, an outcomes table keyed by (`providerid`, `cipcode`) can be joined in.
/// For generic CSV, a column mapping (`field=Column Header`) renames columns to the fields of a
/// target JSON format (e.g. `title=Job Title,identifier=Req ID`), and `@type` is set when given.
public struct CSVItemSplitter: Sendable {
    public var mapping: [String: String]
    public var type: String?

    public init(mapping: [String: String] = [:], type: String? = nil) {
        self.mapping = mapping
        self.type = type
    }

    /// Parses a mapping argument such as `title=Job Title,identifier=Req ID`.
    public static func parseMapping(_ text: String) throws(IngestError) -> [String: String] {
        var mapping: [String: String] = [:]
        for pair in text.split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw IngestError(.invalidField, field: "mapping", "'\(pair)' is not field=Column")
            }
            mapping[parts[0]] = parts[1]
        }
        if mapping.isEmpty { throw IngestError(.invalidField, field: "mapping", "is empty") }
        return mapping
    }

    /// One item per row; a row whose width does not match the header is rejected with its line.
    public func split(_ body: Data, file: String = "input", outcomes: Data? = nil) throws(IngestError) -> [EnqueueItem] {
        let table: CSVTable
        do {
            table = try CSVTable(bytes: [UInt8](body), file: file, padShortRows: true)
        } catch {
            throw IngestError(.malformed, "\(error)")
        }
        let joined = try outcomes.map { data throws(IngestError) in try Self.outcomeIndex(data) } ?? [:]
        for (field, column) in mapping where !table.header.contains(column) {
            throw IngestError(.invalidField, field: "mapping.\(field)", "column '\(column)' is not in the header")
        }
        return table.rows.enumerated().map { index, row in
            var members: [JSONObject.Member] = []
            if let type { members.append(.init(key: "@type", value: .string(type))) }
            if mapping.isEmpty {
                for (column, value) in zip(table.header, row) where !value.isEmpty {
                    members.append(.init(key: column, value: .string(value)))
                }
            } else {
                for (field, column) in mapping.sorted(by: { $0.key < $1.key }) {
                    let value = row[table.header.firstIndex(of: column)!]
                    if !value.isEmpty { members.append(.init(key: field, value: .string(value))) }
                }
            }
            let object = JSONObject(members: members)
            if let provider = object["providerid"]?.stringValue, let cip = object["cipcode"]?.stringValue,
                let outcome = joined[provider + "/" + cip]
            {
                members += outcome.members.filter { object[$0.key] == nil }
            }
            if members.isEmpty { return .rejected(reason: "malformed_item: line \(table.lines[index]) is empty") }
            return .payload(Data(JSONValue.object(JSONObject(members: members)).serializedBytes()))
        }
    }

    static func outcomeIndex(_ data: Data) throws(IngestError) -> [String: JSONObject] {
        let table: CSVTable
        do { table = try CSVTable(bytes: [UInt8](data), file: "outcomes", padShortRows: true) } catch {
            throw IngestError(.malformed, "outcomes: \(error)")
        }
        guard let provider = table.header.firstIndex(of: "providerid"), let cip = table.header.firstIndex(of: "cipcode") else {
            throw IngestError(.missingField, field: "outcomes", "needs providerid and cipcode columns")
        }
        var index: [String: JSONObject] = [:]
        for row in table.rows {
            let members = zip(table.header, row).filter { $0.0 != "providerid" && $0.0 != "cipcode" && !$0.1.isEmpty }
                .map { JSONObject.Member(key: $0.0, value: .string($0.1)) }
            index[row[provider] + "/" + row[cip]] = JSONObject(members: members)
        }
        return index
    }
}
