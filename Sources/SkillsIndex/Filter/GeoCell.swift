import SkillsCore

/// A location quantised to a 4,096 × 4,096 grid (about 4.9 km of latitude × 9.8 km of longitude
/// at the equator), packed in 24 bits, for a coarse first test of the radius filter.
///
/// A query turns its bounding box into grid ranges (``Box``), widened by one step on each side so
/// floating-point rounding at grid lines can never drop a document the exact test would keep. A
/// document outside the ranges is outside the box, hence outside the circle; documents inside
/// still get the exact box and haversine tests. The grid is fine enough that few documents reach
/// the Double coordinates without being in the box (a one-degree grid let most documents of
/// neighbouring cities through, each a cache miss on the coordinates at a million slots).
enum GeoCell {
    static let steps = 4_096
    /// Latitude rows are 0…4094; row 4095 marks "no location".
    static let none: UInt32 = 4_095 << 12

    static func of(_ point: GeoPoint?) -> UInt32 {
        guard let point, point.latitude.isFinite, point.longitude.isFinite else { return none }
        return UInt32(row(point.latitude)) << 12 | UInt32(column(point.longitude))
    }

    static func row(_ latitude: Double) -> Int {
        min(steps - 2, max(0, Int(((latitude + 90) / 180 * Double(steps)).rounded(.down))))
    }

    static func column(_ longitude: Double) -> Int {
        min(steps - 1, max(0, Int(((longitude + 180) / 360 * Double(steps)).rounded(.down))))
    }

    /// Grid ranges covering latitude ± latBand and longitude ± lonBand (degrees; longitude wraps).
    struct Box {
        let lowRow: UInt32, highRow: UInt32
        /// First column and number of further columns (wrapping past 4095 to 0); `nil` = all.
        let lowColumn: UInt32, columnSpan: UInt32?

        init(latitude: Double, longitude: Double, latBand: Double, lonBand: Double) {
            lowRow = UInt32(max(0, GeoCell.row(latitude - latBand) - 1))
            highRow = UInt32(min(GeoCell.steps - 2, GeoCell.row(latitude + latBand) + 1))
            if lonBand >= 179 {
                lowColumn = 0
                columnSpan = nil
            } else {
                let low = Int(((longitude - lonBand + 180) / 360 * Double(GeoCell.steps)).rounded(.down)) - 1
                let high = Int(((longitude + lonBand + 180) / 360 * Double(GeoCell.steps)).rounded(.down)) + 1
                lowColumn = UInt32((low % GeoCell.steps + GeoCell.steps) % GeoCell.steps)
                columnSpan = high - low >= GeoCell.steps - 1 ? nil : UInt32(high - low)
            }
        }

        /// Whether a packed cell may lie in the box (`false` for ``GeoCell/none``).
        @inline(__always)
        func contains(_ cell: UInt32) -> Bool {
            let row = cell >> 12
            guard row >= lowRow, row <= highRow else { return false }
            guard let columnSpan else { return true }
            return (cell &- lowColumn) & 4_095 <= columnSpan
        }
    }
}
