import Foundation
import SkillsAPI
import SkillsCore
import SkillsEngine

/// `skillmatch keys create|revoke|list`: API keys in the data directory's database.
struct KeysCommand: Command {
    static let path = ["keys", "create"]
    static let abstract = "create an API key and print its secret (shown once)"
    static let synopsis = "--role admin|ingest|employer|learner|analyst [--candidate ID] [--label TEXT] [--json]"
    static let discussion = "A learner key must be bound to a candidate with --candidate; other roles must not be."
    static let options: [OptionSpec] = [
        .value("role", "ROLE", "admin, ingest, employer, learner or analyst"),
        .value("candidate", "ID", "the candidate a learner key may see and edit"),
        .value("label", "TEXT", "a note to recognise the key by"),
        .flag("json", "print JSON"),
    ]

    let role: Role
    let candidate: String?
    let label: String
    let json: Bool

    init(_ arguments: ParsedArguments) throws {
        _ = try arguments.positionals(max: 0)
        guard let roleText = arguments.value("role") else { throw CLIError.usage("--role is required") }
        guard let role = Role(rawValue: roleText) else {
            throw CLIError.usage("--role must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", ")), got '\(roleText)'")
        }
        candidate = arguments.value("candidate")
        if role == .learner && candidate == nil { throw CLIError.usage("a learner key needs --candidate ID") }
        if role != .learner && candidate != nil { throw CLIError.usage("--candidate is only for learner keys") }
        self.role = role
        label = arguments.value("label") ?? ""
        json = arguments.flag("json")
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let engine = try EngineLoader.open(context)
        let created = try engine.createAPIKey(role: role.rawValue, boundCandidateID: candidate, label: label)
        if json {
            context.print(JSONValue.object(JSONObject([
                "id": .string(created.record.id), "role": .string(role.rawValue), "secret": .string(created.secret),
            ])).serialized())
        } else {
            context.print(created.secret)
            context.printError("created \(created.record.id) (\(role.rawValue)); the secret above is shown only once")
        }
        return .success
    }
}

/// `skillmatch keys revoke ID`.
struct KeysRevokeCommand: Command {
    static let path = ["keys", "revoke"]
    static let abstract = "revoke an API key by id"
    static let synopsis = "KEY_ID"

    let id: String

    init(_ arguments: ParsedArguments) throws {
        guard let id = try arguments.positionals(max: 1).first else { throw CLIError.usage("give the key id (key_…)") }
        self.id = id
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let engine = try EngineLoader.open(context)
        guard try engine.revokeAPIKey(id: id) else { throw CLIError.data("no active key with id '\(id)'") }
        context.print("revoked \(id)")
        return .success
    }
}

/// `skillmatch keys list`.
struct KeysListCommand: Command {
    static let path = ["keys", "list"]
    static let abstract = "list API keys (ids, roles, state; never secrets)"
    static let synopsis = "[--json]"
    static let options: [OptionSpec] = [.flag("json", "print JSON lines")]

    let json: Bool

    init(_ arguments: ParsedArguments) throws {
        _ = try arguments.positionals(max: 0)
        json = arguments.flag("json")
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let engine = try EngineLoader.open(context)
        let formatter = ISO8601DateFormatter()
        for key in try engine.apiKeys() {
            if json {
                context.print(JSONValue.object(JSONObject([
                    "id": .string(key.id), "role": .string(key.role), "candidate": key.boundCandidateID.map(JSONValue.string) ?? .null,
                    "label": .string(key.label), "createdAt": .string(formatter.string(from: key.createdAt)),
                    "revokedAt": key.revokedAt.map { .string(formatter.string(from: $0)) } ?? .null,
                ])).serialized())
            } else {
                let state = key.revokedAt.map { "revoked \(formatter.string(from: $0))" } ?? "active"
                context.print("\(key.id)  \(key.role.padding(toLength: 8, withPad: " ", startingAt: 0))  \(state)  \(key.boundCandidateID.map { "candidate=\($0) " } ?? "")\(key.label)")
            }
        }
        return .success
    }
}
