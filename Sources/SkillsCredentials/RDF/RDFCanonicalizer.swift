/// RDF Dataset Canonicalization (RDFC-1.0, W3C Recommendation 2024).
///
/// Gives every blank node a canonical label (`c14n0`, `c14n1`, …) that depends only on the
/// graph's shape, so two serialisations of one dataset canonicalise to the same N-Quads.
/// Hash N-Degree Quads explores permutations of blank nodes that tie on their hashes; that is
/// exponential on adversarial ("poison") graphs, so a work budget bounds it and exceeding the
/// budget is an error rather than a hang.
public struct RDFCanonicalizer: Sendable {
    public enum HashAlgorithm: Sendable { case sha256, sha384 }

    /// Maximum number of Hash N-Degree Quads calls plus permutations tried, per dataset.
    public var maxWork: Int
    public var hashAlgorithm: HashAlgorithm

    public init(maxWork: Int = 20_000, hashAlgorithm: HashAlgorithm = .sha256) {
        self.maxWork = maxWork
        self.hashAlgorithm = hashAlgorithm
    }

    /// The canonical N-Quads document (sorted lines).
    public func canonicalize(_ quads: [RDFQuad]) throws(CredentialError) -> String {
        let labels = try canonicalLabels(quads)
        let relabel: (String) -> String = { labels[$0] ?? $0 }
        var lines: [[UInt8]] = []
        lines.reserveCapacity(quads.count)
        for q in quads {
            var line: [UInt8] = []
            NQuads.append(q, to: &line, label: relabel)
            lines.append(line)
        }
        lines.sort { $0.lexicographicallyPrecedes($1) }
        var out: [UInt8] = []
        var previous: [UInt8]? = nil
        for line in lines where line != previous {  // a dataset is a set: drop duplicates
            out.append(contentsOf: line)
            previous = line
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The issued identifiers map: input blank node label → canonical label (without `_:`).
    public func canonicalLabels(_ quads: [RDFQuad]) throws(CredentialError) -> [String: String] {
        var state = State(quads: quads, algorithm: hashAlgorithm, maxWork: maxWork)
        return try state.run()
    }

    private struct IdentifierIssuer {
        let prefix: String
        var counter = 0
        var issued: [String: String] = [:]
        var order: [String] = []

        init(prefix: String) { self.prefix = prefix }

        mutating func issue(_ id: String) -> String {
            if let existing = issued[id] { return existing }
            let new = prefix + String(counter)
            counter += 1
            issued[id] = new
            order.append(id)
            return new
        }
    }

    private struct State {
        let quads: [RDFQuad]
        let algorithm: HashAlgorithm
        let maxWork: Int
        var work = 0
        var blankQuads: [String: [Int]] = [:]
        var firstDegree: [String: String] = [:]
        var canonical = IdentifierIssuer(prefix: "_:c14n")

        init(quads: [RDFQuad], algorithm: HashAlgorithm, maxWork: Int) {
            self.quads = quads
            self.algorithm = algorithm
            self.maxWork = maxWork
        }

        func hash(_ bytes: [UInt8]) -> String {
            SHA256.hex(algorithm == .sha256 ? SHA256.hash(bytes) : SHA384.hash(bytes))
        }

        mutating func run() throws(CredentialError) -> [String: String] {
            for (i, q) in quads.enumerated() {
                for term in [q.subject, q.object, q.graph] {
                    if let b = term?.blankLabel, blankQuads[b]?.last != i { blankQuads[b, default: []].append(i) }
                }
            }
            var hashToBlanks: [String: [String]] = [:]
            for b in blankQuads.keys.sorted() {
                hashToBlanks[hashFirstDegree(b), default: []].append(b)
            }
            var nonUnique: [[String]] = []
            for h in hashToBlanks.keys.sorted() {
                let blanks = hashToBlanks[h]!
                if blanks.count == 1 { _ = canonical.issue(blanks[0]) } else { nonUnique.append(blanks) }
            }
            for blanks in nonUnique {
                var results: [(hash: String, issuer: IdentifierIssuer)] = []
                for b in blanks where canonical.issued[b] == nil {
                    var temporary = IdentifierIssuer(prefix: "_:b")
                    _ = temporary.issue(b)
                    results.append(try hashNDegree(b, issuer: temporary))
                }
                results.sort { $0.hash < $1.hash }
                for result in results {
                    for existing in result.issuer.order { _ = canonical.issue(existing) }
                }
            }
            return canonical.issued.mapValues { String($0.dropFirst(2)) }
        }

        mutating func hashFirstDegree(_ reference: String) -> String {
            if let cached = firstDegree[reference] { return cached }
            var lines: [[UInt8]] = []
            for i in blankQuads[reference] ?? [] {
                var line: [UInt8] = []
                NQuads.append(quads[i], to: &line) { $0 == reference ? "a" : "z" }
                lines.append(line)
            }
            lines.sort { $0.lexicographicallyPrecedes($1) }
            let h = hash(Array(lines.joined()))
            firstDegree[reference] = h
            return h
        }

        mutating func hashRelated(_ related: String, quad: RDFQuad, issuer: IdentifierIssuer, position: String) -> String {
            let identifier = canonical.issued[related] ?? issuer.issued[related] ?? hashFirstDegree(related)
            var input = position
            if position != "g", case .iri(let p) = quad.predicate { input += "<" + p + ">" }
            input += identifier
            return hash(Array(input.utf8))
        }

        mutating func spend() throws(CredentialError) {
            work += 1
            if work > maxWork {
                throw CredentialError(.limit, "RDFC-1.0: blank node hashing exceeded the work limit of \(maxWork)")
            }
        }

        mutating func hashNDegree(_ identifier: String, issuer: IdentifierIssuer) throws(CredentialError) -> (hash: String, issuer: IdentifierIssuer) {
            try spend()
            var issuer = issuer
            var hashToRelated: [String: [String]] = [:]
            for i in blankQuads[identifier] ?? [] {
                let q = quads[i]
                for (term, position) in [(q.subject, "s"), (q.object, "o"), (q.graph, "g")] {
                    guard let related = term?.blankLabel, related != identifier else { continue }
                    let h = hashRelated(related, quad: q, issuer: issuer, position: position)
                    hashToRelated[h, default: []].append(related)
                }
            }
            var data = ""
            for relatedHash in hashToRelated.keys.sorted() {
                data += relatedHash
                var chosenPath = ""
                var chosenIssuer: IdentifierIssuer? = nil
                var permutation = hashToRelated[relatedHash]!.sorted()
                var more = true
                while more {
                    try spend()
                    var issuerCopy = issuer
                    var path = ""
                    var recursion: [String] = []
                    var skip = false
                    for related in permutation {
                        if let c = canonical.issued[related] {
                            path += c
                        } else {
                            if issuerCopy.issued[related] == nil { recursion.append(related) }
                            path += issuerCopy.issue(related)
                        }
                        if !chosenPath.isEmpty && path.utf8.count >= chosenPath.utf8.count && path > chosenPath { skip = true; break }
                    }
                    if !skip {
                        for related in recursion {
                            let result = try hashNDegree(related, issuer: issuerCopy)
                            path += issuerCopy.issue(related)
                            path += "<" + result.hash + ">"
                            issuerCopy = result.issuer
                            if !chosenPath.isEmpty && path.utf8.count >= chosenPath.utf8.count && path > chosenPath { skip = true; break }
                        }
                    }
                    if !skip && (chosenPath.isEmpty || path < chosenPath) {
                        chosenPath = path
                        chosenIssuer = issuerCopy
                    }
                    more = Self.nextPermutation(&permutation)
                }
                data += chosenPath
                if let chosenIssuer { issuer = chosenIssuer }
            }
            return (hash(Array(data.utf8)), issuer)
        }

        /// Advances to the next lexicographic permutation; `false` after the last one.
        static func nextPermutation(_ a: inout [String]) -> Bool {
            guard a.count > 1 else { return false }
            var i = a.count - 2
            while i >= 0 && a[i] >= a[i + 1] { i -= 1 }
            if i < 0 { return false }
            var j = a.count - 1
            while a[j] <= a[i] { j -= 1 }
            a.swapAt(i, j)
            a[(i + 1)...].reverse()
            return true
        }
    }
}
