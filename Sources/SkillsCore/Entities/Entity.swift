/// Any rankable thing: one of the four entity kinds.
public enum Entity: Sendable, Hashable {
    case candidate(Candidate)
    case job(Job)
    case program(Program)
    case occupation(Occupation)

    public var kind: EntityKind {
        switch self {
        case .candidate: .candidate
        case .job: .job
        case .program: .program
        case .occupation: .occupation
        }
    }

    /// The external id (an occupation's SOC code).
    public var id: String {
        switch self {
        case .candidate(let c): c.id
        case .job(let j): j.id
        case .program(let p): p.id
        case .occupation(let o): o.code
        }
    }

    /// The short text searched with the title boost.
    public var title: String {
        switch self {
        case .candidate(let c): c.headline
        case .job(let j): j.title
        case .program(let p): p.title
        case .occupation(let o): o.title
        }
    }

    /// The long text searched without boost.
    public var body: String {
        switch self {
        case .candidate(let c): c.summary
        case .job(let j): j.description
        case .program(let p): p.description
        case .occupation(let o): o.description
        }
    }

    public var location: GeoPoint? {
        switch self {
        case .candidate(let c): c.location
        case .job(let j): j.location
        case .program(let p): p.location
        case .occupation: nil
        }
    }

    /// Throws the first invalid field of the wrapped entity.
    public func validate() throws(EntityError) {
        switch self {
        case .candidate(let c): try c.validate()
        case .job(let j): try j.validate()
        case .program(let p): try p.validate()
        case .occupation(let o): try o.validate()
        }
    }
}
