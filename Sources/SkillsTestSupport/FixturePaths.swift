import Foundation

/// Where tests and benchmarks find the repository and the read-only `../shared` material.
///
/// Only tests and benchmarks use this: the service never reads `../shared`.
public enum FixturePaths {
    /// The package root (the folder holding `Package.swift`), found from this file's path.
    public static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }  // FixturePaths.swift, SkillsTestSupport, Sources
        return url
    }()

    /// `../shared/data` beside the package root, or `SKILLMATCH_SHARED_DATA` when set.
    public static let sharedData: URL = {
        if let override = ProcessInfo.processInfo.environment["SKILLMATCH_SHARED_DATA"] {
            return URL(fileURLWithPath: override)
        }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data")
    }()

    /// A path under `../shared/data`.
    public static func shared(_ relativePath: String) -> URL {
        sharedData.appendingPathComponent(relativePath)
    }

    /// `true` when `../shared/data` is present (tests that need it are skipped otherwise).
    public static var hasSharedData: Bool {
        FileManager.default.fileExists(atPath: sharedData.path)
    }

    /// One folder for the engine's cached skill vectors shared by every test and benchmark run
    /// (files are keyed by taxonomy checksum, so sharing is safe); saves rebuilding them per engine.
    public static let vectorCache: URL = FileManager.default.temporaryDirectory.appendingPathComponent("skillmatch-test-vector-cache")

    /// The shipped `Taxonomies/` folder.
    public static let taxonomies: URL = packageRoot.appendingPathComponent("Taxonomies")
}
