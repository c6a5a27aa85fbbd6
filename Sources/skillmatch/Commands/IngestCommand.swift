import Foundation
import SkillsEngine
import SkillsIngestion
import SkillsStorage
import Synchronization

/// `skillmatch ingest`: queues files and processes them with local workers.
struct IngestCommand: Command {
    static let path = ["ingest"]
    static let abstract = "ingest job postings, programs, profiles or credentials from files"
    static let synopsis = "[--format F] [--workers N] [--source S] FILE..."
    static let discussion = """
        Formats: \(IngestFormat.allCases.map(\.rawValue).joined(separator: ", ")); detected per item when
        omitted (JSON files: one array or one document per line). etpl-csv takes --outcomes FILE to
        join program outcomes; csv takes --map field=Column,… and --as FORMAT (the JSON format the
        mapped rows follow, default jobposting). Items are stored durably before processing, so an
        interrupted run resumes with `skillmatch worker`. Exit code 1 when any item failed; the
        failures are listed.
        """
    static let options: [OptionSpec] = [
        .value("format", "F", "input format (default: detect)"),
        .value("workers", "N", "worker threads, 1…16 (default 2)"),
        .value("source", "S", "who sent the data; part of the upsert key (default: file)"),
        .value("outcomes", "FILE", "etpl-csv: outcomes by provider and CIP code"),
        .value("map", "FIELD=COL,…", "csv: column mapping"),
        .value("as", "FORMAT", "csv: the format of the mapped rows (jobposting, profile, ctdl)"),
    ]

    let files: [String]
    let format: String
    let workers: Int
    let source: String?
    let options: EnqueueOptions

    init(_ arguments: ParsedArguments) throws {
        files = try arguments.positionals(max: 10_000)
        if files.isEmpty { throw CLIError.usage("give at least one FILE") }
        format = arguments.value("format") ?? "auto"
        if format != "auto" && IngestFormat(rawValue: format) == nil {
            throw CLIError.usage("unknown format '\(format)'; use one of \(IngestFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        workers = try arguments.int("workers", in: 1...16) ?? 2
        source = arguments.value("source")
        var options = EnqueueOptions()
        if let outcomes = arguments.value("outcomes") {
            guard let data = FileManager.default.contents(atPath: outcomes) else { throw CLIError.noInput("cannot read \(outcomes)") }
            options.outcomes = data
        }
        if let map = arguments.value("map") {
            do { options.mapping = try CSVItemSplitter.parseMapping(map) } catch { throw CLIError.usage("--map: \(error)") }
        }
        if let target = arguments.value("as") {
            guard let value = IngestFormat(rawValue: target) else { throw CLIError.usage("--as: unknown format '\(target)'") }
            options.mappedFormat = value
        }
        if format == "csv" && options.mapping.isEmpty { throw CLIError.usage("--format csv needs --map field=Column,…") }
        self.options = options
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let engine = try EngineLoader.open(context)
        var tasks: [(file: String, id: Int64)] = []
        var total = 0
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else { throw CLIError.noInput("cannot read \(file)") }
            do {
                let receipt = try engine.enqueue(data, format: format, source: source ?? URL(fileURLWithPath: file).lastPathComponent, options: options)
                tasks.append((file, receipt.taskID))
                total += receipt.received
            } catch let error as EngineError {
                throw CLIError.data("\(file): \(error.message)")
            }
        }
        let started = Date()
        let done = Atomic<Int>(0)
        let failure = Mutex<String?>(nil)
        let group = DispatchGroup()
        for number in 0..<workers {
            let worker = try engine.makeWorker(id: "cli-\(ProcessInfo.processInfo.processIdentifier)-\(number)")
            let box = UncheckedBox(worker)
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                do {
                    while true {
                        let claimed = try engine.runWorkerOnce(box.value)
                        if claimed == 0 { break }
                        done.add(claimed, ordering: .relaxed)
                    }
                } catch {
                    failure.withLock { $0 = "\(error)" }
                }
            }
        }
        let terminal = context.outputIsTerminal
        while group.wait(timeout: .now() + 0.5) == .timedOut {
            if terminal { context.printProgress(done: done.load(ordering: .relaxed), total: total, since: started) }
        }
        engine.publish()
        if let failure = failure.withLock({ $0 }) { throw CLIError(code: .software, message: "worker stopped: \(failure)") }
        if terminal { context.printProgress(done: total, total: total, since: started, final: true) }

        var failed = 0
        let seconds = Date().timeIntervalSince(started)
        for (file, id) in tasks {
            guard let task = try engine.task(id: id) else { continue }
            let counts = task.counts
            context.print("\(file): task \(id): received \(counts.received), processed \(counts.processed), unchanged \(counts.skippedUnchanged), failed \(counts.failed + counts.dead), pending \(counts.pending)")
            failed += counts.failed + counts.dead
            for error in task.errors.prefix(50) { context.print("  \(error.state.rawValue): \(error.error)") }
            if task.errors.count > 50 { context.print("  … \(task.errors.count - 50) more") }
        }
        context.print(String(format: "%d items in %.1f s (%.0f items/s)", total, seconds, Double(total) / max(seconds, 1e-3)))
        return failed > 0 ? .failure : .success
    }
}

/// Hands a non-Sendable value to exactly one other thread.
struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

extension CommandContext {
    /// One progress line on a terminal: done/total, items/s and the time left.
    func printProgress(done: Int, total: Int, since start: Date, final: Bool = false) {
        let seconds = max(Date().timeIntervalSince(start), 1e-3)
        let rate = Double(done) / seconds
        let eta = rate > 0 ? Double(total - done) / rate : 0
        let width = 30
        let filled = total > 0 ? min(width, width * done / total) : width
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let line = String(format: "\r[%@] %d/%d  %.0f items/s  ETA %.0fs ", bar, done, total, rate, eta)
        FileHandle.standardOutput.write(Data((line + (final ? "\n" : "")).utf8))
    }
}
