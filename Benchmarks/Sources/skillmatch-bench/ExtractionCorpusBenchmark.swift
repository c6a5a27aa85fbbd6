// Shared loading code for the extraction and profiles benchmarks: the gold annotation CSVs of
// ../shared/data/eval/skill-extraction, realistic text from its CoNLL files, a skills TSV reader
// and a small RFC 4180 CSV parser. Nothing here is timed by itself.
import Foundation
import SkillsCompression
import SkillsTaxonomy
import SkillsTestSupport

/// One sentence of an annotation file with its gold ESCO preferred labels.
struct GoldSentence {
    var text: String
    var labels: Set<String>
}

enum ExtractionCorpus {
    /// Reads `*_annotations.csv` (sentence, span, sub_span, label) grouped by sentence in file
    /// order; `LABEL NOT PRESENT` and `UNDERSPECIFIED` are not gold labels.
    static func goldSentences(_ url: URL) throws -> [GoldSentence] {
        let rows = try CSV.parse(String(contentsOf: url, encoding: .utf8))
        guard let header = rows.first, let s = header.firstIndex(of: "sentence"), let l = header.firstIndex(of: "label")
        else { throw BenchmarkError("\(url.path): missing sentence/label columns") }
        var order: [String] = []
        var labels: [String: Set<String>] = [:]
        for row in rows.dropFirst() where row.count > max(s, l) {
            if labels[row[s]] == nil {
                order.append(row[s])
                labels[row[s]] = []
            }
            let label = row[l]
            if label != "LABEL NOT PRESENT" && label != "UNDERSPECIFIED" { labels[row[s]]?.insert(label) }
        }
        return order.map { GoldSentence(text: $0, labels: labels[$0] ?? []) }
    }

    /// Sentences of a CoNLL file (one token per line, blank line between sentences), tokens
    /// joined by spaces.
    static func conllSentences(_ url: URL) throws -> [String] {
        var sentences: [String] = []
        var current: [Substring] = []
        for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty {
                if !current.isEmpty { sentences.append(current.joined(separator: " ")) }
                current = []
            } else if let token = line.split(separator: "\t").first {
                current.append(token)
            }
        }
        if !current.isEmpty { sentences.append(current.joined(separator: " ")) }
        return sentences
    }

    /// Skills from a `skills.tsv` (`id type label alt_labels broader description`, `|` lists).
    static func skills(tsv url: URL) throws -> [Skill] {
        let text = try String(contentsOf: url, encoding: .utf8)
        var skills: [Skill] = []
        for (n, line) in text.split(separator: "\n").enumerated() where n > 0 {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count >= 4, let type = SkillType(rawValue: f[1]) else {
                throw BenchmarkError("\(url.path):\(n + 1): malformed skill row")
            }
            skills.append(
                Skill(
                    id: f[0], label: f[2], altLabels: f[3].split(separator: "|").map(String.init), type: type,
                    broader: f.count > 4 ? f[4].split(separator: "|").map(String.init) : [],
                    description: f.count > 5 ? f[5] : ""))
        }
        return skills
    }
}

extension ExtractionCorpus {
    /// Rows of a CSV inside one of the ESCO v1.1.1 zips of ../shared (`skills_en.csv`,
    /// `occupationSkillRelations.csv`), as dictionaries keyed by the header.
    static func escoCSV(zip: String, entry suffix: String) throws -> [[String: String]] {
        let url = FixturePaths.shared("taxonomy/esco-1.1.1/\(zip)")
        let archive = try ZipArchive(data: Data(contentsOf: url))
        guard let entry = archive.entries.first(where: { $0.path.hasSuffix(suffix) }) else {
            throw BenchmarkError("\(url.path): no \(suffix)")
        }
        let rows = try CSV.parse(String(decoding: archive.data(for: entry), as: UTF8.self))
        guard let header = rows.first else { return [] }
        return rows.dropFirst().map { row in
            var record: [String: String] = [:]
            for (key, value) in Swift.zip(header, row) { record[key] = value }
            return record
        }
    }

    /// ESCO v1.1.1 preferred label → concept URI, for turning gold labels into ids.
    static func escoSkillURIs() throws -> [String: String] {
        var result: [String: String] = [:]
        for row in try escoCSV(zip: "esco-v1.1.1-classification-en-csv.zip", entry: "skills_en.csv") {
            if let label = row["preferredLabel"], let uri = row["conceptUri"] { result[label] = uri }
        }
        return result
    }
}


/// Minimal RFC 4180 reader: quoted fields may hold commas, quotes ("") and newlines.
enum CSV {
    static func parse(_ text: String, separator: Character = ",") throws -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var iterator = text.makeIterator()
        var pending: Character? = nil
        while let ch = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if ch == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(ch)
                }
            } else if ch == "\"" && field.isEmpty {
                quoted = true
            } else if ch == separator {
                row.append(field)
                field = ""
            } else if ch == "\n" || ch == "\r\n" {
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            } else if ch != "\r" {
                field.append(ch)
            }
        }
        if !field.isEmpty || !row.isEmpty {
            row.append(field)
            rows.append(row)
        }
        return rows
    }
}


