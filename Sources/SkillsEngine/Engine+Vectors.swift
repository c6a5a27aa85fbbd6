import Dispatch
import Foundation
import SkillsCore
import SkillsIndex
import SkillsStorage
import SkillsVectors

/// What the engine's start did and how long each part took (the CLI and `serve` print it).
public struct StartupReport: Sendable {
    /// (part, seconds) in the order they ran.
    public internal(set) var timings: [(part: String, seconds: Double)] = []
    /// "taxonomy, 22187 × 128 (cached)" or "encoder, 22187 × 384".
    public internal(set) var skillVectors = ""
    /// Stored entity vectors that were missing or from another vector space and were recomputed.
    public internal(set) var recomputedVectors = 0
    /// The one warning to log, if any (the encoder could not be loaded).
    public internal(set) var warning: String?

    mutating func time<T>(_ part: String, _ body: () throws -> T) rethrows -> T {
        let start = DispatchTime.now()
        let result = try body()
        timings.append((part, Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9))
        return result
    }

    /// One line: `skill vectors taxonomy, 22187 × 128 (cached) 0.21 s; related skills 3.1 s; …`.
    public var summary: String {
        let parts = timings.map { String(format: "%@ %.2f s", $0.part, $0.seconds) }.joined(separator: "; ")
        return "skill vectors: \(skillVectors); \(parts)" + (recomputedVectors > 0 ? "; \(recomputedVectors) entity vectors recomputed" : "")
    }
}

extension Engine {
    /// Identifies the taxonomy the vectors were derived from: SHA-256 of the manifest (which holds
    /// every shipped file's SHA-256) and of the extension file.
    static func taxonomyChecksum(_ configuration: EngineConfiguration, extensions: URL?) -> String {
        var hasher = SHA256()
        let manifest = URL(fileURLWithPath: configuration.taxonomyDirectory).appendingPathComponent("manifest.json")
        for url in [manifest, extensions].compactMap({ $0 }) {
            let data = (try? Data(contentsOf: url)) ?? Data()
            hasher.update(Array(url.lastPathComponent.utf8) + [0])
            data.withUnsafeBytes { hasher.update($0) }
        }
        return SHA256.hex(hasher.finalize())
    }

    /// Related-skill credit from the vectors and the hierarchy; the precomputed lists are cached
    /// under the vector space and the similarity configuration.
    static func similarity(space: SkillVectorSpace, graph: TaxonomySkillGraph, cacheDirectory: URL) throws -> SkillSimilarity {
        let configuration = SkillSimilarity.Configuration()
        // String(describing:) lists the fields in declaration order (JSONEncoder's key order varies).
        var hasher = SHA256()
        hasher.update(Array((space.identifier + String(describing: configuration)).utf8))
        hasher.update(Array("siblings≤\(TaxonomySkillGraph.maximumSiblingGroup)".utf8))
        let key = "related-" + SHA256.hex(hasher.finalize())
        let file = cacheDirectory.appendingPathComponent(String(key.prefix(40)) + ".vec")
        let groups = graph.siblingGroups
        let cached = RelatedSkillsCache.read(file, key: key, skillCount: space.vectors.count, neighbourCount: configuration.neighbourCount)
        let similarity = try SkillSimilarity(
            vectors: space.vectors, hierarchy: graph.hierarchy, groups: groups, configuration: configuration, precomputed: cached)
        if cached == nil {
            try? RelatedSkillsCache.write(similarity.allRelated, key: key, neighbourCount: configuration.neighbourCount, to: file)
        }
        return similarity
    }

    /// Rebuilds the index from SQLite: documents are decoded (no re-extraction) and stored entity
    /// vectors are used as they are when they belong to the current vector space. Rows without a
    /// vector, or from another space (the taxonomy or the model changed), get their vector
    /// recomputed from the profile and written back.
    ///
    /// - Returns: the change state of the rows read (one read transaction) and how many vectors
    ///   were rewritten after it (each rewrite is one more row change).
    static func rebuild(
        into writer: inout IndexWriter, pool: ConnectionPool, codec: EntityCodec, configuration: EngineConfiguration, space: SkillVectorSpace
    ) throws -> (changes: EntityChangeState, recomputed: Int) {
        let marker = configuration.entityVectorSpaceFile
        let storedSpace = (try? String(contentsOf: marker, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
        let trustStored = storedSpace == space.identifier
        let dimension = space.vectors.dimension
        let result = try pool.with { connection in
            let store = EntityStore(connection)
            var rewrites: [(kind: EntityKind, rows: [(id: String, vector: Data)])] = []
            let changes = try connection.read {
                let changes = try store.changeState()
                for kind in [EntityKind.candidate, .job, .program] {
                    var rewrite: [(id: String, vector: Data)] = []
                    // Rows are decoded a batch at a time on every core (the JSON decode is most of a
                    // rebuild), then upserted in scan order by this thread, the writer's only one.
                    var batch: [(document: Data, vector: [Float])] = []
                    func flush() {
                        let entities = concurrentMap(batch.count, minimumPerRun: 32) { try? codec.decodeStored(kind: kind, batch[$0].document) }
                        for (entity, row) in zip(entities, batch) {
                            // A stored row that no longer decodes (e.g. a skill removed from the
                            // taxonomy) is left out of the index rather than failing the start.
                            guard let entity, let slot = try? writer.upsert(entity, vector: row.vector.isEmpty ? nil : row.vector) else { continue }
                            if row.vector.isEmpty, let fresh = writer.vector(of: slot) {
                                rewrite.append((entity.id, VectorBlob.data(fresh)))
                            }
                        }
                        batch.removeAll(keepingCapacity: true)
                    }
                    _ = try store.scanBuffers(kind: kind.rawValue, fields: [.document, .vector]) { row in
                        guard let document = row.document, document.count > 0 else { return }
                        var vector: [Float] = []
                        if trustStored, let blob = row.vector, blob.count == dimension * 4 { try VectorBlob.append(blob, to: &vector) }
                        batch.append((Data(document), vector))
                        if batch.count == 4_096 { flush() }
                    }
                    flush()
                    if !rewrite.isEmpty { rewrites.append((kind, rewrite)) }
                }
                return changes
            }
            var recomputed = 0
            for (kind, rows) in rewrites { recomputed += try store.setVectors(kind: kind.rawValue, rows) }
            return (changes, recomputed)
        }
        if !trustStored {
            try? FileManager.default.createDirectory(at: marker.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? (space.identifier + "\n").write(to: marker, atomically: true, encoding: .utf8)
        }
        return result
    }

    /// The vector stored with `entity`: its profile's skill vectors summed and normalised.
    func storedVector(_ entity: Entity) -> Data {
        VectorBlob.data(entityVectors.vector(of: profileBuilder.profile(for: entity)))
    }
}
