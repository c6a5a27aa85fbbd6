import Foundation
import Testing
@testable import SkillsStorage

@Suite struct APIKeyStoreTests {
    let test: TestDatabase
    let connection: SQLiteConnection
    let keys: APIKeyStore

    init() throws {
        test = try TestDatabase()
        connection = try test.connect()
        keys = APIKeyStore(connection)
    }

    @Test func createLookupRevokeList() throws {
        let admin = try keys.create(role: "admin", label: "ops")
        let learner = try keys.create(role: "learner", boundCandidateID: "c-42", label: "Ana")
        #expect(admin.secret.hasPrefix("sk_") && admin.secret.count == 3 + 43)
        #expect(admin.secret != learner.secret && admin.record.id != learner.record.id)
        #expect(try keys.lookup(secret: learner.secret) == learner.record)
        #expect(try keys.lookup(secret: learner.secret)?.boundCandidateID == "c-42")
        #expect(try keys.lookup(secret: admin.secret + "x") == nil)
        #expect(try keys.lookup(secret: "") == nil)
        #expect(try keys.lookup(secret: "nope") == nil)

        #expect(try keys.revoke(id: admin.record.id))
        #expect(try !keys.revoke(id: admin.record.id))
        #expect(try keys.lookup(secret: admin.secret)?.isRevoked == true)
        #expect(Set(try keys.list().map(\.id)) == [admin.record.id, learner.record.id])
    }

    @Test func onlyTheHashIsStored() throws {
        let key = try keys.create(role: "ingest")
        let stored = try connection.withStatement("SELECT id || secret_hash || role || label FROM api_keys") {
            try $0.step() ? $0.text(0) : ""
        }
        #expect(!stored.contains(String(key.secret.dropFirst(3))))
        #expect(stored.contains(APIKeyStore.hash(key.secret)))
    }

    @Test func badInputIsRejected() {
        #expect(storageError { _ = try keys.create(role: "") }?.kind == .invalidArgument)
        #expect(storageError { _ = try keys.create(role: "learner", boundCandidateID: "") }?.kind == .invalidArgument)
    }
}

@Suite struct CredentialStoreTests {
    @Test func storeIsIdempotentPerDocumentAndUpdatesVerification() throws {
        let test = try TestDatabase()
        let credentials = CredentialStore(try test.connect())
        let document = Data("{\"type\":[\"VerifiableCredential\",\"OpenBadgeCredential\"]}".utf8)
        let t0 = Date(timeIntervalSince1970: 1_800_000_000)
        let id = try credentials.store(candidateID: "c1", document: document,
                                       verification: Data("{\"status\":\"not verified\"}".utf8), at: t0)
        let again = try credentials.store(candidateID: "c1", document: document,
                                          verification: Data("{\"status\":\"verified\"}".utf8), at: t0 + 60)
        #expect(again == id)
        let stored = try #require(try credentials.get(id: id))
        #expect(stored.verification == Data("{\"status\":\"verified\"}".utf8))
        #expect(stored.createdAt == t0 && stored.updatedAt == t0 + 60)
        let other = try credentials.store(candidateID: "c2", document: document, verification: Data("{}".utf8))
        #expect(other != id)
        #expect(try credentials.list(candidateID: "c1").map(\.id) == [id])
        #expect(try credentials.delete(id: id))
        #expect(try credentials.list(candidateID: "c1").isEmpty)
        #expect(storageError { try credentials.store(candidateID: "", document: document, verification: Data()) }?.kind
            == .invalidArgument)
    }
}
