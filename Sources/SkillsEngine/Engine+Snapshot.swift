import Foundation
import SkillsCore
import SkillsIndex
import SkillsStorage
import SkillsTaxonomy
import SkillsVectors

/// How ``Engine`` opened its index at start, for logs and the benchmark.
public struct IndexStartup: Sendable {
    public enum Source: String, Sendable {
        /// Restored from the index snapshot file (it matched the database).
        case snapshotFile = "snapshot_file"
        /// Rebuilt by scanning and decoding the stored entities.
        case rebuilt
    }

    public var source: Source
    /// Why the snapshot file was not used (`nil` when it was, or when snapshots are off).
    public var reason: String?
    public var seconds: Double
    public var entities: Int
}

extension Engine {
    static let snapshotFileName = "index.snapshot"

    var snapshotURL: URL { URL(fileURLWithPath: configuration.dataDirectory).appendingPathComponent(Self.snapshotFileName) }

    /// Opens the index: the snapshot file when it was written for this very database state
    /// (database id and change sequence), taxonomy, index configuration and profile formula and is
    /// recent enough, else a rebuild from SQLite. A refused file is never fatal.
    ///
    /// Entity vectors come from the file too when it was written in the same vector space; a
    /// rebuild uses the stored vectors of that space and recomputes (and stores) the others.
    static func openIndex(
        configuration: EngineConfiguration, indexConfiguration: IndexConfiguration, taxonomy: Taxonomy, codec: EntityCodec,
        pool: ConnectionPool, space: SkillVectorSpace, entityVectors: EntityVectorBuilder, now: Date
    ) throws -> (writer: IndexWriter, changes: EntityChangeState, recomputedVectors: Int, report: IndexStartup) {
        let started = Date()
        let occupations = occupationEntities(taxonomy).map(Entity.occupation)
        let fingerprint = taxonomyFingerprint(taxonomy)
        var reason: String?
        if configuration.snapshotMaxAgeDays > 0 {
            let url = URL(fileURLWithPath: configuration.dataDirectory).appendingPathComponent(snapshotFileName)
            do {
                let current = try pool.with { try EntityStore($0).changeState() }
                var writer = try restore(
                    url, expecting: current, fingerprint: fingerprint, vectorSpace: space.identifier,
                    indexConfiguration: indexConfiguration, entityVectors: entityVectors,
                    maximumAge: configuration.snapshotMaxAgeDays * 86_400, now: now)
                try refresh(occupations, in: &writer)
                let report = IndexStartup(source: .snapshotFile, seconds: Date().timeIntervalSince(started), entities: writer.count)
                return (writer, current, 0, report)
            } catch let refusal as SnapshotRefusal {
                reason = refusal.reason
            }
        }
        var writer = try IndexWriter(
            configuration: indexConfiguration, profileBuilder: SkillProfileBuilder(asOf: now), entityVectors: entityVectors)
        for occupation in occupations { _ = try writer.upsert(occupation) }
        let (changes, recomputed) = try rebuild(into: &writer, pool: pool, codec: codec, configuration: configuration, space: space)
        let report = IndexStartup(source: .rebuilt, reason: reason, seconds: Date().timeIntervalSince(started), entities: writer.count)
        return (writer, changes, recomputed, report)
    }

    /// Why a snapshot file was not loaded (or not written).
    struct SnapshotRefusal: Error {
        var reason: String
    }

    static func restore(
        _ url: URL, expecting current: EntityChangeState, fingerprint: String, vectorSpace: String,
        indexConfiguration: IndexConfiguration, entityVectors: EntityVectorBuilder, maximumAge: Double, now: Date
    ) throws -> IndexWriter {
        guard FileManager.default.fileExists(atPath: url.path) else { throw SnapshotRefusal(reason: "no snapshot file") }
        let data: Data
        do {
            // Mapped: the checksum and decoding read it once, straight from the page cache.
            data = try Data(contentsOf: url, options: .alwaysMapped)
        } catch {
            throw SnapshotRefusal(reason: "cannot read \(url.path): \(error.localizedDescription)")
        }
        return try data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) throws -> IndexWriter in
            let header: IndexSnapshotFile.Header
            do { header = try IndexSnapshotFile.header(of: bytes) } catch { throw SnapshotRefusal(reason: "\(error)") }
            let metadata = header.metadata
            if metadata["database"] != current.databaseID { throw SnapshotRefusal(reason: "written for another database file") }
            if metadata["sequence"] != String(current.sequence) {
                throw SnapshotRefusal(reason: "stale: written at change \(metadata["sequence"] ?? "?"), the database is at \(current.sequence)")
            }
            if metadata["taxonomy"] != fingerprint { throw SnapshotRefusal(reason: "written for another taxonomy") }
            if metadata["vectors"] != vectorSpace { throw SnapshotRefusal(reason: "written in another skill vector space") }
            if header.profileParameters != SkillProfileBuilder.Parameters() {
                throw SnapshotRefusal(reason: "written with other profile weight parameters")
            }
            if abs(now.timeIntervalSince(header.profileAsOf)) > maximumAge {
                throw SnapshotRefusal(reason: "profiles computed as of \(header.profileAsOf), older than snapshotMaxAgeDays")
            }
            do {
                return try IndexWriter(restoring: bytes, configuration: indexConfiguration, entityVectors: entityVectors)
            } catch {
                throw SnapshotRefusal(reason: "\(error)")
            }
        }
    }

    /// Brings the restored occupations in line with the loaded taxonomy's (extensions may have
    /// changed their profiles or demand figures since the file was written).
    static func refresh(_ occupations: [Entity], in writer: inout IndexWriter) throws {
        var current = Set<String>()
        for occupation in occupations {
            current.insert(occupation.id)
            if writer.entity(EntityKey(.occupation, occupation.id)) != occupation { _ = try writer.upsert(occupation) }
        }
        for id in writer.ids(of: .occupation) where !current.contains(id) {
            writer.delete(EntityKey(.occupation, id))
        }
    }

    /// Identifies the skill numbering stored entities use: skill ids in index order.
    static func taxonomyFingerprint(_ taxonomy: Taxonomy) -> String {
        var hasher = SHA256()
        for skill in taxonomy.skills {
            hasher.update(Array(skill.id.utf8))
            hasher.update([0])
        }
        return SHA256.hex(hasher.finalize())
    }

    /// What ``saveSnapshot()`` did.
    public enum SnapshotSave: Sendable, Equatable {
        case written(bytes: Int, seconds: Double)
        /// Not written (and any older file removed), with the reason.
        case skipped(String)
    }

    /// Writes the index snapshot file, so the next start restores instead of rebuilding.
    ///
    /// Written only when the index provably equals the database: the database's change sequence
    /// must be the one the index was opened at plus the row changes this engine applied since.
    /// Another process writing entities (a `skillmatch worker`) breaks that; then any older file
    /// is removed and the next start rebuilds. Call it when writers are stopped (shutdown), or
    /// any time: a write racing with it only makes it skip. The file is replaced atomically.
    @discardableResult
    public func saveSnapshot() -> SnapshotSave {
        saving.withLock { _ in writeSnapshot() }
    }

    private func writeSnapshot() -> SnapshotSave {
        guard configuration.snapshotMaxAgeDays > 0 else { return .skipped("snapshots are off (snapshotMaxAgeDays = 0)") }
        let started = Date()
        let (writer, indexed, applied) = state.withLock { ($0.writer, $0.indexedChanges, $0.appliedRowChanges) }
        let url = snapshotURL
        do {
            let current = try pool.with { try EntityStore($0).changeState() }
            let expected = indexed.sequence + applied
            guard current.databaseID == indexed.databaseID, current.sequence == expected else {
                try? FileManager.default.removeItem(at: url)
                return .skipped("the database is at change \(current.sequence), the index at \(expected): another process wrote entities")
            }
            let bytes = writer.encodedSnapshotFile(metadata: [
                "database": current.databaseID, "sequence": String(current.sequence),
                "taxonomy": Self.taxonomyFingerprint(taxonomy), "vectors": skillVectors.identifier,
            ])
            let temporary = url.appendingPathExtension("tmp-\(ProcessInfo.processInfo.processIdentifier)")
            guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
                return .skipped("cannot create \(temporary.path)")
            }
            let handle = try FileHandle(forWritingTo: temporary)
            do {
                try bytes.withUnsafeBytes { try handle.write(contentsOf: $0) }
                try handle.synchronize()
                try handle.close()
            } catch {
                try? handle.close()
                try? FileManager.default.removeItem(at: temporary)
                throw error
            }
            if rename(temporary.path, url.path) != 0 {
                try? FileManager.default.removeItem(at: temporary)
                return .skipped("cannot rename the snapshot into place (errno \(errno))")
            }
            return .written(bytes: bytes.count, seconds: Date().timeIntervalSince(started))
        } catch {
            return .skipped("\(error)")
        }
    }
}
