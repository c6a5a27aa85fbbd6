// skillmatch-bench: the project's benchmarks, one area per file, dispatched on the first argument.
// Build in release: `swift build -c release --product skillmatch-bench`, then
// `.build/release/skillmatch-bench <area> [options]`. Each area's file says what it measures.
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
let area = arguments.first ?? ""
let rest = Array(arguments.dropFirst())

func benchUsage() -> Never {
    FileHandle.standardError.write(Data("usage: skillmatch-bench <area> [options]\n".utf8))
    exit(64)
}

_assertDebugWarning()

do {
    switch area {
    // One line per area: case "<area>": try run<Area>Benchmark(rest)
    case "extraction": try runExtractionBenchmark(rest)
    case "semantic-extraction": try runSemanticExtractionBenchmark(rest)
    case "occupations": try runOccupationBenchmark(rest)
    case "dense": try runDenseBenchmark(rest)
    case "storage": try runStorageBenchmark(rest)
    case "taxonomy": try runTaxonomyBenchmark(rest)
    case "profiles": try runProfilesBenchmark(rest)
    case "credentials": try runCredentialsBenchmark(rest)
    case "encoder": try runEncoderBenchmark(rest)
    case "http-server": try runHTTPServerBenchmark(rest)
    case "engine": try runEngineBenchmark(rest)
    case "api-populate": try runAPIPopulateBenchmark(rest)
    case "ingest": try runIngestBenchmark(rest)
    case "restart": try runRestartBenchmark(rest)
    default: benchUsage()
    }
} catch {
    FileHandle.standardError.write(Data("skillmatch-bench \(area): \(error)\n".utf8))
    exit(1)
}

/// Loud warning when benchmarks run in a debug build, whose figures mean nothing.
func _assertDebugWarning() {
    assert({
        print("WARNING: skillmatch-bench is a DEBUG build; build with -c release for real figures")
        return true
    }())
}
