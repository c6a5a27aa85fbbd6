import Foundation
import SkillsCore

/// Lenient readers for the shapes that job, program and credential formats use for one field:
/// a plain string, a language map (`{"en-US": "…"}`), an object with a `name`, or an array of those.
extension JSONValue {
    /// The field as display text: strings as they are, language maps in English when present,
    /// objects by their `name`/`@value`, numbers as written, arrays joined with ", ".
    var text: String? {
        switch self {
        case .string(let s):
            let trimmed = s.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? nil : trimmed
        case .number(let n): return n.lexeme
        case .bool(let b): return String(b)
        case .null: return nil
        case .array(let items):
            let parts = items.compactMap(\.text)
            return parts.isEmpty ? nil : parts.joined(separator: ", ")
        case .object(let object):
            for key in ["@value", "name", "ceterms:name", "ceasn:competencyText", "ceterms:targetNodeName"] {
                if let text = object[key]?.text { return text }
            }
            for key in ["en", "en-US", "en-us", "en-GB"] {
                if let text = object[key]?.text { return text }
            }
            // A language map in another language: take its first value.
            if object.count >= 1, object.keys.allSatisfy(Self.looksLikeLanguageTag) {
                return object.members.first?.value.text
            }
            return nil
        }
    }

    /// The field as a list of display texts.
    var texts: [String] { asArray.compactMap(\.text) }

    /// A number given as a JSON number or a numeric string ("1,200.50" allowed).
    var number: Double? {
        switch self {
        case .number(let n): return n.doubleValue.isFinite ? n.doubleValue : nil
        case .string(let s):
            let cleaned = s.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "$", with: "")
                .trimmingCharacters(in: .whitespaces)
            return Double(cleaned).flatMap { $0.isFinite ? $0 : nil }
        default: return nil
        }
    }

    /// The first member present among `keys`.
    func first(_ keys: String...) -> JSONValue? {
        for key in keys { if let value = self[key], !value.isNull { return value } }
        return nil
    }

    private static func looksLikeLanguageTag(_ key: String) -> Bool {
        key.count >= 2 && key.count <= 8 && key.allSatisfy { $0.isLetter || $0 == "-" }
    }
}

/// Dates as formats write them: `2026-03-01`, `2026-03-01T09:00:00Z`, with fractional seconds or an offset.
enum DateReading {
    static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.count == 10 {
            return try? Date(trimmed + "T00:00:00Z", strategy: .iso8601)
        }
        if let date = try? Date(trimmed, strategy: .iso8601) { return date }
        let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        return try? fractional.parse(trimmed)
    }

    /// Reads an optional date field, failing on a present but unreadable value.
    static func field(_ value: JSONValue?, _ path: String) throws(IngestError) -> Date? {
        guard let value, !value.isNull else { return nil }
        guard let text = value.text, let date = parse(text) else {
            throw .invalid(path, "is not an ISO 8601 date")
        }
        return date
    }
}

/// Plain text from HTML descriptions: tags dropped, common entities decoded, whitespace folded.
enum HTMLText {
    static func plain(_ html: String) -> String {
        guard html.contains("<") || html.contains("&") else { return html }
        var out = ""
        out.reserveCapacity(html.utf8.count)
        var inTag = false
        for character in html {
            if character == "<" { inTag = true; out.append(" "); continue }
            if character == ">" && inTag { inTag = false; continue }
            if !inTag { out.append(character) }
        }
        let entities = ["&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&#39;": "'", "&nbsp;": " ", "&apos;": "'"]
        for (entity, replacement) in entities { out = out.replacingOccurrences(of: entity, with: replacement) }
        return out.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
