/// The OpenAPI 3.1 document served at `/openapi.json`.
enum OpenAPIDocument {
    static let bytes: [UInt8] = Array(text.utf8)
    static let text = "{}"
}
