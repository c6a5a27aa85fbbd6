import Foundation

/// Where the verifier gets documents it does not have: DID documents (did:web), JWKs behind a
/// `kid` URL, status lists and revocation lists. JSON-LD contexts are never fetched.
///
/// Implementations must be safe to call from several threads.
public protocol DocumentFetcher: Sendable {
    /// The bytes of the document at `url`, or an error of kind `.fetch`.
    func fetch(_ url: String) throws(CredentialError) -> [UInt8]
}

/// The default fetcher: every fetch fails, so verification is fully offline.
public struct NoDocumentFetcher: DocumentFetcher {
    public init() {}

    public func fetch(_ url: String) throws(CredentialError) -> [UInt8] {
        throw CredentialError(.fetch, "fetching is disabled (no document fetcher configured): \(url)")
    }
}

/// Serves documents from local directories, for offline use and tests.
///
/// Each route maps a URL prefix to a directory; the rest of the URL (after the prefix) is the
/// relative file path. `did:web` DIDs are first turned into their HTTPS `did.json` URL, so a
/// route for `https://example.com/` serves `did:web:example.com` from `<dir>/.well-known/did.json`.
public struct LocalDocumentFetcher: DocumentFetcher {
    public struct Route: Sendable {
        public var urlPrefix: String
        public var directory: URL
        public init(urlPrefix: String, directory: URL) {
            self.urlPrefix = urlPrefix
            self.directory = directory
        }
    }

    public var routes: [Route]
    /// Largest document served, in bytes.
    public var maxBytes: Int

    public init(routes: [Route], maxBytes: Int = 4 << 20) {
        self.routes = routes
        self.maxBytes = maxBytes
    }

    public func fetch(_ url: String) throws(CredentialError) -> [UInt8] {
        for route in routes where url.hasPrefix(route.urlPrefix) {
            let rest = String(url.dropFirst(route.urlPrefix.count))
            guard !rest.split(separator: "/").contains("..") else { throw CredentialError(.fetch, "refusing path traversal in \(url)") }
            let file = route.directory.appendingPathComponent(rest)
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: file.path),
                  let size = attributes[.size] as? Int else { continue }
            guard size <= maxBytes else { throw CredentialError(.limit, "document \(url) is larger than \(maxBytes) bytes") }
            guard let data = FileManager.default.contents(atPath: file.path) else { continue }
            return Array(data)
        }
        throw CredentialError(.fetch, "document not available locally: \(url)")
    }
}

/// Serves documents from memory (status lists supplied with a credential, tests).
public struct StaticDocumentFetcher: DocumentFetcher {
    public var documents: [String: [UInt8]]
    public var fallback: (any DocumentFetcher)?

    public init(documents: [String: [UInt8]], fallback: (any DocumentFetcher)? = nil) {
        self.documents = documents
        self.fallback = fallback
    }

    public func fetch(_ url: String) throws(CredentialError) -> [UInt8] {
        if let d = documents[url] { return d }
        if let fallback { return try fallback.fetch(url) }
        throw CredentialError(.fetch, "document not supplied: \(url)")
    }
}
