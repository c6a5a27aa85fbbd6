import SkillsHTTP

/// The caller of a request as established by ``AuthMiddleware``, carried in the request context.
public struct Principal: Sendable, Equatable {
    public var keyID: String
    public var role: Role
    /// The candidate a learner key is bound to.
    public var candidateID: String?

    /// Open mode: no key needed, full access. Only for local development.
    static let open = Principal(keyID: "open", role: .admin, candidateID: nil)

    static let keyAttribute = "auth.keyID"
    static let roleAttribute = "auth.role"
    static let candidateAttribute = "auth.candidate"

    /// The principal the auth middleware stored in `context`, or 401.
    static func from(_ context: RequestContext) throws(APIError) -> Principal {
        guard let keyID = context.attributes[keyAttribute], let role = context.attributes[roleAttribute].flatMap(Role.init) else {
            throw APIError(.unauthorized, "An API key is required.")
        }
        return Principal(keyID: keyID, role: role, candidateID: context.attributes[candidateAttribute])
    }

    func store(in context: inout RequestContext) {
        context.attributes[Self.keyAttribute] = keyID
        context.attributes[Self.roleAttribute] = role.rawValue
        context.attributes[Self.candidateAttribute] = candidateID
    }

    /// Throws 403 unless the role is one of `roles`.
    func require(_ roles: Role..., action: String) throws(APIError) {
        guard role == .admin || roles.contains(role) else {
            throw APIError(.forbidden, "The \(role.rawValue) role may not \(action).")
        }
    }
}
