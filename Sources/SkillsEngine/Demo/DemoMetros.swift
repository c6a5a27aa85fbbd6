import SkillsCore

/// Large US metropolitan areas with their OEWS area codes and an approximate city-centre location,
/// used to place demo jobs, candidates and programs where the shipped wage table has figures.
enum DemoMetros {
    struct Metro {
        let areaCode: String
        let city: String
        let location: GeoPoint
    }

    static let all: [Metro] = [
        .init(areaCode: "0035620", city: "New York, NY", location: GeoPoint(latitude: 40.7128, longitude: -74.0060)),
        .init(areaCode: "0031080", city: "Los Angeles, CA", location: GeoPoint(latitude: 34.0522, longitude: -118.2437)),
        .init(areaCode: "0016980", city: "Chicago, IL", location: GeoPoint(latitude: 41.8781, longitude: -87.6298)),
        .init(areaCode: "0019100", city: "Dallas, TX", location: GeoPoint(latitude: 32.7767, longitude: -96.7970)),
        .init(areaCode: "0026420", city: "Houston, TX", location: GeoPoint(latitude: 29.7604, longitude: -95.3698)),
        .init(areaCode: "0047900", city: "Washington, DC", location: GeoPoint(latitude: 38.9072, longitude: -77.0369)),
        .init(areaCode: "0033100", city: "Miami, FL", location: GeoPoint(latitude: 25.7617, longitude: -80.1918)),
        .init(areaCode: "0037980", city: "Philadelphia, PA", location: GeoPoint(latitude: 39.9526, longitude: -75.1652)),
        .init(areaCode: "0012060", city: "Atlanta, GA", location: GeoPoint(latitude: 33.7490, longitude: -84.3880)),
        .init(areaCode: "0038060", city: "Phoenix, AZ", location: GeoPoint(latitude: 33.4484, longitude: -112.0740)),
        .init(areaCode: "0014460", city: "Boston, MA", location: GeoPoint(latitude: 42.3601, longitude: -71.0589)),
        .init(areaCode: "0041860", city: "San Francisco, CA", location: GeoPoint(latitude: 37.7749, longitude: -122.4194)),
        .init(areaCode: "0042660", city: "Seattle, WA", location: GeoPoint(latitude: 47.6062, longitude: -122.3321)),
        .init(areaCode: "0019820", city: "Detroit, MI", location: GeoPoint(latitude: 42.3314, longitude: -83.0458)),
        .init(areaCode: "0033460", city: "Minneapolis, MN", location: GeoPoint(latitude: 44.9778, longitude: -93.2650)),
        .init(areaCode: "0041740", city: "San Diego, CA", location: GeoPoint(latitude: 32.7157, longitude: -117.1611)),
        .init(areaCode: "0045300", city: "Tampa, FL", location: GeoPoint(latitude: 27.9506, longitude: -82.4572)),
        .init(areaCode: "0019740", city: "Denver, CO", location: GeoPoint(latitude: 39.7392, longitude: -104.9903)),
        .init(areaCode: "0012580", city: "Baltimore, MD", location: GeoPoint(latitude: 39.2904, longitude: -76.6122)),
        .init(areaCode: "0041180", city: "St. Louis, MO", location: GeoPoint(latitude: 38.6270, longitude: -90.1994)),
        .init(areaCode: "0016740", city: "Charlotte, NC", location: GeoPoint(latitude: 35.2271, longitude: -80.8431)),
        .init(areaCode: "0036740", city: "Orlando, FL", location: GeoPoint(latitude: 28.5383, longitude: -81.3792)),
        .init(areaCode: "0041700", city: "San Antonio, TX", location: GeoPoint(latitude: 29.4241, longitude: -98.4936)),
        .init(areaCode: "0038900", city: "Portland, OR", location: GeoPoint(latitude: 45.5152, longitude: -122.6784)),
        .init(areaCode: "0040900", city: "Sacramento, CA", location: GeoPoint(latitude: 38.5816, longitude: -121.4944)),
        .init(areaCode: "0038300", city: "Pittsburgh, PA", location: GeoPoint(latitude: 40.4406, longitude: -79.9959)),
        .init(areaCode: "0012420", city: "Austin, TX", location: GeoPoint(latitude: 30.2672, longitude: -97.7431)),
        .init(areaCode: "0029820", city: "Las Vegas, NV", location: GeoPoint(latitude: 36.1699, longitude: -115.1398)),
        .init(areaCode: "0017140", city: "Cincinnati, OH", location: GeoPoint(latitude: 39.1031, longitude: -84.5120)),
        .init(areaCode: "0028140", city: "Kansas City, MO", location: GeoPoint(latitude: 39.0997, longitude: -94.5786)),
        .init(areaCode: "0018140", city: "Columbus, OH", location: GeoPoint(latitude: 39.9612, longitude: -82.9988)),
        .init(areaCode: "0026900", city: "Indianapolis, IN", location: GeoPoint(latitude: 39.7684, longitude: -86.1581)),
        .init(areaCode: "0017410", city: "Cleveland, OH", location: GeoPoint(latitude: 41.4993, longitude: -81.6944)),
        .init(areaCode: "0034980", city: "Nashville, TN", location: GeoPoint(latitude: 36.1627, longitude: -86.7816)),
        .init(areaCode: "0039580", city: "Raleigh, NC", location: GeoPoint(latitude: 35.7796, longitude: -78.6382)),
        .init(areaCode: "0041620", city: "Salt Lake City, UT", location: GeoPoint(latitude: 40.7608, longitude: -111.8910)),
        .init(areaCode: "0045940", city: "Trenton, NJ", location: GeoPoint(latitude: 40.2206, longitude: -74.7597)),
    ]
}
