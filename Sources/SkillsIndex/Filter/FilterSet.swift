import Foundation
import SkillsCore

/// Conditions a result must meet, applied inside the postings scan (not after it).
///
/// Every condition is optional; set conditions AND together. A condition on a field the document
/// lacks (a pay filter on a job without pay) excludes the document. ``validate(targetKind:)`` refuses
/// malformed and contradictory combinations before any search runs.
public struct FilterSet: Sendable, Hashable, Codable {
    /// A circle on the map.
    public struct GeoRadius: Sendable, Hashable, Codable {
        public var center: GeoPoint
        public var radiusKilometres: Double
        /// Remote documents pass the radius test regardless of location.
        public var includeRemote: Bool

        public init(center: GeoPoint, radiusKilometres: Double, includeRemote: Bool = true) {
            self.center = center
            self.radiusKilometres = radiusKilometres
            self.includeRemote = includeRemote
        }
    }

    public var near: GeoRadius?
    /// Only remote documents (remote jobs, online programs, candidates open to remote work).
    public var remoteOnly: Bool = false
    public var workplaces: Set<WorkplaceType>?
    /// The document's pay (job) or desired pay (candidate) must overlap this range.
    public var pay: PayRange?
    public var posted: DateRange?
    /// Jobs posted on or before this date and not expired on it.
    public var openOn: Date?
    /// Programs with at least one start date in the range.
    public var programStart: DateRange?
    public var employmentTypes: Set<EmploymentType>?
    /// SOC code prefix such as `15-` or `15-12`.
    public var occupationCodePrefix: String?
    public var maximumCost: Double?
    public var maximumWeeks: Int?
    public var maximumClockHours: Int?
    public var modalities: Set<Modality>?
    public var credentialTypes: Set<CredentialType>?
    /// Only candidates who consented to be found by employers.
    public var consentingOnly: Bool = false

    public init() {}

    /// `true` when no condition is set (the scan skips the filter call).
    public var isEmpty: Bool { self == FilterSet() }

    /// Whether a document passes every condition.
    public func matches(_ doc: DocumentAttributes) -> Bool {
        if consentingOnly, !doc.consenting { return false }
        if remoteOnly, doc.workplace != .remote { return false }
        if let workplaces, !(doc.workplace.map(workplaces.contains) ?? false) { return false }
        if let near {
            let remotePass = near.includeRemote && doc.workplace == .remote
            if !remotePass {
                guard let location = doc.location else { return false }
                // Cheap latitude band first: one degree of latitude is about 111.2 km.
                if abs(location.latitude - near.center.latitude) * 111.19 > near.radiusKilometres { return false }
                if location.distanceKilometres(to: near.center) > near.radiusKilometres { return false }
            }
        }
        if let pay, !(doc.pay.map(pay.overlaps) ?? false) { return false }
        if let posted {
            guard let day = doc.postedDay, posted.days.contains(day) else { return false }
        }
        if let openOn {
            let day = DocumentAttributes.day(openOn)
            guard let posted = doc.postedDay, posted <= day, (doc.expiryDay ?? .max) >= day else { return false }
        }
        if let programStart {
            let range = programStart.days
            if !doc.startDays.contains(where: range.contains) { return false }
        }
        if let employmentTypes, !(doc.employmentType.map(employmentTypes.contains) ?? false) { return false }
        if let prefix = occupationCodePrefix, !doc.occupationCodes.contains(where: { $0.hasPrefix(prefix) }) {
            return false
        }
        if let maximumCost, !(doc.cost.map { $0 <= maximumCost } ?? false) { return false }
        if let maximumWeeks, !(doc.weeks.map { $0 <= maximumWeeks } ?? false) { return false }
        if let maximumClockHours, !(doc.clockHours.map { $0 <= maximumClockHours } ?? false) { return false }
        if let modalities, !(doc.modality.map(modalities.contains) ?? false) { return false }
        if let credentialTypes, !(doc.credential.map(credentialTypes.contains) ?? false) { return false }
        return true
    }
}
