import SkillsCore

/// The hot filter fields of every slot as flat arrays, so the scan tests a document without copying
/// its ``DocumentAttributes`` (which holds strings and arrays, hence reference counting).
struct AttributeColumns: Sendable {
    /// NaN = no location. Double so the exact distance test equals ``FilterSet/matches(_:)``.
    var latitude: [Double] = []
    var longitude: [Double] = []
    /// 0 = none, else `WorkplaceType` position + 1.
    var workplace: [UInt8] = []
    /// NaN = no pay stated.
    var payMinimum: [Float] = []
    var payMaximum: [Float] = []
    var postedDay: [Int32] = []
    var expiryDay: [Int32] = []
    var employment: [UInt8] = []
    var consenting: [Bool] = []
    var cost: [Float] = []
    var weeks: [Int32] = []
    var clockHours: [Int32] = []
    var modality: [UInt8] = []
    var credential: [UInt8] = []
    /// `GeoCell` of the location (or ``GeoCell/none``) in the high 24 bits, the workplace code in
    /// the low 8: one 4-byte read answers "remote?" and "anywhere near?" for most documents, where
    /// the Double coordinate columns cost two cache misses each at a million slots.
    var geoKey: [UInt32] = []

    static func code<T: CaseIterable & Equatable>(_ value: T?) -> UInt8 {
        guard let value else { return 0 }
        return UInt8(T.allCases.firstIndex(of: value).map { T.allCases.distance(from: T.allCases.startIndex, to: $0) }! + 1)
    }

    init(_ attributes: [DocumentAttributes?]) {
        geoKey.reserveCapacity(attributes.count)
        for a in attributes { append(a) }
    }

    /// Adds the columns of one more slot (`nil`: a tombstone).
    mutating func append(_ a: DocumentAttributes?) {
        latitude.append(a?.location?.latitude ?? .nan)
        longitude.append(a?.location?.longitude ?? .nan)
        workplace.append(Self.code(a?.workplace))
        if let pay = a?.pay {
            payMinimum.append(Float(pay.minimum ?? 0))
            payMaximum.append(pay.maximum.map(Float.init) ?? .infinity)
        } else {
            payMinimum.append(.nan)
            payMaximum.append(.nan)
        }
        postedDay.append(a?.postedDay ?? .min)
        expiryDay.append(a?.expiryDay ?? .max)
        employment.append(Self.code(a?.employmentType))
        consenting.append(a?.consenting ?? false)
        cost.append(a?.cost.map(Float.init) ?? .nan)
        weeks.append(a?.weeks.map(Int32.init) ?? -1)
        clockHours.append(a?.clockHours.map(Int32.init) ?? -1)
        modality.append(Self.code(a?.modality))
        credential.append(Self.code(a?.credential))
        geoKey.append(GeoCell.of(a?.location) << 8 | UInt32(Self.code(a?.workplace)))
    }
}
