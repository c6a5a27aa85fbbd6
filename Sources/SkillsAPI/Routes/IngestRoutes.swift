import Foundation
import SkillsCore
import SkillsEngine
import SkillsHTTP
import SkillsStorage

/// `POST /v1/ingest`, `GET /v1/tasks/{id}`, `GET /v1/tasks`, `POST /v1/tasks/items/retry`.
extension APIService {
    func addIngestRoutes(to router: inout Router) {
        router.post("/v1/ingest") { request, context in
            let principal = try Principal.from(context)
            try principal.require(.ingest, action: "ingest")
            guard !request.body.isEmpty else { throw APIError(.invalidBody, "The request body is empty.") }
            let format = request.query("format") ?? "auto"
            let source = request.query("source") ?? "api"
            var options = EnqueueOptions()
            if let mapping = request.query("mapping") {
                for pair in mapping.split(separator: ",") {
                    let parts = pair.split(separator: "=", maxSplits: 1)
                    guard parts.count == 2 else { throw APIError(.invalidParameter, "mapping must be field=Column pairs separated by commas.") }
                    options.mapping[String(parts[0])] = String(parts[1])
                }
            }
            let receipt = try engine.enqueue(Data(request.body), format: format, source: source, options: options)
            var response = HTTPResponse.json(.object(JSONObject([
                "taskId": .number(JSONNumber(Int(receipt.taskID))), "received": .number(JSONNumber(receipt.received)),
                "rejected": .number(JSONNumber(receipt.rejected)), "status": .string("/v1/tasks/\(receipt.taskID)"),
            ])), status: .accepted)
            response.headers.add(name: "Location", value: "/v1/tasks/\(receipt.taskID)")
            return response
        }
        router.get("/v1/tasks") { request, context in
            let principal = try Principal.from(context)
            try principal.require(.ingest, .analyst, action: "read ingest tasks")
            let limit = try request.intQuery("limit", in: 1...1000, default: 20)
            return .json(.object(JSONObject(["items": .array(try engine.recentTasks(limit: limit).map(Self.render))])))
        }
        router.get("/v1/tasks/:id") { _, context in
            let principal = try Principal.from(context)
            try principal.require(.ingest, .analyst, action: "read ingest tasks")
            let text = try context.parameter("id")
            guard let id = Int64(text), id > 0 else { throw APIError(.invalidParameter, "Task id must be a positive whole number.") }
            guard let task = try engine.task(id: id) else { throw APIError(.taskNotFound, "No task with id \(id).") }
            return .json(Self.render(task))
        }
        router.post("/v1/tasks/items/retry") { request, context in
            let principal = try Principal.from(context)
            try principal.require(.ingest, action: "retry ingest items")
            let body = BodyReader(object: try request.jsonObject())
            guard let array = body.object["itemIds"]?.arrayValue, !array.isEmpty, array.count <= 10_000 else {
                throw APIError(.invalidBody, "$.itemIds must be an array of 1…10000 item ids.")
            }
            var ids: [Int64] = []
            for (index, value) in array.enumerated() {
                guard let id = value.intValue, id > 0 else { throw APIError(.invalidBody, "$.itemIds[\(index)] must be a positive whole number.") }
                ids.append(Int64(id))
            }
            return .json(.object(JSONObject(["retried": .number(JSONNumber(try engine.retry(itemIDs: ids)))])))
        }
    }

    static func render(_ task: IngestTask) -> JSONValue {
        let counts = task.counts
        let errors: [JSONValue] = task.errors.map { error in
            .object(JSONObject([
                "itemId": .number(JSONNumber(Int(error.itemID))), "seq": .number(JSONNumber(error.seq)),
                "state": .string(error.state.rawValue), "attempts": .number(JSONNumber(error.attempts)), "error": .string(error.error),
            ]))
        }
        return .object(JSONObject([
            "id": .number(JSONNumber(Int(task.id))), "state": .string(task.state.rawValue),
            "createdAt": .string(ISO8601DateFormatter().string(from: task.createdAt)),
            "format": .string(task.format), "source": .string(task.source),
            "counts": .object(JSONObject([
                "received": .number(JSONNumber(counts.received)), "processed": .number(JSONNumber(counts.processed)),
                "skippedUnchanged": .number(JSONNumber(counts.skippedUnchanged)), "failed": .number(JSONNumber(counts.failed)),
                "dead": .number(JSONNumber(counts.dead)), "pending": .number(JSONNumber(counts.pending)),
            ])),
            "errors": .array(errors),
        ]))
    }
}
