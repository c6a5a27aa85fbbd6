import SkillsCore

/// One-degree cells of latitude × longitude, numbered `latitudeBand · 360 + longitudeBand`
/// (0..<64,800, so a `UInt16`), for a coarse first test of the radius filter.
///
/// A query marks every cell its bounding box may touch (``mask(latitude:longitude:)``), widened by
/// one cell on each side so floating-point rounding at cell edges can never drop a document the
/// exact test would keep. A document in an unmarked cell is outside the box, hence outside the
/// circle; documents in marked cells still get the exact box and haversine tests.
enum GeoCell {
    /// No location.
    static let none: UInt16 = .max
    static let count = 180 * 360

    static func of(_ point: GeoPoint?) -> UInt16 {
        guard let point, point.latitude.isFinite, point.longitude.isFinite else { return none }
        return UInt16(band(point.latitude + 90, 180) * 360 + band(point.longitude + 180, 360))
    }

    /// `floor(value)` clamped to `0..<count`.
    static func band(_ value: Double, _ count: Int) -> Int {
        min(count - 1, max(0, Int(value.rounded(.down))))
    }

    /// A bit per cell, set for cells within `latitude ± latBand`, `longitude ± lonBand` (degrees,
    /// longitude wrapping around the antimeridian), plus one cell of margin.
    static func mask(latitude: Double, longitude: Double, latBand: Double, lonBand: Double) -> [UInt64] {
        var bits = [UInt64](repeating: 0, count: (count + 63) >> 6)
        let lowLat = band(latitude - latBand + 90, 180) - 1, highLat = band(latitude + latBand + 90, 180) + 1
        let lonBands: [Int]
        if lonBand >= 179 {
            lonBands = Array(0..<360)
        } else {
            let low = Int((longitude - lonBand + 180).rounded(.down)) - 1, high = Int((longitude + lonBand + 180).rounded(.down)) + 1
            lonBands = (low...high).map { (($0 % 360) + 360) % 360 }
        }
        for latB in max(0, lowLat)...min(179, highLat) {
            for lonB in lonBands {
                let cell = latB * 360 + lonB
                bits[cell >> 6] |= 1 << UInt64(cell & 63)
            }
        }
        return bits
    }
}
