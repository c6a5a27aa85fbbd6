import Foundation
import SkillsCore
import SkillsVectors

extension IndexWriter {
    /// The writer's live state as an ``IndexSnapshotFile`` (bytes to write to a file).
    ///
    /// - Parameter metadata: the caller's validation data, returned by ``IndexSnapshotFile/header(of:)``.
    /// - Complexity: O(live slots + their terms and skills).
    public func encodedSnapshotFile(metadata: [String: String]) -> [UInt8] {
        var live: [Int] = []
        live.reserveCapacity(count)
        for s in kinds.indices where kinds[s] != Self.tombstone { live.append(s) }
        var termCounts: [UInt32] = [], titleLengths: [Int32] = [], bodyLengths: [Int32] = []
        var terms: [Int32] = [], titleTF: [UInt16] = [], bodyTF: [UInt16] = []
        for s in live {
            let range = termStart[s]..<termStart[s + 1]
            termCounts.append(UInt32(range.count))
            titleLengths.append(self.titleLengths[s])
            bodyLengths.append(self.bodyLengths[s])
            terms.append(contentsOf: termList[range])
            titleTF.append(contentsOf: termTitleFrequency[range])
            bodyTF.append(contentsOf: termBodyFrequency[range])
        }
        let header = IndexSnapshotFile.Header(
            formatVersion: IndexSnapshotFile.formatVersion, metadata: metadata, configuration: configuration,
            profileParameters: profileBuilder.parameters, profileAsOf: profileBuilder.asOf, generation: generation,
            entityCount: live.count)
        var w = IndexSnapshotFile.begin(header: header)
        w.bytes.reserveCapacity(w.bytes.count + live.count * 300 + terms.count * 8)
        w.write(termStrings) { $0.write($1) }
        w.writeArray(termCounts)
        w.writeArray(titleLengths)
        w.writeArray(bodyLengths)
        w.writeArray(terms)
        w.writeArray(titleTF)
        w.writeArray(bodyTF)
        for s in live {
            EntityBinaryCoding.write(entities[s]!, to: &w)
            EntityBinaryCoding.write(profiles[s], to: &w)
        }
        // Entity vectors: the dimension (0: none), which live slots have one, then their rows.
        let dimension = entityVectors?.skills.dimension ?? 0
        w.write(UInt32(dimension))
        if dimension > 0 {
            var present: [UInt8] = [], rows: [Float] = []
            present.reserveCapacity(live.count)
            rows.reserveCapacity(live.count * dimension)
            for s in live {
                if let vector = vector(of: Int32(s)) {
                    present.append(1)
                    rows.append(contentsOf: vector)
                } else {
                    present.append(0)
                }
            }
            w.writeArray(present)
            w.writeArray(rows)
        }
        IndexSnapshotFile.finish(&w)
        return w.bytes
    }

    /// Restores a writer from ``encodedSnapshotFile(metadata:)`` bytes: the same live entities,
    /// profiles and terms in the same order, so its snapshot ranks exactly as the original's did.
    /// The profile builder (parameters and as-of date) comes from the file.
    ///
    /// - Throws: ``IndexError/invalidSnapshot(_:)`` when the file is damaged, truncated, of another
    ///   format, or was built with a configuration other than `configuration`.
    /// - Complexity: O(file size).
    /// - Parameter entityVectors: the vector builder of the running engine; the file MUST hold
    ///   vectors of its dimension (or none when it is `nil`), else it is refused.
    public init(
        restoring bytes: UnsafeRawBufferPointer, configuration: IndexConfiguration, entityVectors: EntityVectorBuilder? = nil
    ) throws(IndexError) {
        let (header, headerBytes, payload, checksum) = try IndexSnapshotFile.parse(bytes)
        guard header.configuration == configuration else {
            throw .invalidSnapshot("built with another index configuration (\(header.configuration), now \(configuration))")
        }
        let body = UnsafeRawBufferPointer(rebasing: bytes[payload])
        guard IndexSnapshotFile.checksum(header: UnsafeRawBufferPointer(rebasing: bytes[headerBytes]), payload: body) == checksum else {
            throw .invalidSnapshot("checksum mismatch (damaged file)")
        }
        try self.init(
            configuration: configuration, profileBuilder: SkillProfileBuilder(parameters: header.profileParameters, asOf: header.profileAsOf),
            entityVectors: entityVectors)
        var r = ByteReader(body)
        let strings = try r.readList { r throws(IndexError) in try r.readString() }
        termIDs.reserveCapacity(strings.count)
        for (id, term) in strings.enumerated() {
            guard terms.add(term), termIDs.updateValue(Int32(id), forKey: term) == nil else {
                throw .invalidSnapshot("term '\(term)' listed twice")
            }
        }
        let termCounts = try r.readArray(UInt32.self)
        titleLengths = try r.readArray(Int32.self)
        bodyLengths = try r.readArray(Int32.self)
        termList = try r.readArray(Int32.self)
        termTitleFrequency = try r.readArray(UInt16.self)
        termBodyFrequency = try r.readArray(UInt16.self)
        let n = header.entityCount
        guard termCounts.count == n, titleLengths.count == n, bodyLengths.count == n,
              termTitleFrequency.count == termList.count, termBodyFrequency.count == termList.count else {
            throw .invalidSnapshot("per-entity arrays disagree with the entity count \(n)")
        }
        termStart = [Int](repeating: 0, count: n + 1)
        for s in 0..<n { termStart[s + 1] = termStart[s] + Int(termCounts[s]) }
        guard termStart[n] == termList.count else { throw .invalidSnapshot("term counts do not add up to the term list") }
        let termCount = Int32(termStrings.count)
        guard termList.allSatisfy({ $0 >= 0 && $0 < termCount }) else { throw .invalidSnapshot("term id out of range") }
        entities.reserveCapacity(n)
        profiles.reserveCapacity(n)
        attributes.reserveCapacity(n)
        kinds.reserveCapacity(n)
        slotByKey.reserveCapacity(n)
        for s in 0..<n {
            let entity = try EntityBinaryCoding.readEntity(&r)
            let profile = try EntityBinaryCoding.readProfile(&r)
            if let last = profile.entries.last, last.skill >= configuration.skillCount || profile.entries[0].skill < 0 {
                throw .invalidSnapshot("skill \(last.skill) outside 0..<\(configuration.skillCount)")
            }
            let key = EntityKey(entity.kind, entity.id)
            guard slotByKey.updateValue(Int32(s), forKey: key) == nil else { throw .invalidSnapshot("\(key) stored twice") }
            let a = DocumentAttributes(entity)
            entities.append(entity)
            profiles.append(profile)
            attributes.append(a)
            columns.append(a)
            kinds.append(UInt8(IndexSnapshot.ordinal(entity.kind)))
        }
        let dimension = Int(try r.read(UInt32.self))
        guard dimension == (entityVectors?.skills.dimension ?? 0) else {
            throw .invalidSnapshot("holds entity vectors of dimension \(dimension), the engine uses \(entityVectors?.skills.dimension ?? 0)")
        }
        if dimension > 0 {
            let present = try r.readArray(UInt8.self)
            let rows = try r.readArray(Float.self)
            guard present.count == n, rows.count == present.reduce(0, { $0 + Int($1) }) * dimension, rows.allSatisfy(\.isFinite) else {
                throw .invalidSnapshot("entity vectors disagree with the entity count \(n)")
            }
            vectorRows.reserveCapacity(n)
            var offset = 0
            for s in 0..<n {
                guard present[s] != 0 else { vectorRows.append(-1); continue }
                vectorRows.append(vectors[Int(kinds[s])].append(Array(rows[offset..<offset + dimension]), document: Int32(s)))
                offset += dimension
            }
        }
        guard r.isAtEnd else { throw .invalidSnapshot("\(body.count - r.offset) bytes after the last entity") }
        generation = header.generation
    }
}
