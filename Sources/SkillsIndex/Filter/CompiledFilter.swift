import Foundation
import SkillsCore

/// What a scan asks of each candidate document.
protocol DocumentFilter {
    func accepts(_ doc: Int32) -> Bool
}

/// Accepts every document (no filter set).
struct AcceptAll: DocumentFilter {
    @inline(__always) func accepts(_ doc: Int32) -> Bool { true }
}

/// A ``FilterSet`` bound to a snapshot's columns: bit masks instead of sets, day numbers instead of
/// dates, a bounding box before the haversine. Accepts exactly what ``FilterSet/matches(_:)`` accepts;
/// rare conditions (occupation prefix, program start dates) fall back to it.
struct CompiledFilter: DocumentFilter {
    let columns: AttributeColumns
    let attributes: [DocumentAttributes?]
    let filters: FilterSet
    let workplaceMask: UInt16
    let employmentMask: UInt16
    let modalityMask: UInt16
    let credentialMask: UInt16
    let remoteCode = AttributeColumns.code(WorkplaceType.remote)
    let geo: (center: GeoPoint, radius: Double, latBand: Double, lonBand: Double, includeRemote: Bool)?
    /// The radius' bounding box on the ``GeoCell`` grid.
    let box: GeoCell.Box?
    let pay: (low: Float, high: Float)?
    let posted: ClosedRange<Int32>?
    let openDay: Int32?
    let maximumCost: Float?
    let slowPath: Bool

    static func mask<T: CaseIterable & Hashable>(_ set: Set<T>?) -> UInt16 {
        guard let set else { return 0 }
        return set.reduce(0) { $0 | (1 << UInt16(AttributeColumns.code($1))) }
    }

    init(_ filters: FilterSet, columns: AttributeColumns, attributes: [DocumentAttributes?]) {
        self.columns = columns
        self.attributes = attributes
        self.filters = filters
        workplaceMask = Self.mask(filters.workplaces)
        employmentMask = Self.mask(filters.employmentTypes)
        modalityMask = Self.mask(filters.modalities)
        credentialMask = Self.mask(filters.credentialTypes)
        geo = filters.near.map { near in
            // Latitude: one degree is at least 111.195 km of great circle.
            let latBand = near.radiusKilometres / 111.19 + 1e-6
            // Longitude: within the band, haversine ≥ 2R·asin(cos φmax · sin(Δλ/2)), so Δλ beyond
            // 2·asin(sin(r/2R) / cos φmax) is outside the circle.
            let edge = min(90, abs(near.center.latitude) + latBand) * Double.pi / 180
            let ratio = sin(min(Double.pi / 2, near.radiusKilometres / (2 * GeoPoint.earthRadiusKilometres))) / cos(edge)
            let lonBand = ratio < 1 ? 2 * asin(ratio) * 180 / Double.pi + 1e-6 : 360
            return (near.center, near.radiusKilometres, latBand, lonBand, near.includeRemote)
        }
        box = geo.map { GeoCell.Box(latitude: $0.center.latitude, longitude: $0.center.longitude, latBand: $0.latBand, lonBand: $0.lonBand) }
        pay = filters.pay.map { (Float($0.minimum ?? 0), $0.maximum.map(Float.init) ?? .infinity) }
        posted = filters.posted?.days
        openDay = filters.openOn.map(DocumentAttributes.day)
        maximumCost = filters.maximumCost.map(Float.init)
        slowPath = filters.occupationCodePrefix != nil || filters.programStart != nil || filters.pay != nil
            || filters.maximumCost != nil
    }

    func accepts(_ doc: Int32) -> Bool {
        let d = Int(doc)
        let key = columns.geoKey[d]
        let workplace = UInt8(truncatingIfNeeded: key)
        // The radius first: when set it rejects most documents from the one packed key (workplace
        // and grid cell); the coordinates are read only inside the box's cells, and the haversine waits
        // until every cheaper test has passed.
        let needsDistance: Bool
        if let geo, let box, !(geo.includeRemote && workplace == remoteCode) {
            if !box.contains(key >> 8) { return false }
            let lat = columns.latitude[d]
            if lat.isNaN || abs(lat - geo.center.latitude) > geo.latBand { return false }
            var dLon = abs(columns.longitude[d] - geo.center.longitude)
            if dLon > 180 { dLon = 360 - dLon }
            if dLon > geo.lonBand { return false }
            needsDistance = true
        } else {
            needsDistance = false
        }
        if filters.consentingOnly, !columns.consenting[d] { return false }
        if filters.remoteOnly, workplace != remoteCode { return false }
        if workplaceMask != 0, workplaceMask & (1 << UInt16(workplace)) == 0 || workplace == 0 { return false }
        if employmentMask != 0, employmentMask & (1 << UInt16(columns.employment[d])) == 0 || columns.employment[d] == 0 { return false }
        if modalityMask != 0, modalityMask & (1 << UInt16(columns.modality[d])) == 0 || columns.modality[d] == 0 { return false }
        if credentialMask != 0, credentialMask & (1 << UInt16(columns.credential[d])) == 0 || columns.credential[d] == 0 { return false }
        if let posted, !posted.contains(columns.postedDay[d]) || columns.postedDay[d] == .min { return false }
        if let openDay {
            if columns.postedDay[d] == .min || columns.postedDay[d] > openDay || columns.expiryDay[d] < openDay { return false }
        }
        if let maximumWeeks = filters.maximumWeeks, columns.weeks[d] < 0 || Int(columns.weeks[d]) > maximumWeeks { return false }
        if let maximumHours = filters.maximumClockHours, columns.clockHours[d] < 0 || Int(columns.clockHours[d]) > maximumHours { return false }
        if needsDistance, let geo,
           GeoPoint(latitude: columns.latitude[d], longitude: columns.longitude[d]).distanceKilometres(to: geo.center) > geo.radius {
            return false
        }
        if slowPath, let a = attributes[d], !filters.matches(a) { return false }
        return true
    }
}
