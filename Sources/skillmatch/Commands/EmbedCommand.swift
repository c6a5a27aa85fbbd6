import Foundation
import SkillsEncoder

/// `skillmatch embed`: sentence vectors of texts from the command line or standard input.
struct EmbedCommand: Command {
    static let path = ["embed"]
    static let abstract = "print the sentence-encoder vector of each text (all-MiniLM-L6-v2, 384 floats)"
    static let synopsis = "[--json] [--batch N] [TEXT...]"
    static let discussion = """
        With TEXT, encodes the arguments joined by spaces; otherwise encodes each line of standard
        input, streaming in batches. Prints one line per text: the vector as space-separated floats,
        or with --json one object {"text", "embedding"} per line (JSON Lines). The model lives in
        $SKILLMATCH_MODEL_DIR or <data-dir>/models/all-MiniLM-L6-v2 (scripts/fetch-model.sh puts it
        there); exit 66 when it is absent.
        """
    static let options: [OptionSpec] = [
        .flag("json", "print JSON Lines {\"text\", \"embedding\"}"),
        .value("batch", "N", "texts per forward pass, 1…1024 (default 32)"),
    ]

    let text: String?
    let json: Bool
    let batch: Int

    init(_ arguments: ParsedArguments) throws {
        let words = try arguments.positionals(max: Int.max)
        text = words.isEmpty ? nil : words.joined(separator: " ")
        json = arguments.flag("json")
        batch = try arguments.int("batch", in: 1...1024) ?? 32
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let encoder: SentenceEncoder
        do {
            encoder = try SentenceEncoder(
                modelDirectory: context.modelDirectory, configuration: EncoderConfiguration(batchSize: batch))
        } catch let error as EncoderError {
            if case .modelMissing = error.kind { throw CLIError.noInput(error.message) }
            throw CLIError.data(error.message)
        }
        if let text {
            try emit([text], encoder: encoder, context: context)
            return .success
        }
        // Stream standard input: a chunk of lines per encode call keeps memory flat on long inputs.
        var pending: [String] = []
        let chunk = max(batch * 8, 256)
        try context.forEachStdinLine { line in
            pending.append(line)
            if pending.count == chunk {
                try emit(pending, encoder: encoder, context: context)
                pending.removeAll(keepingCapacity: true)
            }
        }
        if !pending.isEmpty { try emit(pending, encoder: encoder, context: context) }
        return .success
    }

    /// One JSON Lines record; `JSONEncoder` writes each float in its shortest exact form.
    private struct Line: Encodable {
        let text: String
        let embedding: [Float]
    }

    private func emit(_ texts: [String], encoder: SentenceEncoder, context: CommandContext) throws {
        let vectors = try encoder.encode(texts)
        let writer = JSONEncoder()
        writer.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for (text, vector) in zip(texts, vectors) {
            if json {
                context.print(String(decoding: try writer.encode(Line(text: text, embedding: vector)), as: UTF8.self))
            } else {
                context.print(vector.map { String(format: "%.7g", $0) }.joined(separator: " "))
            }
        }
    }
}
