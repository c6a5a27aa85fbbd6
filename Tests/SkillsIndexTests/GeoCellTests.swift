// Properties of the coarse geo cell test in CompiledFilter:
// 1. Over the whole globe (poles, antimeridian, cell edges, documents without a location), a
//    radius filter compiled with cells accepts exactly the documents FilterSet.matches accepts.
// 2. A grid box covers every cell of points inside its box; cells stay in 24 bits; no location is
//    never inside a box.
import Foundation
import SkillsCore
import SkillsTestSupport
import Testing

@testable import SkillsIndex

@Test func cellTestKeepsEveryDocumentTheExactTestKeeps() throws {
    var rng = SeededGenerator(seed: 71)
    var writer = try IndexWriter(profileBuilder: SkillProfileBuilder(asOf: SyntheticCorpus.today))
    var centers: [GeoPoint] = []
    for i in 0..<3_000 {
        // A third anywhere, a third near the antimeridian or a pole, a third on whole-degree edges.
        let point: GeoPoint? = switch i % 4 {
        case 0: GeoPoint(latitude: .random(in: -90...90, using: &rng), longitude: .random(in: -180...180, using: &rng))
        case 1: GeoPoint(latitude: .random(in: -89.9 ... -80, using: &rng) * (Bool.random(using: &rng) ? 1 : -1),
                         longitude: Double.random(in: 175...180, using: &rng) * (Bool.random(using: &rng) ? 1 : -1))
        case 2: GeoPoint(latitude: Double(Int.random(in: -89...89, using: &rng)) + [0, 1e-9, -1e-9][i % 3],
                         longitude: Double(Int.random(in: -179...179, using: &rng)) + [0, -1e-9, 1e-9][i % 3])
        default: nil
        }
        if let point, i % 10 == 0 { centers.append(point) }
        let workplace: WorkplaceType = [.onSite, .hybrid, .remote][i % 3]
        try writer.upsert(.job(Job(id: "j\(i)", title: "job", requiredSkills: [SkillRequirement(skill: 1, importance: 1)],
                                   location: point, workplace: workplace, postedOn: SyntheticCorpus.today)))
    }
    let snapshot = writer.snapshot()
    for (round, center) in centers.enumerated() {
        var f = FilterSet()
        f.near = .init(center: center, radiusKilometres: [1, 50, 111.2, 500, 3_000][round % 5], includeRemote: round % 2 == 0)
        let compiled = snapshot.compile(f)
        let mismatches = (0..<Int32(snapshot.slotCount)).filter { compiled.accepts($0) != f.matches(snapshot.attributes($0)!) }
        #expect(mismatches.isEmpty, "round \(round): center \(center) radius \(f.near!.radiusKilometres)")
    }
}

@Test func gridBoxCoversItsBox() {
    var rng = SeededGenerator(seed: 72)
    for _ in 0..<300 {
        let lat = Double.random(in: -90...90, using: &rng), lon = Double.random(in: -180...180, using: &rng)
        let latBand = Double.random(in: 0.001...5, using: &rng), lonBand = Double.random(in: 0.001...200, using: &rng)
        let box = GeoCell.Box(latitude: lat, longitude: lon, latBand: latBand, lonBand: lonBand)
        for _ in 0..<50 {
            let p = GeoPoint(latitude: max(-90, min(90, lat + .random(in: -latBand...latBand, using: &rng))),
                             longitude: { var x = lon + .random(in: -min(lonBand, 180)...min(lonBand, 180), using: &rng)
                                          if x > 180 { x -= 360 }; if x < -180 { x += 360 }; return x }())
            let cell = GeoCell.of(p)
            #expect(cell != GeoCell.none && cell < 1 << 24)
            #expect(box.contains(cell), "\(p) outside the grid box of \(lat), \(lon) ± \(latBand), \(lonBand)")
        }
    }
    #expect(!GeoCell.Box(latitude: 0, longitude: 0, latBand: 90, lonBand: 180).contains(GeoCell.of(nil)))
}
