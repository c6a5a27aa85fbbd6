// Encoder benchmark: all-MiniLM-L6-v2 in Swift on OpenBLAS versus PyTorch sentence-transformers,
// side by side in one run, on the same sentences and the same thread counts.
//
// Measured, per thread count (default 1 and 2):
//   - batch throughput: sentences/s encoding the whole corpus at --batch (default 32), median of
//     --repeats runs after a warm-up;
//   - single-sentence latency: median milliseconds of encode([s]) over the first --single sentences;
//   - peak memory: RSS high-water mark of the Swift process (ru_maxrss) and of the Python peer.
// Corpus: the distinct sentences of ../shared/data/eval/skill-extraction/*_annotations.csv (job ads,
// 594 sentences, ~18 tokens each); without ../shared, the committed encoder reference texts.
// Peer: Benchmarks/peers/encoder_peer.py run with --python (default ~/.cache/skillmatch/venv/bin/python,
// the venv of Tests/SkillsEncoderTests/Fixtures/make_reference.py); --no-peer runs Swift only.
// Run:
//   scripts/fetch-model.sh
//   swift build -c release --product skillmatch-bench
//   .build/release/skillmatch-bench encoder [--threads 1,2] [--batch 32] [--repeats 3] [--single 100]
//       [--limit N] [--python PATH] [--no-peer]
import Foundation
import SkillsEncoder
import SkillsTestSupport

#if canImport(Glibc)
import Glibc
#endif

struct EncoderBenchmarkOptions {
    var threads = [1, 2]
    var batch = 32
    var repeats = 3
    var single = 100
    var limit: Int?
    var python = (ProcessInfo.processInfo.environment["HOME"] ?? "/root") + "/.cache/skillmatch/venv/bin/python"
    var peer = true

    init(_ arguments: [String]) throws {
        var rest = arguments[...]
        func value(_ flag: String) throws -> String {
            guard let next = rest.popFirst() else { throw BenchmarkError("\(flag) needs a value") }
            return next
        }
        func int(_ flag: String) throws -> Int {
            guard let n = Int(try value(flag)), n > 0 else { throw BenchmarkError("\(flag) needs a positive integer") }
            return n
        }
        while let flag = rest.popFirst() {
            switch flag {
            case "--threads":
                threads = try value(flag).split(separator: ",").map {
                    guard let n = Int($0), n > 0 else { throw BenchmarkError("--threads takes e.g. 1,2") }
                    return n
                }
            case "--batch": batch = try int(flag)
            case "--repeats": repeats = try int(flag)
            case "--single": single = try int(flag)
            case "--limit": limit = try int(flag)
            case "--python": python = try value(flag)
            case "--no-peer": peer = false
            default: throw BenchmarkError("unknown option \(flag)")
            }
        }
    }
}


func runEncoderBenchmark(_ arguments: [String]) throws {
    let options = try EncoderBenchmarkOptions(arguments)
    let modelDirectory = SentenceEncoder.defaultModelDirectory()
    var sentences = try encoderBenchmarkCorpus()
    if let limit = options.limit { sentences = Array(sentences.prefix(limit)) }
    let corpusFile = FileManager.default.temporaryDirectory.appendingPathComponent("skillmatch-encoder-bench-\(getpid()).json")
    try JSONSerialization.data(withJSONObject: sentences).write(to: corpusFile)
    defer { try? FileManager.default.removeItem(at: corpusFile) }

    print("encoder benchmark: \(sentences.count) sentences, batch \(options.batch), median of \(options.repeats); single-sentence latency over \(min(options.single, sentences.count)) sentences")
    print("model: \(modelDirectory.path)")
    print("threads | swift s/s | torch s/s | ratio | swift 1-sent ms | torch 1-sent ms | speed-up | swift RSS MB | torch RSS MB")
    for threads in options.threads {
        let encoder = try SentenceEncoder(
            modelDirectory: modelDirectory, configuration: EncoderConfiguration(batchSize: options.batch, threads: threads))
        _ = try encoder.encode(Array(sentences.prefix(options.batch * 2)))  // warm-up: grows the work buffers
        var rates: [Double] = []
        for _ in 0..<options.repeats {
            let start = DispatchTime.now().uptimeNanoseconds
            _ = try encoder.encode(sentences)
            rates.append(Double(sentences.count) / (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9))
        }
        var singles: [Double] = []
        for sentence in sentences.prefix(options.single) {
            let start = DispatchTime.now().uptimeNanoseconds
            _ = try encoder.encode([sentence])
            singles.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        let swiftRate = median(rates), swiftSingle = median(singles)
        var row = [String(threads), format(swiftRate)]
        if options.peer {
            let peer = try runEncoderPeer(options, threads: threads, model: modelDirectory, corpus: corpusFile)
            let torchRate = peer["batch_sentences_per_s"] as? Double ?? .nan
            let torchSingle = peer["single_ms_median"] as? Double ?? .nan
            row += [format(torchRate), format(swiftRate / torchRate) + "×", format(swiftSingle), format(torchSingle),
                    format(torchSingle / swiftSingle) + "×", format(peakRSSMegabytes()),
                    format(peer["peak_rss_mb"] as? Double ?? .nan)]
        } else {
            row += ["-", "-", format(swiftSingle), "-", "-", format(peakRSSMegabytes()), "-"]
        }
        print(row.joined(separator: " | "))
    }
    print("targets: swift/torch ≥ 1.0× at batch \(options.batch); single-sentence speed-up ≥ 1.5×")
}

/// Job-ad sentences from ../shared (benchmarks may read it), else the committed reference texts.
func encoderBenchmarkCorpus() throws -> [String] {
    let folder = FixturePaths.shared("eval/skill-extraction")
    var seen = Set<String>(), sentences: [String] = []
    for name in ["house_validation_annotations.csv", "tech_validation_annotations.csv", "tech_test_annotations.csv"] {
        guard let text = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8) else { continue }
        for record in parseCSV(text).dropFirst() where !record.isEmpty && seen.insert(record[0]).inserted {
            sentences.append(record[0])
        }
    }
    if !sentences.isEmpty { return sentences }
    let fixture = FixturePaths.packageRoot.appendingPathComponent("Tests/SkillsEncoderTests/Fixtures/minilm-reference.json")
    let json = try JSONSerialization.jsonObject(with: Data(contentsOf: fixture)) as? [String: Any]
    let items = json?["items"] as? [[String: Any]] ?? []
    return items.compactMap { $0["text"] as? String }
}

/// RFC 4180 records (quoted fields, doubled quotes, newlines inside quotes).
func parseCSV(_ text: String) -> [[String]] {
    var records: [[String]] = [], record: [String] = [], field = ""
    var quoted = false, previousQuote = false
    for character in text {
        if quoted {
            if character == "\"" { quoted = false; previousQuote = true } else { field.append(character) }
            continue
        }
        switch character {
        case "\"":
            if previousQuote { field.append("\"") }
            quoted = true
        case ",": record.append(field); field = ""
        case "\n", "\r\n":
            record.append(field); field = ""
            records.append(record); record = []
        default: field.append(character)
        }
        previousQuote = false
    }
    if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
    return records
}

private func runEncoderPeer(
    _ options: EncoderBenchmarkOptions, threads: Int, model: URL, corpus: URL
) throws -> [String: Any] {
    let script = FixturePaths.packageRoot.appendingPathComponent("Benchmarks/peers/encoder_peer.py")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: options.python)
    process.arguments = [
        script.path, "--model-dir", model.path, "--sentences", corpus.path, "--threads", String(threads),
        "--batch", String(options.batch), "--repeats", String(options.repeats), "--single", String(options.single),
    ]
    var environment = ProcessInfo.processInfo.environment
    environment["OMP_NUM_THREADS"] = String(threads)
    environment["TOKENIZERS_PARALLELISM"] = "false"
    process.environment = environment
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch {
        throw BenchmarkError("cannot run the Python peer \(options.python) (see Benchmarks/peers/encoder_peer.py): \(error)")
    }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0,
        let line = String(data: data, encoding: .utf8)?.split(separator: "\n").last,
        let json = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
    else {
        throw BenchmarkError("the Python peer failed (status \(process.terminationStatus))")
    }
    return json
}


private func format(_ value: Double) -> String { String(format: value < 10 ? "%.2f" : "%.1f", value) }

/// The RSS high-water mark of this process, in MB.
func peakRSSMegabytes() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}
