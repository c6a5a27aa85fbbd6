// swift-tools-version:6.0
// Skillmatch: a skills-matching search engine service.
//
// Layers (dependencies point down only; see Documentation/ARCHITECTURE.md):
//   C shims      CSQLite, CBLAS, CCrypto, CZlib, CSystem   (each imported by exactly one Swift module)
//   core         SkillsCore
//   utilities    SkillsCompression (zlib)
//   taxonomy     SkillsTaxonomy    (skills, occupations, programs codes, extraction)
//   vectors      SkillsVectors     (BLAS kernels, flat scan, top-k)  · SkillsEncoder (MiniLM on BLAS)
//   semantic     SkillsSemantic    (encoder-based skill extraction, title → occupation)
//   index        SkillsIndex       (skill and text postings, BM25, pruning, entity vectors per kind)
//   ranking      SkillsRanking     (directions, features, explanation)
//   credentials  SkillsCredentials (OB 3.0 / CLR 2.0 verification, libcrypto)
//   storage      SkillsStorage     (SQLite system of record and queue)
//   ingestion    SkillsIngestion   (adapters, workers)
//   engine       SkillsEngine      (facade for the server and the CLI)
//   http         SkillsHTTP        (HTTP/1.1 on epoll; knows nothing of skills)
//   api          SkillsAPI         (routes, auth, error table, OpenAPI)
//   cli          skillmatch
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

func library(_ name: String, _ dependencies: [Target.Dependency]) -> Target {
    .target(name: name, dependencies: dependencies, swiftSettings: swiftSettings)
}

func tests(_ name: String, _ dependencies: [Target.Dependency]) -> Target {
    .testTarget(name: name, dependencies: dependencies + ["SkillsTestSupport"], swiftSettings: swiftSettings)
}

let package = Package(
    name: "Skillmatch",
    products: [
        .executable(name: "skillmatch", targets: ["skillmatch"]),
        .executable(name: "skillmatch-bench", targets: ["skillmatch-bench"]),
    ],
    targets: [
        // C libraries from Debian.
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite"),
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS"),
        .systemLibrary(name: "CCrypto", path: "Sources/CCrypto"),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .systemLibrary(name: "CSystem", path: "Sources/CSystem"),

        library("SkillsCore", []),
        library("SkillsCompression", ["SkillsCore", "CZlib"]),
        library("SkillsTaxonomy", ["SkillsCore", "SkillsCompression"]),
        library("SkillsVectors", ["SkillsCore", "CBLAS"]),
        library("SkillsEncoder", ["SkillsCore", "SkillsVectors"]),
        library("SkillsSemantic", ["SkillsCore", "SkillsTaxonomy", "SkillsVectors", "SkillsEncoder"]),
        library("SkillsIndex", ["SkillsCore", "SkillsTaxonomy", "SkillsVectors"]),
        library("SkillsRanking", ["SkillsCore", "SkillsTaxonomy", "SkillsIndex", "SkillsVectors"]),
        library("SkillsCredentials", ["SkillsCore", "SkillsCompression", "CCrypto"]),
        library("SkillsStorage", ["SkillsCore", "CSQLite"]),
        library("SkillsIngestion", [
            "SkillsCore", "SkillsTaxonomy", "SkillsVectors", "SkillsEncoder", "SkillsIndex", "SkillsRanking",
            "SkillsCredentials", "SkillsStorage",
        ]),
        library("SkillsEngine", [
            "SkillsCore", "SkillsTaxonomy", "SkillsVectors", "SkillsEncoder", "SkillsSemantic", "SkillsIndex",
            "SkillsRanking", "SkillsCredentials", "SkillsStorage", "SkillsIngestion",
        ]),
        library("SkillsHTTP", ["SkillsCore", "CSystem"]),
        library("SkillsAPI", ["SkillsHTTP", "SkillsEngine"]),

        // Fixture generators shared by tests and benchmarks.
        library("SkillsTestSupport", ["SkillsCore", "SkillsTaxonomy"]),

        .executableTarget(
            name: "skillmatch",
            dependencies: ["SkillsAPI", "SkillsEngine", "SkillsCredentials", "SkillsSemantic"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "skillmatch-bench",
            dependencies: ["SkillsEngine", "SkillsCredentials", "SkillsHTTP", "SkillsSemantic", "SkillsTestSupport"],
            path: "Benchmarks/Sources/skillmatch-bench",
            swiftSettings: swiftSettings
        ),

        tests("SkillsCoreTests", ["SkillsCore"]),
        tests("SkillsCompressionTests", ["SkillsCompression"]),
        tests("SkillsTaxonomyTests", ["SkillsTaxonomy"]),
        tests("SkillsVectorsTests", ["SkillsVectors"]),
        .testTarget(
            name: "SkillsEncoderTests", dependencies: ["SkillsEncoder", "SkillsTestSupport"],
            exclude: ["Fixtures"],  // reference JSON + the script that makes it, read by path
            swiftSettings: swiftSettings),
        tests("SkillsSemanticTests", ["SkillsSemantic", "SkillsEncoder"]),
        tests("SkillsIndexTests", ["SkillsIndex"]),
        tests("SkillsRankingTests", ["SkillsRanking"]),
        tests("SkillsCredentialsTests", ["SkillsCredentials"]),
        tests("SkillsStorageTests", ["SkillsStorage"]),
        tests("SkillsIngestionTests", ["SkillsIngestion"]),
        tests("SkillsEngineTests", ["SkillsEngine"]),
        tests("SkillsHTTPTests", ["SkillsHTTP"]),
        tests("SkillsAPITests", ["SkillsAPI"]),
    ]
)
