import Foundation
import SkillsCredentials

/// `skillmatch verify [--json] FILE...`: verifies Open Badges 3.0 / CLR 2.0 credentials offline.
struct VerifyCommand: Command {
    static let path = ["verify"]
    static let abstract = "verify Open Badges 3.0 / CLR 2.0 credentials (JSON with a proof, or a VC-JWT)"
    static let synopsis = "[--json] [--trusted-issuer ID]... [--documents URL-PREFIX=DIR]... FILE..."
    static let discussion = """
        Prints, per file, verified | unverified | invalid with each step (parse, signature, key binding,
        dates, status, issuer trust) and its reason; a CLR lists its nested credentials, each verified
        on its own. Nothing is fetched: did:web documents, status lists and revocation lists are read
        from --documents directories (URL prefix mapped to a folder). Exit 0 when every credential is
        verified, 1 otherwise, 66 when a file cannot be read.
        """
    static let options: [OptionSpec] = [
        .flag("json", "print the results as JSON"),
        .value("trusted-issuer", "ID", "an issuer id to trust (repeatable; without it the trust step is skipped)", repeatable: true),
        .value("documents", "PREFIX=DIR", "serve URLs starting with PREFIX from DIR (repeatable)", repeatable: true),
    ]

    let files: [String]
    let json: Bool
    let configuration: VerifierConfiguration

    init(_ arguments: ParsedArguments) throws {
        files = try arguments.positionals(max: Int.max)
        guard !files.isEmpty else { throw CLIError.usage("verify needs at least one FILE") }
        json = arguments.flag("json")
        var routes: [LocalDocumentFetcher.Route] = []
        for spec in arguments.allValues("documents") {
            guard let eq = spec.firstIndex(of: "="), eq != spec.startIndex else {
                throw CLIError.usage("--documents expects PREFIX=DIR, got \(spec)")
            }
            routes.append(.init(urlPrefix: String(spec[..<eq]), directory: URL(fileURLWithPath: String(spec[spec.index(after: eq)...]))))
        }
        configuration = VerifierConfiguration(
            fetcher: routes.isEmpty ? NoDocumentFetcher() : LocalDocumentFetcher(routes: routes),
            trustedIssuers: Set(arguments.allValues("trusted-issuer")))
    }

    func run(_ context: CommandContext) throws -> ExitCode {
        let verifier = try CredentialVerifier(configuration: configuration)
        var results: [(String, VerificationResult)] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                context.printError("verify: cannot read \(file)")
                return .noInput
            }
            results.append((file, verifier.verify(bytes: Array(data))))
        }
        if json {
            struct Entry: Encodable { let file: String; let result: VerificationResult }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = try encoder.encode(results.map { Entry(file: $0.0, result: $0.1) })
            context.print(String(decoding: data, as: UTF8.self))
        } else {
            for (file, result) in results { printResult(result, title: file, indent: "", context) }
        }
        return results.allSatisfy({ $0.1.status == .verified && $0.1.nested.allSatisfy { $0.status == .verified } }) ? .success : .failure
    }

    private func printResult(_ result: VerificationResult, title: String, indent: String, _ context: CommandContext) {
        let issuer = result.issuerName.map { " (issuer \($0))" } ?? ""
        context.print("\(indent)\(title): \(result.status.rawValue)\(issuer) — \(result.reason)")
        for step in result.steps {
            context.print("\(indent)  \(step.kind.rawValue): \(step.outcome.rawValue) — \(step.reason)")
        }
        for (i, nested) in result.nested.enumerated() {
            printResult(nested, title: "nested credential \(i + 1)\(nested.credentialID.map { " \($0)" } ?? "")", indent: indent + "    ", context)
        }
    }
}
