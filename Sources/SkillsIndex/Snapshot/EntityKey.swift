import SkillsCore

/// An entity's identity across the index: kind plus external id.
public struct EntityKey: Sendable, Hashable, CustomStringConvertible {
    public var kind: EntityKind
    public var id: String

    public init(_ kind: EntityKind, _ id: String) {
        self.kind = kind
        self.id = id
    }

    public var description: String { "\(kind.rawValue):\(id)" }
}
