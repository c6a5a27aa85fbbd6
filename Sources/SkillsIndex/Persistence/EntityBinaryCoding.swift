import Foundation
import SkillsCore

/// Entities and skill profiles in the snapshot file's compact binary form: every field in
/// declaration order, strings as length + UTF-8, enums as their `allCases` position, dates as the
/// raw `Double`, optionals behind a presence byte. Bit-exact: a decoded entity equals the original.
///
/// Why not JSON or `Codable`: restart decodes a million entities, and a hand-written reader is
/// ~20× faster than Foundation's decoders (which the SQLite rebuild path still uses). A field
/// added to an entity type MUST be added here (and ``IndexSnapshotFile/formatVersion`` bumped);
/// the round-trip tests fill every field.
enum EntityBinaryCoding {
    static func write(_ entity: Entity, to w: inout ByteWriter) {
        switch entity {
        case .candidate(let c):
            w.write(UInt8(0))
            write(c, to: &w)
        case .job(let j):
            w.write(UInt8(1))
            write(j, to: &w)
        case .program(let p):
            w.write(UInt8(2))
            write(p, to: &w)
        case .occupation(let o):
            w.write(UInt8(3))
            write(o, to: &w)
        }
    }

    static func readEntity(_ r: inout ByteReader) throws(IndexError) -> Entity {
        switch try r.read(UInt8.self) {
        case 0: return .candidate(try readCandidate(&r))
        case 1: return .job(try readJob(&r))
        case 2: return .program(try readProgram(&r))
        case 3: return .occupation(try readOccupation(&r))
        case let tag: throw .invalidSnapshot("byte \(r.offset - 1): \(tag) is not an entity kind")
        }
    }

    // MARK: Shared values

    static func write(_ p: GeoPoint, to w: inout ByteWriter) {
        w.write(p.latitude)
        w.write(p.longitude)
    }

    static func readGeoPoint(_ r: inout ByteReader) throws(IndexError) -> GeoPoint {
        GeoPoint(latitude: try r.readDouble(), longitude: try r.readDouble())
    }

    static func write(_ p: PayRange, to w: inout ByteWriter) {
        w.write(p.minimum) { $0.write($1) }
        w.write(p.maximum) { $0.write($1) }
        w.write(p.currency)
    }

    static func readPay(_ r: inout ByteReader) throws(IndexError) -> PayRange {
        PayRange(minimum: try r.readOptional { r throws(IndexError) in try r.readDouble() },
                 maximum: try r.readOptional { r throws(IndexError) in try r.readDouble() }, currency: try r.readString())
    }

    static func writeInt(_ value: Int?, to w: inout ByteWriter) {
        w.write(value) { $0.write(Int64($1)) }
    }

    static func readInt(_ r: inout ByteReader) throws(IndexError) -> Int? {
        try r.readOptional { r throws(IndexError) in Int(try r.read(Int64.self)) }
    }

    static func write(_ requirement: SkillRequirement, to w: inout ByteWriter) {
        w.write(requirement.skill)
        w.write(requirement.importance)
        writeInt(requirement.minimumLevel, to: &w)
    }

    static func readRequirement(_ r: inout ByteReader) throws(IndexError) -> SkillRequirement {
        SkillRequirement(skill: try r.read(Int32.self), importance: try r.readFloat(), minimumLevel: try readInt(&r))
    }

    static func writeRequirements(_ list: [SkillRequirement], to w: inout ByteWriter) {
        w.write(list) { write($1, to: &$0) }
    }

    static func readRequirements(_ r: inout ByteReader) throws(IndexError) -> [SkillRequirement] {
        try r.readList { r throws(IndexError) in try readRequirement(&r) }
    }

    static func readText(_ r: inout ByteReader) throws(IndexError) -> String? {
        try r.readOptional { r throws(IndexError) in try r.readString() }
    }

    // MARK: Candidate

    static func write(_ c: Candidate, to w: inout ByteWriter) {
        w.write(c.id)
        w.write(c.name)
        w.write(c.headline)
        w.write(c.summary)
        w.write(c.skills) { w, claim in
            w.write(claim.skill)
            writeInt(claim.level, to: &w)
            w.writeCase(claim.provenance)
            w.write(claim.issuer) { $0.write($1) }
            w.write(claim.lastUsed) { $0.write($1) }
        }
        w.write(c.workHistory) { w, job in
            w.write(job.title)
            w.write(job.employer) { $0.write($1) }
            w.write(job.occupationCode) { $0.write($1) }
            w.write(job.start)
            w.write(job.end) { $0.write($1) }
        }
        w.write(c.education) { w, education in
            w.write(Int64(education.level.rawValue))
            w.write(education.field) { $0.write($1) }
            w.write(education.institution) { $0.write($1) }
        }
        w.write(c.credentials) { w, credential in
            w.write(credential.name)
            w.write(credential.issuer)
            w.write(credential.verified)
            w.write(credential.skills) { $0.write($1) }
        }
        w.write(c.location) { write($1, to: &$0) }
        w.write(c.willingToRelocate)
        w.write(c.openToRemote)
        w.write(c.desiredPay) { write($1, to: &$0) }
        w.write(c.consentToBeFound)
    }

    static func readCandidate(_ r: inout ByteReader) throws(IndexError) -> Candidate {
        let id = try r.readString(), name = try r.readString(), headline = try r.readString(), summary = try r.readString()
        let skills = try r.readList { r throws(IndexError) in
            SkillClaim(
                skill: try r.read(Int32.self), level: try readInt(&r), provenance: try r.readCase(SkillProvenance.self),
                issuer: try readText(&r), lastUsed: try r.readOptional { r throws(IndexError) in try r.readDate() })
        }
        let history = try r.readList { r throws(IndexError) in
            Candidate.WorkExperience(
                title: try r.readString(), employer: try readText(&r), occupationCode: try readText(&r), start: try r.readDate(),
                end: try r.readOptional { r throws(IndexError) in try r.readDate() })
        }
        let education = try r.readList { r throws(IndexError) in
            let raw = Int(try r.read(Int64.self))
            guard let level = EducationLevel(rawValue: raw) else { throw .invalidSnapshot("education level \(raw)") }
            return Candidate.Education(level: level, field: try readText(&r), institution: try readText(&r))
        }
        let credentials = try r.readList { r throws(IndexError) in
            Candidate.Credential(
                name: try r.readString(), issuer: try r.readString(), verified: try r.readBool(),
                skills: try r.readList { r throws(IndexError) in try r.read(Int32.self) })
        }
        return Candidate(
            id: id, name: name, headline: headline, summary: summary, skills: skills, workHistory: history, education: education,
            credentials: credentials, location: try r.readOptional { r throws(IndexError) in try readGeoPoint(&r) },
            willingToRelocate: try r.readBool(), openToRemote: try r.readBool(),
            desiredPay: try r.readOptional { r throws(IndexError) in try readPay(&r) }, consentToBeFound: try r.readBool())
    }

    // MARK: Job

    static func write(_ j: Job, to w: inout ByteWriter) {
        w.write(j.id)
        w.write(j.title)
        w.write(j.employer)
        w.write(j.description)
        writeRequirements(j.requiredSkills, to: &w)
        writeRequirements(j.preferredSkills, to: &w)
        w.write(j.occupationCode) { $0.write($1) }
        w.write(j.location) { write($1, to: &$0) }
        w.writeCase(j.workplace)
        w.write(j.pay) { write($1, to: &$0) }
        w.write(j.postedOn)
        w.write(j.expiresOn) { $0.write($1) }
        w.writeCase(j.employmentType)
        w.write(j.educationRequired) { $0.write(Int64($1.rawValue)) }
        writeInt(j.experienceYears, to: &w)
    }

    static func readJob(_ r: inout ByteReader) throws(IndexError) -> Job {
        let id = try r.readString(), title = try r.readString(), employer = try r.readString(), description = try r.readString()
        let required = try readRequirements(&r), preferred = try readRequirements(&r)
        let code = try readText(&r)
        let location = try r.readOptional { r throws(IndexError) in try readGeoPoint(&r) }
        let workplace = try r.readCase(WorkplaceType.self)
        let pay = try r.readOptional { r throws(IndexError) in try readPay(&r) }
        let posted = try r.readDate()
        let expires = try r.readOptional { r throws(IndexError) in try r.readDate() }
        let type = try r.readCase(EmploymentType.self)
        let education = try r.readOptional { r throws(IndexError) -> EducationLevel in
            let raw = Int(try r.read(Int64.self))
            guard let level = EducationLevel(rawValue: raw) else { throw .invalidSnapshot("education level \(raw)") }
            return level
        }
        return Job(
            id: id, title: title, employer: employer, description: description, requiredSkills: required, preferredSkills: preferred,
            occupationCode: code, location: location, workplace: workplace, pay: pay, postedOn: posted, expiresOn: expires,
            employmentType: type, educationRequired: education, experienceYears: try readInt(&r))
    }

    // MARK: Program

    static func write(_ p: Program, to w: inout ByteWriter) {
        w.write(p.id)
        w.write(p.provider)
        w.write(p.title)
        w.write(p.description)
        writeRequirements(p.skillsTaught, to: &w)
        w.write(p.cipCode) { $0.write($1) }
        w.write(p.occupationCodes) { $0.write($1) }
        w.write(p.cost) { $0.write($1) }
        writeInt(p.clockHours, to: &w)
        writeInt(p.weeks, to: &w)
        w.writeCase(p.modality)
        w.write(p.location) { write($1, to: &$0) }
        w.writeCase(p.credentialAwarded)
        w.write(p.startDates) { $0.write($1) }
        w.write(p.outcomes.completionRate) { $0.write($1) }
        w.write(p.outcomes.employmentRate) { $0.write($1) }
        w.write(p.outcomes.medianEarnings) { $0.write($1) }
    }

    static func readProgram(_ r: inout ByteReader) throws(IndexError) -> Program {
        let id = try r.readString(), provider = try r.readString(), title = try r.readString(), description = try r.readString()
        let taught = try readRequirements(&r)
        let cip = try readText(&r)
        let codes = try r.readList { r throws(IndexError) in try r.readString() }
        let cost = try r.readOptional { r throws(IndexError) in try r.readDouble() }
        let hours = try readInt(&r), weeks = try readInt(&r)
        let modality = try r.readCase(Modality.self)
        let location = try r.readOptional { r throws(IndexError) in try readGeoPoint(&r) }
        let credential = try r.readCase(CredentialType.self)
        let starts = try r.readList { r throws(IndexError) in try r.readDate() }
        let outcomes = Program.Outcomes(
            completionRate: try r.readOptional { r throws(IndexError) in try r.readDouble() },
            employmentRate: try r.readOptional { r throws(IndexError) in try r.readDouble() },
            medianEarnings: try r.readOptional { r throws(IndexError) in try r.readDouble() })
        return Program(
            id: id, provider: provider, title: title, description: description, skillsTaught: taught, cipCode: cip,
            occupationCodes: codes, cost: cost, clockHours: hours, weeks: weeks, modality: modality, location: location,
            credentialAwarded: credential, startDates: starts, outcomes: outcomes)
    }

    // MARK: Occupation

    static func write(_ o: SkillsCore.Occupation, to w: inout ByteWriter) {
        w.write(o.code)
        w.write(o.title)
        w.write(o.description)
        writeRequirements(o.skills, to: &w)
        w.write(o.demand.employment) { $0.write($1) }
        w.write(o.demand.growthRate) { $0.write($1) }
        w.write(o.demand.annualOpenings) { $0.write($1) }
        w.write(o.demand.medianWage) { $0.write($1) }
    }

    static func readOccupation(_ r: inout ByteReader) throws(IndexError) -> SkillsCore.Occupation {
        let code = try r.readString(), title = try r.readString(), description = try r.readString()
        let skills = try readRequirements(&r)
        let demand = SkillsCore.Occupation.Demand(
            employment: try r.readOptional { r throws(IndexError) in try r.readDouble() },
            growthRate: try r.readOptional { r throws(IndexError) in try r.readDouble() },
            annualOpenings: try r.readOptional { r throws(IndexError) in try r.readDouble() },
            medianWage: try r.readOptional { r throws(IndexError) in try r.readDouble() })
        return SkillsCore.Occupation(code: code, title: title, description: description, skills: skills, demand: demand)
    }

    // MARK: Skill profiles

    static func write(_ profile: SkillProfile, to w: inout ByteWriter) {
        w.write(profile.entries) { w, e in
            w.write(e.skill)
            w.write(e.weight)
            w.writeCase(e.role)
            w.write(UInt8(e.provenance.map { SkillProvenance.allCases.firstIndex(of: $0)! + 1 } ?? 0))
            w.write(e.issuer) { $0.write($1) }
            writeInt(e.level, to: &w)
            w.write(e.recency)
            w.write(e.importance)
        }
    }

    static func readProfile(_ r: inout ByteReader) throws(IndexError) -> SkillProfile {
        let entries = try r.readList { r throws(IndexError) in
            let skill = try r.read(Int32.self), weight = try r.readFloat(), role = try r.readCase(SkillProfile.Role.self)
            let provenanceCode = Int(try r.read(UInt8.self))
            guard provenanceCode <= SkillProvenance.allCases.count else { throw .invalidSnapshot("provenance \(provenanceCode)") }
            return SkillProfile.Entry(
                skill: skill, weight: weight, role: role,
                provenance: provenanceCode == 0 ? nil : SkillProvenance.allCases[provenanceCode - 1], issuer: try readText(&r),
                level: try readInt(&r), recency: try r.readFloat(), importance: try r.readFloat())
        }
        for (a, b) in zip(entries, entries.dropFirst()) where a.skill >= b.skill {
            throw .invalidSnapshot("profile skills not ascending (\(a.skill), \(b.skill))")
        }
        return SkillProfile(sortedEntries: entries)
    }
}
