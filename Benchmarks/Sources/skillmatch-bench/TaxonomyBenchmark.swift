// Taxonomy benchmark: what it costs to bring the shipped taxonomy into memory and search it.
// Measures (medians of --runs, default 5): TaxonomyLoader.load of Taxonomies/ (target ≤ 1 s),
// TaxonomySearch build, search latency over sampled label prefixes; and, side by side, the Python
// peer Benchmarks/peers/taxonomy_load.py reading the same files with the csv module.
// Corpus: the committed Taxonomies/ folder (or --dir DIR).
// Run: swift build -c release --product skillmatch-bench && .build/release/skillmatch-bench taxonomy [--runs N] [--dir DIR]
import Foundation
import SkillsTaxonomy
import SkillsTestSupport

func runTaxonomyBenchmark(_ arguments: [String]) throws {
    var runs = 5
    var directory = FixturePaths.taxonomies
    var iterator = arguments.makeIterator()
    while let argument = iterator.next() {
        switch argument {
        case "--runs": runs = max(1, Int(iterator.next() ?? "") ?? runs)
        case "--dir": directory = URL(fileURLWithPath: iterator.next() ?? directory.path)
        default: throw TaxonomyBenchmarkError(message: "unknown option \(argument) (use --runs N, --dir DIR)")
        }
    }

    func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
    func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
    var taxonomy: Taxonomy?
    var loadCPU: [Double] = []
    let loadTimes = try (0..<runs).map { _ in
        let (wall, cpu) = try wallAndCPUSeconds { taxonomy = try TaxonomyLoader.load(directory: directory) }
        loadCPU.append(cpu)
        return wall
    }
    let loaded = taxonomy!
    let stats = loaded.stats
    print("taxonomy: \(stats.skills) skills, \(stats.occupations) occupations, \(stats.wageRows) wage rows")
    print(String(format: "load: median %.3f s wall, %.3f s CPU over %d runs (target <= 1 s)", median(loadTimes), median(loadCPU), runs))

    var search: TaxonomySearch?
    let buildTimes = (0..<runs).map { _ in seconds { search = TaxonomySearch(loaded) } }
    print(String(format: "search index build: median %.3f s", median(buildTimes)))
    var random = SeededGenerator(seed: 1)
    let queries = (0..<2_000).map { _ -> String in
        let label = loaded.skills.randomElement(using: &random)!.label
        return String(label.prefix(Int.random(in: 2...12, using: &random)))
    }
    var hits = 0
    let queryTime = seconds { for query in queries { hits += search!.search(query, limit: 20).count } }
    print(String(format: "search: %.1f µs per query (%d queries, %d hits)", queryTime / Double(queries.count) * 1e6, queries.count, hits))

    let peer = FixturePaths.packageRoot.appendingPathComponent("Benchmarks/peers/taxonomy_load.py")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", peer.path, directory.path, String(runs)]
    // The peer reports process CPU time too (time.process_time), so the ratio compares like with like.
    let pipe = Pipe()
    process.standardOutput = pipe
    do {
        try process.run()
        process.waitUntilExit()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let values = output.split(whereSeparator: \.isWhitespace).compactMap { $0.split(separator: "=").last.flatMap { Double($0) } }
        if values.count == 2 {
            print(String(format: "peer python csv load: median %.3f s wall, %.3f s CPU; Swift is %.1fx faster (CPU)",
                         values[0], values[1], values[1] / median(loadCPU)))
        } else {
            print("peer python csv load: no result (\(output))")
        }
    } catch {
        print("peer python csv load: not run (\(error))")
    }
}

struct TaxonomyBenchmarkError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
