import Foundation
import SkillsEngine
import SkillsHTTP

/// Authenticates `/v1` requests by API key (`Authorization: Bearer sk_…` or `X-API-Key: sk_…`) and
/// stores the ``Principal`` in the context. Operational endpoints (`/healthz`, `/readyz`, `/metrics`,
/// `/openapi.json`) pass without a key. Unknown, missing or revoked keys get 401.
public struct AuthMiddleware: HTTPMiddleware {
    public enum Mode: String, Sendable, Codable, CaseIterable {
        /// Every `/v1` request needs a valid key.
        case required
        /// No key needed; every caller is an admin. For local development on loopback only.
        case open
    }

    let mode: Mode
    let lookup: @Sendable (String) throws -> Principal?

    /// - Parameter lookup: the principal for a presented secret, or nil when unknown or revoked.
    public init(mode: Mode, lookup: @escaping @Sendable (String) throws -> Principal?) {
        self.mode = mode
        self.lookup = lookup
    }

    /// Looks keys up in the engine's key store.
    public init(mode: Mode, engine: Engine) {
        self.init(mode: mode) { secret in
            guard let record = try engine.apiKey(secret: secret), !record.isRevoked,
                  let role = Role(rawValue: record.role) else { return nil }
            return Principal(keyID: record.id, role: role, candidateID: record.boundCandidateID)
        }
    }

    public func handle(
        _ request: HTTPRequest, context: RequestContext, next: (HTTPRequest, RequestContext) throws -> HTTPResponse
    ) throws -> HTTPResponse {
        guard request.path.hasPrefix("/v1/") || request.path == "/v1" else { return try next(request, context) }
        var context = context
        if mode == .open {
            Principal.open.store(in: &context)
            return try next(request, context)
        }
        guard let secret = Self.secret(request) else {
            throw APIError(.unauthorized, "Send an API key as 'Authorization: Bearer sk_…' or 'X-API-Key: sk_…'.",
                           headers: ["WWW-Authenticate": "Bearer"])
        }
        guard let principal = try lookup(secret) else {
            throw APIError(.unauthorized, "The API key is unknown or revoked.", headers: ["WWW-Authenticate": "Bearer"])
        }
        principal.store(in: &context)
        return try next(request, context)
    }

    static func secret(_ request: HTTPRequest) -> String? {
        if let header = request.headers["Authorization"] {
            let parts = header.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" {
                return parts[1].trimmingCharacters(in: .whitespaces)
            }
        }
        if let key = request.headers["X-API-Key"], !key.isEmpty { return key.trimmingCharacters(in: .whitespaces) }
        return nil
    }
}
