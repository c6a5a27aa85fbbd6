import Foundation
import SkillsCore
import SkillsTestSupport

@testable import SkillsCredentials

/// Offline stand-ins for the web the vectors point at: routes from their URLs to the copies in
/// ../shared, and a registry that plays the key server for 1EdTech's unresolvable example URLs.
enum Vectors {
    static let root = FixturePaths.shared("credentials/vectors")

    static let fetcher = LocalDocumentFetcher(routes: [
        .init(urlPrefix: "https://raw.githubusercontent.com/digitalcredentials/verifier-core/refs/heads/main/src/test-fixtures/status/",
              directory: root.appendingPathComponent("dcc-verifier-core/test-fixtures/status")),
        .init(urlPrefix: "https://digitalcredentials.github.io/vc-test-fixtures/", directory: root.appendingPathComponent("dcc-vc-test-fixtures")),
        .init(urlPrefix: "https://raw.githubusercontent.com/1EdTech/digital-credentials-public-validator/refs/heads/main/inspector-vc/src/test/resources/ob30/",
              directory: root.appendingPathComponent("1edtech-validator/ob30")),
    ])

    /// 1EdTech fixtures put the multikey in the fragment of an example URL that cannot be
    /// dereferenced; the operator-configured registry stands in for the key document.
    static func registry(for document: JSONValue) -> IssuerKeyRegistry {
        var registry = IssuerKeyRegistry()
        func visit(_ v: JSONValue) {
            switch v {
            case .object(let o):
                if let vm = o["verificationMethod"]?.stringValue, vm.hasPrefix("https://"),
                   let hash = vm.firstIndex(of: "#"),
                   let (type, bytes) = try? Multibase.decodeKey(String(vm[vm.index(after: hash)...])), type == .ed25519,
                   let key = try? PublicKey.ed25519(bytes) {
                    registry.register(key, verificationMethod: vm, issuer: String(vm[..<hash]))
                }
                for m in o { visit(m.value) }
            case .array(let a): a.forEach(visit)
            default: break
            }
        }
        visit(document)
        return registry
    }

    static func verifier(for document: JSONValue?, now: Date = Date()) throws -> CredentialVerifier {
        try CredentialVerifier(configuration: VerifierConfiguration(
            fetcher: fetcher, keyRegistry: document.map(registry) ?? IssuerKeyRegistry(), now: { now }))
    }

    static func verify(_ path: String, now: Date = Date()) throws -> VerificationResult {
        let bytes = Array(try Data(contentsOf: root.appendingPathComponent(path)))
        let document = try? JSONParser().parse(bytes)
        return try verifier(for: document, now: now).verify(bytes: bytes)
    }
}
