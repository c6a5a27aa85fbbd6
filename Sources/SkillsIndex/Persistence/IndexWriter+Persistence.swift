import Dispatch
import Foundation
import SkillsCore
import SkillsVectors

extension IndexWriter {
    /// The writer's live state as an ``IndexSnapshotFile`` (bytes to write to a file).
    ///
    /// - Parameters:
    ///   - metadata: the caller's validation data, returned by ``IndexSnapshotFile/header(of:)``.
    ///   - entitiesPerChunk: entities per independently decodable chunk (tests vary it).
    /// - Complexity: O(live slots + their terms and skills).
    public func encodedSnapshotFile(metadata: [String: String], entitiesPerChunk chunk: Int = IndexSnapshotFile.entitiesPerChunk) -> [UInt8] {
        precondition(chunk > 0, "entitiesPerChunk must be positive")
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
        let payloadStart = w.bytes.count
        w.bytes.reserveCapacity(w.bytes.count + live.count * 300 + terms.count * 8)
        w.write(termStrings) { $0.write($1) }
        w.writeArray(termCounts)
        w.writeArray(titleLengths)
        w.writeArray(bodyLengths)
        w.writeArray(terms)
        w.writeArray(titleTF)
        w.writeArray(bodyTF)
        // Entities and profiles in chunks, after a table of where each chunk starts (and where the
        // last ends) in the payload, so a restore decodes the chunks on every core.
        let chunkCount = (live.count + chunk - 1) / chunk
        w.write(UInt32(clamping: chunk))
        w.writeArray([UInt64](repeating: 0, count: chunkCount + 1))
        let table = w.bytes.count - (chunkCount + 1) * 8
        func mark(_ c: Int) {
            let offset = UInt64(w.bytes.count - payloadStart)
            w.bytes.withUnsafeMutableBytes { $0.storeBytes(of: offset.littleEndian, toByteOffset: table + c * 8, as: UInt64.self) }
        }
        for (i, s) in live.enumerated() {
            if i % chunk == 0 { mark(i / chunk) }
            EntityBinaryCoding.write(entities[s]!, to: &w)
            EntityBinaryCoding.write(profiles[s], to: &w)
        }
        mark(chunkCount)
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

    /// Restores a writer from ``encodedSnapshotFile(metadata:entitiesPerChunk:)`` bytes: the same live entities,
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
        try decodeEntities(&r, body: body, count: n)
        kinds.reserveCapacity(n)
        slotByKey.reserveCapacity(n)
        for s in 0..<n {
            let entity = entities[s]!
            let key = EntityKey(entity.kind, entity.id)
            guard slotByKey.updateValue(Int32(s), forKey: key) == nil else { throw .invalidSnapshot("\(key) stored twice") }
            columns.append(attributes[s])
            kinds.append(UInt8(IndexSnapshot.ordinal(entity.kind)))
        }
        let dimension = Int(try r.read(UInt32.self))
        guard dimension == (entityVectors?.skills.dimension ?? 0) else {
            throw .invalidSnapshot("holds entity vectors of dimension \(dimension), the engine uses \(entityVectors?.skills.dimension ?? 0)")
        }
        if dimension > 0 {
            try restoreVectors(&r, dimension: dimension)
        }
        guard r.isAtEnd else { throw .invalidSnapshot("\(body.count - r.offset) bytes after the last entity") }
        generation = header.generation
    }

    /// Decodes the entity section (its chunk table, then the chunks) into `entities`, `profiles`
    /// and `attributes` with every core: at a million entities, decoding one after another was half
    /// of a restart. Each chunk writes its own slots of the preallocated arrays, so nothing is
    /// copied afterwards. Leaves `r` after the section.
    private mutating func decodeEntities(_ r: inout ByteReader, body: UnsafeRawBufferPointer, count n: Int) throws(IndexError) {
        let chunk = Int(try r.read(UInt32.self))
        let table = try r.readArray(UInt64.self).map { Int(clamping: $0) }
        guard chunk > 0 else { throw .invalidSnapshot("entity chunks of 0 entities") }
        let chunkCount = (n + chunk - 1) / chunk
        guard table.count == chunkCount + 1, table.first == r.offset, zip(table, table.dropFirst()).allSatisfy({ $0 <= $1 }),
              table.last! <= body.count else {
            throw .invalidSnapshot("entity chunk table does not fit the file")
        }
        let skillCount = configuration.skillCount
        entities = [Entity?](repeating: nil, count: n)
        profiles = [SkillProfile](repeating: SkillProfile(sortedEntries: []), count: n)
        attributes = [DocumentAttributes?](repeating: nil, count: n)
        var failures = [IndexError?](repeating: nil, count: chunkCount)
        entities.withUnsafeMutableBufferPointer { entities in
        profiles.withUnsafeMutableBufferPointer { profiles in
        attributes.withUnsafeMutableBufferPointer { attributes in
        failures.withUnsafeMutableBufferPointer { failures in
            // Each iteration writes its own slots and only reads the (immutable) file bytes.
            nonisolated(unsafe) let entities = entities, profiles = profiles, attributes = attributes, failures = failures
            nonisolated(unsafe) let bytes = body
            DispatchQueue.concurrentPerform(iterations: chunkCount) { c in
                do throws(IndexError) {
                    var reader = ByteReader(bytes)
                    reader.offset = table[c]
                    for s in (c * chunk)..<min(n, (c + 1) * chunk) {
                        let entity = try EntityBinaryCoding.readEntity(&reader)
                        let profile = try EntityBinaryCoding.readProfile(&reader)
                        if let last = profile.entries.last, last.skill >= skillCount || profile.entries[0].skill < 0 {
                            throw .invalidSnapshot("skill \(last.skill) outside 0..<\(skillCount)")
                        }
                        attributes[s] = DocumentAttributes(entity)
                        entities[s] = entity
                        profiles[s] = profile
                    }
                    guard reader.offset == table[c + 1] else { throw .invalidSnapshot("entity chunk \(c) does not end where the table says") }
                } catch {
                    failures[c] = error
                }
            }
        }}}}
        if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
        r.offset = table[chunkCount]
    }

    /// Reads the vector section (presence bytes, then the rows) straight into one matrix per kind,
    /// each allocated once at its final size: at a million entities, growing them row by row and
    /// copying through intermediate arrays was a fifth of the restart.
    private mutating func restoreVectors(_ r: inout ByteReader, dimension: Int) throws(IndexError) {
        let n = kinds.count
        let present = try r.readArray(UInt8.self)
        let (rows, valueCount) = try r.readArrayBytes(Float.self)
        var perKind = [Int](repeating: 0, count: vectors.count)
        for s in 0..<min(n, present.count) where present[s] != 0 { perKind[Int(kinds[s])] += 1 }
        guard present.count == n, valueCount == perKind.reduce(0, +) * dimension else {
            throw .invalidSnapshot("entity vectors disagree with the entity count \(n)")
        }
        // Each present slot's row, in slot order: its offset in `rows` is a running count.
        var rowOfSlot = [Int32](repeating: -1, count: n)
        var kindRow = [Int32](repeating: 0, count: vectors.count)
        var documents = perKind.map { [Int32](repeating: 0, count: $0) }
        var fileRow = [Int](repeating: 0, count: n)
        var next = 0
        for s in 0..<n where present[s] != 0 {
            let k = Int(kinds[s])
            rowOfSlot[s] = kindRow[k]
            documents[k][Int(kindRow[k])] = Int32(s)
            kindRow[k] += 1
            fileRow[s] = next
            next += 1
        }
        let rowBytes = dimension * MemoryLayout<Float>.stride
        for k in vectors.indices {
            let values = [Float](unsafeUninitializedCapacity: perKind[k] * dimension) { out, initialized in
                let target = UnsafeMutableRawBufferPointer(out)
                for (row, slot) in documents[k].enumerated() {
                    let from = fileRow[Int(slot)] * rowBytes
                    UnsafeMutableRawBufferPointer(rebasing: target[(row * rowBytes)..<((row + 1) * rowBytes)])
                        .copyMemory(from: UnsafeRawBufferPointer(rebasing: rows[from..<(from + rowBytes)]))
                }
                initialized = perKind[k] * dimension
            }
            vectors[k] = try KindVectors(dimension: dimension, values: values, documents: documents[k])
        }
        vectorRows = rowOfSlot
    }
}
