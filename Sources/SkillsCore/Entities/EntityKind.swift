/// The four kinds of things the engine ranks against each other.
public enum EntityKind: String, Sendable, Codable, CaseIterable, Hashable {
    case candidate
    case job
    case program
    case occupation
}
