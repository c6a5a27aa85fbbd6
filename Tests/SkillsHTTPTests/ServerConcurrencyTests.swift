import Foundation
import Synchronization
import Testing
@testable import SkillsHTTP

/// Many connections at once, each doing many keep-alive requests: every request is answered, with
/// its own body, and the server is still serving afterwards.
@Suite struct ServerConcurrencyTests {
    @Test func concurrentKeepAliveConnectionsAreAllAnswered() throws {
        try withServer { server in
            let failures = Mutex<[String]>([])
            DispatchQueue.concurrentPerform(iterations: 8) { connection in
                do {
                    let client = try TestClient(port: server.port, receiveTimeout: 3)
                    for request in 0..<300 {
                        try client.send(get("/items/\(connection)-\(request)"))
                        let text = try client.readResponse()?.text
                        if text != "\(connection)-\(request)" {
                            failures.withLock { $0.append("connection \(connection) request \(request): \(text ?? "closed")") }
                            return
                        }
                    }
                } catch {
                    failures.withLock { $0.append("connection \(connection): \(error)") }
                }
            }
            #expect(failures.withLock { $0 } == [])
            try expectServing(server)
        }
    }
}
