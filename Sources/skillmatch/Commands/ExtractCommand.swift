import Foundation
import SkillsSemantic
import SkillsTaxonomy

/// `skillmatch extract`: the taxonomy skills in a text, with confidences and character spans.
struct ExtractCommand: Command {
    static let path = ["extract"]
    static let abstract = "find taxonomy skills in text (argument, or one document per stdin line)"
    static let synopsis = "[--json] [--min-confidence X] [--semantic [--min-similarity X]] [TEXT]"
    static let discussion = """
        With TEXT, extracts from it; without, reads one document per standard-input line and prints
        one JSON object per line: {"skills":[{"id","label","type","confidence","spans":[[start,end]]}]}.
        ids are ESCO URIs for ESCO skills; spans are Unicode scalar offsets, end exclusive. Uses
        Taxonomies/ and Config/taxonomy-extensions.txt (aliases, acronyms, blocked phrases).
        --semantic adds the sentence encoder's hits (phrases close to a skill label; "method":
        "semantic" in JSON, a "~" before the confidence in text) to the lexical ones, which keep
        priority. The first run encodes every skill label (minutes; cached under <data-dir>/embeddings).
        Without the model files it warns on stderr and prints the lexical hits only.
        Exit codes: 0 done, 64 bad arguments, 65 invalid taxonomy, extension or model file.
        """
    static let options: [OptionSpec] = [
        .flag("json", "print JSON (always on when reading stdin)"),
        .value("min-confidence", "X", "report skills with confidence >= X, 0…1 (default 0.67)"),
        .flag("semantic", "add semantic hits from the sentence encoder (needs scripts/fetch-model.sh)"),
        .value("min-similarity", "X", "with --semantic: score a phrase must reach, -1…1 (default 0.54)"),
    ]

    let text: String?
    let json: Bool
    let minimumConfidence: Double?
    let semantic: Bool
    let minimumSimilarity: Double?

    init(_ arguments: ParsedArguments) throws {
        let positionals = try arguments.positionals(max: 1)
        text = positionals.first
        json = arguments.flag("json") || positionals.isEmpty
        minimumConfidence = try arguments.double("min-confidence")
        if let minimumConfidence, !(0...1).contains(minimumConfidence) {
            throw CLIError.usage("--min-confidence must be within 0...1")
        }
        semantic = arguments.flag("semantic")
        minimumSimilarity = try arguments.double("min-similarity")
        if minimumSimilarity != nil && !semantic { throw CLIError.usage("--min-similarity needs --semantic") }
        if let minimumSimilarity, !(-1...1).contains(minimumSimilarity) {
            throw CLIError.usage("--min-similarity must be within -1...1")
        }
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let taxonomy = try Self.taxonomy(context)
        let extractor = try Self.extractor(taxonomy, minimumConfidence: minimumConfidence)
        let semanticExtractor = semantic ? try semanticExtractor(taxonomy, context) : nil
        func emit(_ document: String) throws {
            let lexical = extractor.extract(document)
            let skills = try semanticExtractor?.extract(document, mergingWith: lexical) ?? lexical
            if json {
                context.print(Self.json(skills, methods: semantic))
            } else {
                for skill in skills {
                    let spans = skill.spans.map { "[\($0.lowerBound),\($0.upperBound)]" }.joined(separator: " ")
                    let mark = skill.method == .semantic ? "~" : ""
                    context.print("\(mark)\(String(format: "%.2f", skill.confidence))  \(skill.label)  \(skill.id)  \(spans)")
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

    /// The semantic extractor, or `nil` (after a warning) when the model files are absent.
    private func semanticExtractor(_ taxonomy: Taxonomy, _ context: CommandContext) throws -> SemanticSkillExtractor? {
        let (encoder, warning) = try SemanticLoader.encoder(context)
        guard let encoder else {
            context.printError("skillmatch: warning: \(warning ?? "no sentence encoder"); printing lexical hits only")
            return nil
        }
        var options = SemanticExtractionOptions()
        if let minimumSimilarity { options.minimumSimilarity = Float(minimumSimilarity) }
        let vectors = try SemanticLoader.skillVectors(taxonomy, encoder: encoder, context: context)
        do {
            return try SemanticSkillExtractor(skills: taxonomy.skills, vectors: vectors, encoder: encoder, options: options)
        } catch { throw CLIError.data("\(error)") }
    }

    /// `{"skills":[{"id","label","type","confidence","spans":[[start,end]]}]}` with keys in that order
    /// (and `"method"` last when `methods`).
    static func json(_ skills: [ExtractedSkill], methods: Bool = false) -> String {
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
            item += ",\"spans\":[" + spans + "]"
            if methods { item += ",\"method\":" + quoted(skill.method.rawValue) }
            item += "}"
            return item
        }
        return "{\"skills\":[\(items.joined(separator: ","))]}"
    }

    /// The installed taxonomy with its operator extensions.
    static func taxonomy(_ context: CommandContext) throws -> Taxonomy {
        let extensions = context.configDirectory.appendingPathComponent("taxonomy-extensions.txt")
        do {
            return try TaxonomyLoader.load(
                directory: context.taxonomyDirectory,
                extensions: FileManager.default.fileExists(atPath: extensions.path) ? extensions : nil)
        } catch {
            throw CLIError.data("\(error)")
        }
    }

    /// The lexical extractor over `taxonomy` and its operator extensions.
    static func extractor(_ taxonomy: Taxonomy, minimumConfidence: Double? = nil) throws -> SkillExtractor {
        var options = ExtractionOptions()
        if let minimumConfidence { options.minimumConfidence = minimumConfidence }
        do {
            return try SkillExtractor(taxonomy: taxonomy, options: options)
        } catch let error as ExtractionError {
            throw CLIError.config(error.description)
        } catch {
            throw CLIError.data("\(error)")
        }
    }
}
