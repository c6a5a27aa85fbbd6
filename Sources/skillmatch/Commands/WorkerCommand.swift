import Foundation
import SkillsEngine
import Synchronization

/// `skillmatch worker`: processes the shared ingest queue until stopped (SIGTERM/SIGINT).
struct WorkerCommand: Command {
    static let path = ["worker"]
    static let abstract = "process the ingest queue of the data directory until stopped"
    static let synopsis = "[--once]"
    static let discussion = """
        Several worker processes may share one data directory: items are claimed atomically with a
        lease, and an item whose worker died is taken over when its lease expires. With --once the
        worker exits when the queue is empty.
        """
    static let options: [OptionSpec] = [.flag("once", "exit when the queue is empty")]

    let once: Bool

    init(_ arguments: ParsedArguments) throws {
        _ = try arguments.positionals(max: 0)
        once = arguments.flag("once")
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let engine = try EngineLoader.open(context)
        let worker = try engine.makeWorker(id: "worker-\(ProcessInfo.processInfo.processIdentifier)")
        let stop = StopSignal.install()
        var processed = 0
        while !stop.requested {
            let claimed = try engine.runWorkerOnce(worker)
            processed += claimed
            if claimed == 0 {
                if once { break }
                Thread.sleep(forTimeInterval: 0.2)
            }
        }
        context.printError("worker: processed \(processed) items")
        return .success
    }
}

/// Turns SIGTERM/SIGINT into a flag a loop can poll, so work stops between batches.
final class StopSignal: Sendable {
    private let flag = Atomic<Bool>(false)
    var requested: Bool { flag.load(ordering: .acquiring) }

    static func install() -> StopSignal {
        let signal = StopSignal()
        for number in [SIGTERM, SIGINT] {
            Foundation.signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { signal.flag.store(true, ordering: .releasing) }
            source.resume()
            StopSignal.sources.withLock { $0.append(UncheckedBox(source)) }
        }
        return signal
    }

    /// Signal sources must stay alive for the process lifetime.
    private static let sources = Mutex<[UncheckedBox<any DispatchSourceSignal>]>([])
}
