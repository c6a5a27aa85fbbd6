import Dispatch
import Foundation
import SkillsCore

extension KindPartition {
    /// Lays out the postings of every live slot of kind `ordinal` by counting sort: one pass for
    /// document frequencies and field lengths, one that writes each posting straight into its place
    /// in one flat array per posting type, then one copy per list. Slots are visited in ascending
    /// order, so every list is ascending.
    ///
    /// Large writers are split into contiguous slot ranges counted and written on every core: the
    /// postings of range `p` of a list go right after those of range `p − 1`, so the lists are the
    /// same, posting for posting, as a single pass makes.
    ///
    /// Why not append to one array per list: that is an allocation and a capacity check per posting
    /// and millions of reallocations (the previous build ran at a few thousand entities a second).
    ///
    /// - Parameter parts: slot ranges to split into (`nil`: one per core for large writers).
    /// - Complexity: O(slots + postings of the kind), spread over the cores.
    static func build(ordinal: Int, writer w: IndexWriter, parts: Int? = nil) -> KindPartition {
        let kind = UInt8(ordinal)
        let ranges = slotRanges(w.kinds.count, parts: parts)
        let counts = concurrentMap(ranges.count) { p in Counts(kind: kind, slots: ranges[p], writer: w) }
        var skillDF = counts[0].skillDF, termDF = counts[0].termDF
        for c in counts.dropFirst() {
            for i in skillDF.indices { skillDF[i] += c.skillDF[i] }
            for i in termDF.indices { termDF[i] += c.termDF[i] }
        }
        let live = counts.reduce(0) { $0 + $1.live }
        var part = KindPartition(liveCount: live, skillPostings: [], skillIDF: [], textPostings: [], textIDF: [])
        if live > 0 {
            part.averageTitleLength = Float(counts.reduce(0) { $0 + $1.titleTotal } / Double(live))
            part.averageBodyLength = Float(counts.reduce(0) { $0 + $1.bodyTotal } / Double(live))
        }
        part.skillIDF = skillDF.map { $0 > 0 ? idf(documents: live, frequency: $0) : 0 }
        part.textIDF = termDF.map { $0 > 0 ? idf(documents: live, frequency: $0) : 0 }

        let skillStart = offsets(skillDF), termStart = offsets(termDF)
        let skills = FlatPostings(count: skillStart.last!), terms = FlatPostings(count: termStart.last!)
        defer { skills.deallocate(); terms.deallocate() }
        let averageTitle = part.averageTitleLength, averageBody = part.averageBodyLength
        DispatchQueue.concurrentPerform(iterations: ranges.count) { p in
            // Where range p's postings of each list start: after the earlier ranges' postings.
            var skillNext = skillStart, termNext = termStart
            for earlier in counts[..<p] {
                for i in earlier.skillDF.indices { skillNext[i] += earlier.skillDF[i] }
                for i in earlier.termDF.indices { termNext[i] += earlier.termDF[i] }
            }
            fill(kind: kind, slots: ranges[p], writer: w, averageTitle: averageTitle, averageBody: averageBody,
                 skills: skills, skillNext: &skillNext, terms: terms, termNext: &termNext)
        }
        part.skillPostings = skills.lists(starts: skillStart)
        part.textPostings = terms.lists(starts: termStart)
        return part
    }

    /// Per slot range: document frequencies, live documents and field length totals.
    private struct Counts: Sendable {
        var skillDF: [Int]
        var termDF: [Int]
        var live = 0
        var titleTotal = 0.0, bodyTotal = 0.0

        init(kind: UInt8, slots: Range<Int>, writer w: IndexWriter) {
            var skillDF = [Int](repeating: 0, count: w.configuration.skillCount)
            var termDF = [Int](repeating: 0, count: w.termStrings.count)
            var live = 0
            var titleTotal = 0.0, bodyTotal = 0.0
            skillDF.withUnsafeMutableBufferPointer { skillDF in
            termDF.withUnsafeMutableBufferPointer { termDF in
            w.profiles.withUnsafeBufferPointer { profiles in
            w.kinds.withUnsafeBufferPointer { kinds in
            w.termStart.withUnsafeBufferPointer { starts in
            w.termList.withUnsafeBufferPointer { terms in
                for s in slots where kinds[s] == kind {
                    live += 1
                    titleTotal += Double(w.titleLengths[s])
                    bodyTotal += Double(w.bodyLengths[s])
                    profiles[s].entries.withUnsafeBufferPointer { entries in
                        for entry in entries { skillDF[Int(entry.skill)] += 1 }
                    }
                    for i in starts[s]..<starts[s + 1] { termDF[Int(terms[i])] += 1 }
                }
            }}}}}}
            (self.skillDF, self.termDF, self.live, self.titleTotal, self.bodyTotal) = (skillDF, termDF, live, titleTotal, bodyTotal)
        }
    }

    /// Writes the postings of the live slots in `slots` at `skillNext` / `termNext` (advanced).
    private static func fill(
        kind: UInt8, slots: Range<Int>, writer w: IndexWriter, averageTitle: Float, averageBody: Float,
        skills: FlatPostings, skillNext: inout [Int], terms flat: FlatPostings, termNext: inout [Int]
    ) {
        let config = w.configuration
        // Unsafe buffers throughout: this loop runs once per posting, and array accessors would add
        // a bounds check, a uniqueness check or a retain each time.
        skillNext.withUnsafeMutableBufferPointer { skillNext in
        termNext.withUnsafeMutableBufferPointer { termNext in
        w.profiles.withUnsafeBufferPointer { profiles in
        w.kinds.withUnsafeBufferPointer { kinds in
        w.termStart.withUnsafeBufferPointer { starts in
        w.termList.withUnsafeBufferPointer { terms in
        w.termTitleFrequency.withUnsafeBufferPointer { titleTF in
        w.termBodyFrequency.withUnsafeBufferPointer { bodyTF in
            for s in slots where kinds[s] == kind {
                let doc = Int32(s)
                profiles[s].entries.withUnsafeBufferPointer { entries in
                    for entry in entries {
                        let p = skillNext[Int(entry.skill)]
                        skills.docs[p] = doc
                        skills.weights[p] = entry.weight
                        skillNext[Int(entry.skill)] = p + 1
                    }
                }
                let titleNorm = IndexSnapshot.lengthNorm(config, Float(w.titleLengths[s]), averageTitle)
                let bodyNorm = IndexSnapshot.lengthNorm(config, Float(w.bodyLengths[s]), averageBody)
                for i in starts[s]..<starts[s + 1] {
                    let t = Int(terms[i])
                    let impact = config.titleBoost * IndexSnapshot.saturate(config, Float(titleTF[i]), titleNorm)
                        + config.bodyBoost * IndexSnapshot.saturate(config, Float(bodyTF[i]), bodyNorm)
                    let p = termNext[t]
                    flat.docs[p] = doc
                    flat.weights[p] = impact
                    termNext[t] = p + 1
                }
            }
        }}}}}}}}
    }

    /// Contiguous slot ranges, one per core for large writers (below that, threads cost more
    /// than they save).
    private static func slotRanges(_ slots: Int, parts: Int?) -> [Range<Int>] {
        let parts = max(1, parts ?? (slots < 100_000 ? 1 : min(4, ProcessInfo.processInfo.activeProcessorCount)))
        let size = (slots + parts - 1) / max(1, parts)
        return (0..<parts).map { min(slots, $0 * size)..<min(slots, ($0 + 1) * size) }
    }

    /// Exclusive prefix sums with the total appended.
    private static func offsets(_ counts: [Int]) -> [Int] {
        var out = [Int](repeating: 0, count: counts.count + 1)
        for i in counts.indices { out[i + 1] = out[i] + counts[i] }
        return out
    }

    /// This partition with empty lists for terms interned after it was built (term ids are global
    /// across kinds, so a reused partition must cover every id).
    func covering(termCount: Int) -> KindPartition {
        guard textPostings.count < termCount else { return self }
        var copy = self
        let missing = termCount - textPostings.count
        copy.textPostings.append(contentsOf: repeatElement(PostingList(), count: missing))
        copy.textIDF.append(contentsOf: repeatElement(0, count: missing))
        return copy
    }
}

/// The postings of all lists of one type during a build, list after list, written at disjoint
/// positions by the build's threads (hence unchecked `Sendable`); freed when the lists are cut.
private struct FlatPostings: @unchecked Sendable {
    let docs: UnsafeMutableBufferPointer<Int32>
    let weights: UnsafeMutableBufferPointer<Float>

    init(count: Int) {
        // Not zero-filled: the counting sort writes every position (trivial values) exactly once
        // before the lists are cut, and the fill was a pass over hundreds of megabytes at 1M.
        docs = .allocate(capacity: count)
        weights = .allocate(capacity: count)
    }

    /// List `i` is `starts[i]..<starts[i + 1]`, copied out on every core.
    func lists(starts: [Int]) -> [PostingList] {
        concurrentMap(starts.count - 1, minimumPerRun: 5_000) { i in
            guard starts[i + 1] > starts[i] else { return PostingList() }
            let range = starts[i]..<starts[i + 1]
            return PostingList(docs: Array(docs[range]), weights: Array(weights[range]))
        }
    }

    func deallocate() {
        docs.deallocate()
        weights.deallocate()
    }
}
