// SPDX-License-Identifier: Apache-2.0
import Foundation

/// Where label vectors (skill labels, occupation titles) are cached between runs.
public enum EmbeddingCache {
    /// `SKILLMATCH_EMBEDDINGS_DIR`, else `<dataDirectory>/embeddings`.
    public static func directory(dataDirectory: URL, environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let override = environment["SKILLMATCH_EMBEDDINGS_DIR"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        return dataDirectory.appendingPathComponent("embeddings")
    }

    /// ``directory(dataDirectory:environment:)`` under `${SKILLMATCH_DATA_DIR:-~/.local/share/skillmatch}`.
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        let data = environment["SKILLMATCH_DATA_DIR"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share/skillmatch"
        return directory(dataDirectory: URL(fileURLWithPath: data), environment: environment)
    }
}
