import Foundation

/// A point on the earth in degrees (WGS 84).
public struct GeoPoint: Sendable, Hashable, Codable {
    public var latitude: Double
    public var longitude: Double

    /// Mean earth radius used by ``distanceKilometres(to:)``.
    public static let earthRadiusKilometres = 6371.0088

    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }

    /// Throws unless latitude is in −90…90 and longitude in −180…180.
    public func validate(field: String) throws(EntityError) {
        guard latitude.isFinite, (-90...90).contains(latitude) else {
            throw .invalidValue("\(field).latitude", "must be within -90...90, got \(latitude)")
        }
        guard longitude.isFinite, (-180...180).contains(longitude) else {
            throw .invalidValue("\(field).longitude", "must be within -180...180, got \(longitude)")
        }
    }

    /// Great-circle distance by the haversine formula.
    public func distanceKilometres(to other: GeoPoint) -> Double {
        let toRadians = Double.pi / 180
        let dLat = (other.latitude - latitude) * toRadians
        let dLon = (other.longitude - longitude) * toRadians
        let a = sin(dLat / 2) * sin(dLat / 2)
            + cos(latitude * toRadians) * cos(other.latitude * toRadians) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * Self.earthRadiusKilometres * asin(min(1, a.squareRoot()))
    }
}
