import SkillsCore

/// The pinned JSON-LD context documents that ship with the verifier.
///
/// Contexts are never fetched: a credential whose `@context` names anything else fails in
/// safe mode with "context not bundled". Regenerate the documents with
/// `scripts/generate-credential-contexts.py`.
public enum BundledContexts {
    /// The URLs available.
    public static var urls: [String] { documents.keys.sorted() }

    private static let parsed: [String: JSONValue] = {
        var out: [String: JSONValue] = [:]
        for (url, text) in documents {
            // The documents are generated from valid JSON; a failure here is a build defect.
            out[url] = try? JSONParser().parse(text)
        }
        return out
    }()

    /// The parsed document for `url`, or `nil` when it is not bundled.
    public static func document(for url: String) -> JSONValue? { parsed[url] }
}
