import Foundation
import SkillsTaxonomy

/// `skillmatch extract`: the taxonomy skills in a text, with confidences and character spans.
struct ExtractCommand: Command {
    static let path = ["extract"]
    static let abstract = "find taxonomy skills in text (argument, or one document per stdin line)"
    static let synopsis = "[--json] [--min-confidence X] [TEXT]"
    static let discussion = """
        With TEXT, extracts from it; without, reads one document per standard-input line and prints
        one JSON object per line: {"skills":[{"id","label","type","confidence","spans":[[start,end]]}]}.
        ids are ESCO URIs for ESCO skills; spans are Unicode scalar offsets, end exclusive. Uses
        Taxonomies/ and Config/taxonomy-extensions.txt (aliases, acronyms, blocked phrases).
        Exit codes: 0 done, 64 bad arguments, 65 invalid taxonomy or extension file.
        """
    static let options: [OptionSpec] = [
        .flag("json", "print JSON (always on when reading stdin)"),
        .value("min-confidence", "X", "report skills with confidence >= X, 0…1 (default 0.67)"),
    ]

    let text: String?
    let json: Bool
    let minimumConfidence: Double?

    init(_ arguments: ParsedArguments) throws {
        let positionals = try arguments.positionals(max: 1)
        text = positionals.first
        json = arguments.flag("json") || positionals.isEmpty
        minimumConfidence = try arguments.double("min-confidence")
        if let minimumConfidence, !(0...1).contains(minimumConfidence) {
            throw CLIError.usage("--min-confidence must be within 0...1")
        }
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let extractor = try Self.extractor(context, minimumConfidence: minimumConfidence)
        func emit(_ document: String) throws {
            let skills = extractor.extract(document)
            if json {
                context.print(Self.json(skills))
            } else {
                for skill in skills {
                    let spans = skill.spans.map { "[\($0.lowerBound),\($0.upperBound)]" }.joined(separator: " ")
                    context.print("\(String(format: "%.2f", skill.confidence))  \(skill.label)  \(skill.id)  \(spans)")
                }
            }
        }
        if let text {
            try emit(text)
        } else {
            try context.forEachStdinLine(emit)
        }
        return .success
    }

    /// `{"skills":[{"id","label","type","confidence","spans":[[start,end]]}]}` with keys in that order.
    static func json(_ skills: [ExtractedSkill]) -> String {
        func quoted(_ s: String) -> String {
            var out = "\""
            for scalar in s.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out + "\""
        }
        let items = skills.map { (skill: ExtractedSkill) -> String in
            let spans: String = skill.spans.map { "[\($0.lowerBound),\($0.upperBound)]" }.joined(separator: ",")
            let confidence = String(format: "%.3f", skill.confidence)
            var item = "{\"id\":" + quoted(skill.id)
            item += ",\"label\":" + quoted(skill.label)
            item += ",\"type\":" + quoted(skill.type.rawValue)
            item += ",\"confidence\":" + confidence
            item += ",\"spans\":[" + spans + "]}"
            return item
        }
        return "{\"skills\":[\(items.joined(separator: ","))]}"
    }

    /// The extractor over the installed taxonomy and its operator extensions.
    static func extractor(_ context: CommandContext, minimumConfidence: Double? = nil) throws -> SkillExtractor {
        let extensions = context.configDirectory.appendingPathComponent("taxonomy-extensions.txt")
        var options = ExtractionOptions()
        if let minimumConfidence { options.minimumConfidence = minimumConfidence }
        do {
            let taxonomy = try TaxonomyLoader.load(
                directory: context.taxonomyDirectory,
                extensions: FileManager.default.fileExists(atPath: extensions.path) ? extensions : nil)
            return try SkillExtractor(taxonomy: taxonomy, options: options)
        } catch let error as ExtractionError {
            throw CLIError.config(error.description)
        } catch {
            throw CLIError.data("\(error)")
        }
    }
}
