import Foundation
import SkillsCore

/// The scalar fields of one entity that the features read, copied out once per entity.
///
/// Rescoring touches hundreds of targets per request; reading features straight from `Entity`
/// copied the whole payload (strings and arrays, hence reference counting) once per feature, which
/// cost as much as the postings scan at 100k jobs. These facts hold no references.
struct RankingFacts {
    let kind: EntityKind
    let location: GeoPoint?
    /// Remote job, online program, candidate open to remote work; occupations count as remote.
    let remote: Bool
    /// Candidates only.
    let willingToRelocate: Bool
    /// The job's pay (jobs only).
    let offeredPay: PayRange?
    /// The candidate's desired pay (candidates only).
    let desiredPay: PayRange?
    /// Jobs only.
    let postedOn: Date?
    /// Programs only: the first start date on or after `asOf`.
    let nextStart: Date?
    let programCost: Double?
    let programWeeks: Int?
    /// Occupations only.
    let labourDemand: Double?

    init(_ entity: Entity, asOf: Date) {
        kind = entity.kind
        location = entity.location
        var remote = false, relocate = false
        var offered: PayRange?, desired: PayRange?, posted: Date?, next: Date?, cost: Double?, weeks: Int?, demand: Double?
        switch entity {
        case .job(let j):
            remote = j.workplace == .remote
            offered = j.pay
            posted = j.postedOn
        case .candidate(let c):
            remote = c.openToRemote
            relocate = c.willingToRelocate
            desired = c.desiredPay
        case .program(let p):
            remote = p.modality == .online
            next = p.startDates.filter { $0 >= asOf }.min()
            cost = p.cost
            weeks = p.weeks
        case .occupation(let o):
            remote = true
            demand = o.demand.score
        }
        self.remote = remote
        willingToRelocate = relocate
        offeredPay = offered
        desiredPay = desired
        postedOn = posted
        nextStart = next
        programCost = cost
        programWeeks = weeks
        labourDemand = demand
    }
}
