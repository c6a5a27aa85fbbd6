import Foundation
import Testing
@testable import SkillsHTTP

/// Router, middleware and problem details, in process (no sockets).
@Suite struct RoutingTests {
    func request(_ method: HTTPMethod, _ path: String) -> HTTPRequest {
        HTTPRequest(method: method, target: path, path: path)
    }

    func router() -> Router {
        var router = Router()
        router.get("/v1/jobs/:id") { _, context in .text("job \(try context.parameter("id"))") }
        router.get("/v1/jobs/search") { _, _ in .text("search") }
        router.get("/v1/:kind/:id/matches/:target") { _, context in
            .text("\(context.parameters["kind"]!) \(context.parameters["id"]!) \(context.parameters["target"]!)")
        }
        router.put("/v1/jobs/:id") { request, _ in HTTPResponse(status: .created, body: request.body) }
        return router
    }

    func body(_ response: HTTPResponse) -> String { String(decoding: response.body, as: UTF8.self) }

    @Test func parametersAndLiteralPrecedence() throws {
        let router = router()
        let context = RequestContext(requestID: "r")
        #expect(body(try router.respond(to: request(.get, "/v1/jobs/42"), context: context)) == "job 42")
        #expect(body(try router.respond(to: request(.get, "/v1/jobs/search"), context: context)) == "search")
        #expect(context.routePattern == "/v1/jobs/search")
        #expect(body(try router.respond(to: request(.get, "/v1/candidates/c1/matches/jobs"), context: context)) == "candidates c1 jobs")
        #expect(body(try router.respond(to: request(.head, "/v1/jobs/7"), context: context)) == "job 7")
    }

    @Test func unknownPathIs404AndWrongMethodIs405WithAllow() {
        let router = router()
        #expect(throws: HTTPError.self) { try router.respond(to: request(.get, "/nope"), context: RequestContext(requestID: "r")) }
        do {
            _ = try router.respond(to: request(.delete, "/v1/jobs/1"), context: RequestContext(requestID: "r"))
            Issue.record("expected 405")
        } catch let error as HTTPError {
            #expect(error.status == .methodNotAllowed)
            #expect(error.headers["Allow"] == "GET, HEAD, PUT")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    struct Tag: HTTPMiddleware {
        let name: String
        func handle(_ request: HTTPRequest, context: RequestContext, next: (HTTPRequest, RequestContext) throws -> HTTPResponse) throws -> HTTPResponse {
            var context = context
            context.attributes["trail", default: ""] += name
            var response = try next(request, context)
            response.headers.add(name: "X-Trail", value: name)
            return response
        }
    }

    @Test func middlewareRunsInOrderAroundTheResponder() throws {
        let chain = MiddlewareChain([Tag(name: "a"), Tag(name: "b")], responder: ClosureResponder { _, context in
            .text(context.attributes["trail"] ?? "")
        })
        let response = try chain.respond(to: request(.get, "/"), context: RequestContext(requestID: "r"))
        #expect(body(response) == "ab")
        #expect(response.headers.values(for: "x-trail") == ["b", "a"])
    }

    @Test func problemDetailsCarryTheRFC9457Members() throws {
        let error = HTTPError(.unprocessableContent, code: "invalid_profile", detail: "skills[0] is \"empty\"\n")
        let response = error.response()
        #expect(response.headers["content-type"] == "application/problem+json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
        #expect(json["type"] as? String == "/problems/invalid_profile")
        #expect(json["title"] as? String == "Unprocessable Content")
        #expect(json["status"] as? Int == 422)
        #expect(json["detail"] as? String == "skills[0] is \"empty\"\n")
        #expect(json["code"] as? String == "invalid_profile")
    }
}
