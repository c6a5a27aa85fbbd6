import Foundation
import SkillsCore

/// The filterable fields of one document, extracted once at indexing so the scan reads plain values.
public struct DocumentAttributes: Sendable, Hashable {
    public var kind: EntityKind
    public var location: GeoPoint?
    /// Job workplace; `.remote` for candidates open to remote work and online programs.
    public var workplace: WorkplaceType?
    public var pay: PayRange?
    public var postedDay: Int32?
    public var expiryDay: Int32?
    public var employmentType: EmploymentType?
    /// SOC codes: the job's or occupation's own, a program's target occupations, a candidate's history.
    public var occupationCodes: [String]
    public var cost: Double?
    public var clockHours: Int?
    public var weeks: Int?
    public var modality: Modality?
    public var credential: CredentialType?
    public var startDays: [Int32]
    /// Candidates only: opted in to be found by employers.
    public var consenting: Bool

    /// Whole days since 1970-01-01 UTC.
    static func day(_ date: Date) -> Int32 {
        Int32(clamping: Int((date.timeIntervalSince1970 / 86_400).rounded(.down)))
    }

    public init(_ entity: Entity) {
        kind = entity.kind
        location = entity.location
        workplace = nil
        pay = nil
        postedDay = nil
        expiryDay = nil
        employmentType = nil
        occupationCodes = []
        cost = nil
        clockHours = nil
        weeks = nil
        modality = nil
        credential = nil
        startDays = []
        consenting = false
        switch entity {
        case .candidate(let c):
            workplace = c.openToRemote ? .remote : .onSite
            pay = c.desiredPay
            occupationCodes = c.workHistory.compactMap(\.occupationCode)
            consenting = c.consentToBeFound
        case .job(let j):
            workplace = j.workplace
            pay = j.pay
            postedDay = Self.day(j.postedOn)
            expiryDay = j.expiresOn.map(Self.day)
            employmentType = j.employmentType
            occupationCodes = j.occupationCode.map { [$0] } ?? []
        case .program(let p):
            workplace = p.modality == .online ? .remote : (p.modality == .hybrid ? .hybrid : .onSite)
            occupationCodes = p.occupationCodes
            cost = p.cost
            clockHours = p.clockHours
            weeks = p.weeks
            modality = p.modality
            credential = p.credentialAwarded
            startDays = p.startDates.map(Self.day).sorted()
        case .occupation(let o):
            occupationCodes = [o.code]
        }
    }
}
