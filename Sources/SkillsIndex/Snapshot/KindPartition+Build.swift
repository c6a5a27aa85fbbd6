import SkillsCore

extension KindPartition {
    /// Lays out the postings of every live slot of kind `ordinal` by counting sort: one pass for
    /// document frequencies and field lengths, one that writes each posting straight into its place
    /// in one flat array per posting type, then one copy per list. Slots are visited in ascending
    /// order, so every list is ascending.
    ///
    /// Why not append to one array per list: that is an allocation and a capacity check per posting
    /// and millions of reallocations (the previous build ran at a few thousand entities a second).
    ///
    /// - Complexity: O(slots + postings of the kind).
    static func build(ordinal: Int, writer w: IndexWriter) -> KindPartition {
        let config = w.configuration
        let kind = UInt8(ordinal)
        let skillCount = config.skillCount
        let termCount = w.termStrings.count
        var skillDF = [Int](repeating: 0, count: skillCount)
        var termDF = [Int](repeating: 0, count: termCount)
        var live = 0
        var titleTotal = 0.0, bodyTotal = 0.0
        skillDF.withUnsafeMutableBufferPointer { skillDF in
            termDF.withUnsafeMutableBufferPointer { termDF in
                w.profiles.withUnsafeBufferPointer { profiles in
                    w.kinds.withUnsafeBufferPointer { kinds in
                        w.termStart.withUnsafeBufferPointer { starts in
                            w.termList.withUnsafeBufferPointer { terms in
                                for s in 0..<kinds.count where kinds[s] == kind {
                                    live += 1
                                    titleTotal += Double(w.titleLengths[s])
                                    bodyTotal += Double(w.bodyLengths[s])
                                    profiles[s].entries.withUnsafeBufferPointer { entries in
                                        for entry in entries { skillDF[Int(entry.skill)] += 1 }
                                    }
                                    for i in starts[s]..<starts[s + 1] { termDF[Int(terms[i])] += 1 }
                                }
                            }
                        }
                    }
                }
            }
        }
        var part = KindPartition(liveCount: live, skillPostings: [], skillIDF: [], textPostings: [], textIDF: [])
        if live > 0 {
            part.averageTitleLength = Float(titleTotal / Double(live))
            part.averageBodyLength = Float(bodyTotal / Double(live))
        }
        part.skillIDF = skillDF.map { $0 > 0 ? idf(documents: live, frequency: $0) : 0 }
        part.textIDF = termDF.map { $0 > 0 ? idf(documents: live, frequency: $0) : 0 }

        // Where each list starts in the flat arrays; advanced as postings are written.
        var skillNext = offsets(skillDF)
        var termNext = offsets(termDF)
        let skillTotal = skillNext.last!, termTotal = termNext.last!
        var skillDocs = [Int32](repeating: 0, count: skillTotal)
        var skillWeights = [Float](repeating: 0, count: skillTotal)
        var termDocs = [Int32](repeating: 0, count: termTotal)
        var termWeights = [Float](repeating: 0, count: termTotal)
        let averageTitle = part.averageTitleLength, averageBody = part.averageBodyLength
        // Unsafe buffers throughout: this loop runs once per posting, and array accessors would add
        // a bounds check, a uniqueness check or a retain each time.
        skillDocs.withUnsafeMutableBufferPointer { skillDocs in
        skillWeights.withUnsafeMutableBufferPointer { skillWeights in
        termDocs.withUnsafeMutableBufferPointer { termDocs in
        termWeights.withUnsafeMutableBufferPointer { termWeights in
        skillNext.withUnsafeMutableBufferPointer { skillNext in
        termNext.withUnsafeMutableBufferPointer { termNext in
        w.profiles.withUnsafeBufferPointer { profiles in
        w.kinds.withUnsafeBufferPointer { kinds in
        w.termStart.withUnsafeBufferPointer { starts in
        w.termList.withUnsafeBufferPointer { terms in
        w.termTitleFrequency.withUnsafeBufferPointer { titleTF in
        w.termBodyFrequency.withUnsafeBufferPointer { bodyTF in
            for s in 0..<kinds.count where kinds[s] == kind {
                let doc = Int32(s)
                profiles[s].entries.withUnsafeBufferPointer { entries in
                    for entry in entries {
                        let p = skillNext[Int(entry.skill)]
                        skillDocs[p] = doc
                        skillWeights[p] = entry.weight
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
                    termDocs[p] = doc
                    termWeights[p] = impact
                    termNext[t] = p + 1
                }
            }
        }}}}}}}}}}}}
        // After the pass, `next[i]` is where list i ends; it starts where list i − 1 ends.
        part.skillPostings = lists(ends: skillNext, counts: skillDF, docs: skillDocs, weights: skillWeights)
        part.textPostings = lists(ends: termNext, counts: termDF, docs: termDocs, weights: termWeights)
        return part
    }

    /// Exclusive prefix sums with the total appended.
    private static func offsets(_ counts: [Int]) -> [Int] {
        var out = [Int](repeating: 0, count: counts.count + 1)
        for i in counts.indices { out[i + 1] = out[i] + counts[i] }
        return out
    }

    private static func lists(ends: [Int], counts: [Int], docs: [Int32], weights: [Float]) -> [PostingList] {
        (0..<counts.count).map { i in
            guard counts[i] > 0 else { return PostingList() }
            let range = (ends[i] - counts[i])..<ends[i]
            return PostingList(docs: Array(docs[range]), weights: Array(weights[range]))
        }
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
