import SkillsCore

/// Fills a draft's skill lists from its explicit references and its text.
///
/// Rules, in order (documented in `Documentation/INGESTION.md`):
/// 1. An explicit reference the resolver recognises keeps the document's role (required or
///    preferred) and importance; a candidate's listed skills are `stated`.
/// 2. An explicit reference it does not recognise is run through the extractor as text, and its best
///    hit takes the reference's place.
/// 3. Skills extracted from the entity's text are added when not already present, with importance
///    equal to the extractor's confidence: for a job they are preferred, unless the job names no
///    skill at all, in which case hits with confidence ≥ ``Options/requiredConfidence`` are
///    required. Candidates get them as `extracted` claims.
/// 4. Credential skills come last: `verified` when the credential verified, `credentialBacked`
///    otherwise (never for an `invalid` credential); the strongest provenance of a skill wins.
public struct DraftResolver: Sendable {
    public struct Options: Sendable, Hashable {
        /// Extracted hits below this confidence are ignored.
        public var minimumConfidence: Double = 0.5
        /// For a job that names no skills, extracted hits at or above this are required.
        public var requiredConfidence: Double = 0.8
        /// At most this many extracted skills per entity (the most confident).
        public var maximumExtracted: Int = 40

        public init() {}
    }

    public let resolver: any SkillResolver
    public var options: Options

    public init(resolver: any SkillResolver, options: Options = Options()) {
        self.resolver = resolver
        self.options = options
    }

    /// The draft's entity with its skills filled in and validated.
    public func entity(for draft: EntityDraft) throws(IngestError) -> Entity {
        var entity = draft.entity
        switch entity {
        case .job(var job):
            let (explicit, extracted) = resolveRequirements(draft)
            job.requiredSkills = explicit.filter(\.required).map(\.requirement)
            job.preferredSkills = explicit.filter { !$0.required }.map(\.requirement)
            let promote = explicit.isEmpty
            for hit in extracted {
                let requirement = SkillRequirement(skill: hit.skill, importance: Float(hit.confidence))
                if promote && hit.confidence >= options.requiredConfidence {
                    job.requiredSkills.append(requirement)
                } else {
                    job.preferredSkills.append(requirement)
                }
            }
            entity = .job(job)
        case .program(var program):
            let (explicit, extracted) = resolveRequirements(draft)
            program.skillsTaught = explicit.map(\.requirement)
                + extracted.map { SkillRequirement(skill: $0.skill, importance: Float($0.confidence)) }
            entity = .program(program)
        case .candidate(var candidate):
            candidate.skills = claims(for: draft)
            candidate.credentials += draft.credentials.compactMap { evidence in
                guard evidence.status != .invalid else { return nil }
                let skills = evidence.skills.compactMap(resolver.resolve)
                return Candidate.Credential(name: evidence.name, issuer: evidence.issuer, verified: evidence.status == .verified, skills: skills)
            }
            entity = .candidate(candidate)
        case .occupation:
            break
        }
        do { try entity.validate() } catch { throw IngestError(.invalidField, "\(error)") }
        return entity
    }

    private struct Resolved {
        var requirement: SkillRequirement
        var required: Bool
    }

    /// Explicit references first (deduplicated, first mention wins), then extracted hits not already present.
    private func resolveRequirements(_ draft: EntityDraft) -> ([Resolved], [(skill: Int32, confidence: Double)]) {
        var seen = Set<Int32>()
        var explicit: [Resolved] = []
        for reference in draft.skills {
            guard let skill = resolve(reference), seen.insert(skill).inserted else { continue }
            let importance = min(1, max(0.05, reference.importance))
            explicit.append(Resolved(requirement: SkillRequirement(skill: skill, importance: importance), required: reference.required))
        }
        return (explicit, extracted(from: draft.texts, excluding: &seen))
    }

    private func claims(for draft: EntityDraft) -> [SkillClaim] {
        var claims: [Int32: SkillClaim] = [:]
        var order: [Int32] = []
        func add(_ claim: SkillClaim) {
            if let existing = claims[claim.skill] {
                if claim.provenance > existing.provenance {
                    claims[claim.skill] = SkillClaim(
                        skill: claim.skill, level: claim.level ?? existing.level, provenance: claim.provenance,
                        issuer: claim.issuer, lastUsed: existing.lastUsed)
                }
            } else {
                claims[claim.skill] = claim
                order.append(claim.skill)
            }
        }
        for reference in draft.skills {
            if let skill = resolve(reference) { add(SkillClaim(skill: skill, level: reference.level, provenance: .stated)) }
        }
        var seen = Set(order)
        for hit in extracted(from: draft.texts, excluding: &seen) {
            add(SkillClaim(skill: hit.skill, provenance: .extracted))
        }
        for evidence in draft.credentials where evidence.status != .invalid {
            let provenance: SkillProvenance = evidence.status == .verified ? .verified : .credentialBacked
            var skills = evidence.skills.compactMap(resolve)
            var credentialSeen = Set(skills)
            skills += extracted(from: evidence.texts, excluding: &credentialSeen).map(\.skill)
            for skill in skills { add(SkillClaim(skill: skill, provenance: provenance, issuer: evidence.issuer)) }
        }
        return order.compactMap { claims[$0] }
    }

    private func resolve(_ reference: SkillReference) -> Int32? {
        if let skill = resolver.resolve(reference) { return skill }
        guard let label = reference.label else { return nil }
        return resolver.extract(label).max { $0.confidence < $1.confidence }?.skill
    }

    private func extracted(from texts: [String], excluding seen: inout Set<Int32>) -> [(skill: Int32, confidence: Double)] {
        var best: [Int32: Double] = [:]
        for text in texts where !text.isEmpty {
            for hit in resolver.extract(text) where hit.confidence >= options.minimumConfidence && !seen.contains(hit.skill) {
                best[hit.skill] = max(best[hit.skill] ?? 0, hit.confidence)
            }
        }
        let ranked = best.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(options.maximumExtracted)
        for (skill, _) in ranked { seen.insert(skill) }
        return ranked.map { ($0.key, $0.value) }
    }
}
