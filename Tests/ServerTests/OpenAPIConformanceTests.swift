import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import TitleholdServer

/// The OpenAPI document (`Resources/openapi/openapi.yaml`) as the tests read it.
///
/// The document is written as JSON-compatible YAML (YAML 1.2 is a superset of JSON), so
/// `JSONSerialization` reads it and no YAML library is needed. The validator knows the keywords
/// the document uses: `$ref` (to `#/components/...`), `type` (a name or a list such as
/// `["string", "null"]`), `required`, `properties`, `items`, `enum` and `pattern`. It is strict
/// about objects: a key the schema does not list under `properties` is a violation (unless the
/// schema lists no properties at all), so a field added to a report without documenting it fails.
enum OpenAPISpec {
    static let url = TestService.packageRoot.appendingPathComponent("Resources/openapi/openapi.yaml")

    /// Read once and never changed afterwards, so sharing it between tests is safe.
    nonisolated(unsafe) static let document: [String: Any] = {
        guard let data = try? Data(contentsOf: url),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
        return object
    }()

    static var paths: [String: [String: Any]] { document["paths"] as? [String: [String: Any]] ?? [:] }

    static let methods: Set<String> = ["get", "put", "post", "delete", "patch", "head", "options"]

    /// Every documented operation as `METHOD /path/{param}`.
    static var operations: Set<String> {
        Set(paths.flatMap { path, item in item.keys.filter(methods.contains).map { "\($0.uppercased()) \(path)" } })
    }

    /// The documented path template a concrete path falls under (literal segments beat parameters).
    static func template(for path: String) -> String? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var best: (String, Int)?
        for template in paths.keys {
            let segments = template.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
            guard segments.count == parts.count else { continue }
            var literals = 0
            var matches = true
            for (segment, part) in zip(segments, parts) {
                if segment.hasPrefix("{") && segment.hasSuffix("}") { continue }
                if segment == part { literals += 1 } else { matches = false; break }
            }
            if matches, literals > (best?.1 ?? -1) { best = (template, literals) }
        }
        return best?.0
    }

    /// Follows a `$ref` such as `#/components/schemas/Day`.
    static func resolve(_ reference: String) -> Any? {
        guard reference.hasPrefix("#/") else { return nil }
        var node: Any? = document
        for key in reference.dropFirst(2).split(separator: "/") { node = (node as? [String: Any])?[String(key)] }
        return node
    }

    /// Where a response breaks the documented one: the status, the content type, the body's schema.
    static func violations(method: String, path: String, status: Int, contentType: String?, body: Data) -> [String] {
        guard let template = template(for: path) else { return ["\(path) is not documented"] }
        let where_ = "\(method) \(template) \(status)"
        guard let operation = paths[template]?[method.lowercased()] as? [String: Any] else { return ["\(method) \(template) is not documented"] }
        guard let response = (operation["responses"] as? [String: Any])?[String(status)] as? [String: Any] else {
            return ["\(where_): status \(status) is not documented"]
        }
        guard let content = response["content"] as? [String: Any] else {
            return body.isEmpty ? [] : ["\(where_): a body that the document does not describe"]
        }
        let mediaType = contentType?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard let media = content[mediaType] as? [String: Any] else {
            return ["\(where_): content type '\(mediaType)' is not one of \(content.keys.sorted())"]
        }
        guard mediaType == "application/json" else { return [] }
        guard let value = try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]) else {
            return ["\(where_): the body is not JSON"]
        }
        return validate(value, against: media["schema"] ?? [:], at: where_)
    }

    /// The ways `value` breaks `schema`, each with where in the value.
    static func validate(_ value: Any, against schema: Any, at location: String) -> [String] {
        guard let schema = schema as? [String: Any] else { return ["\(location): the schema is not an object"] }
        if let reference = schema["$ref"] as? String {
            guard let target = resolve(reference) else { return ["\(location): $ref \(reference) does not resolve"] }
            return validate(value, against: target, at: location)
        }
        var problems: [String] = []
        if let type = schema["type"] {
            let allowed = (type as? [String]) ?? [type as? String ?? ""]
            guard allowed.contains(where: { matches(value, type: $0) }) else {
                return ["\(location): \(describe(value)) is not of type \(allowed.joined(separator: " or "))"]
            }
        }
        if let options = schema["enum"] as? [Any] {
            if !options.contains(where: { same($0, value) }) { problems.append("\(location): \(describe(value)) is not one of \(options)") }
        }
        if let pattern = schema["pattern"] as? String, let text = value as? String {
            if text.range(of: pattern, options: .regularExpression) == nil {
                problems.append("\(location): '\(text)' does not match \(pattern)")
            }
        }
        if let object = value as? [String: Any], !(value is NSNull) {
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for key in schema["required"] as? [String] ?? [] where object[key] == nil {
                problems.append("\(location): lacks the required key '\(key)'")
            }
            for (key, item) in object {
                if let property = properties[key] {
                    problems += validate(item, against: property, at: "\(location).\(key)")
                } else if !properties.isEmpty, (schema["additionalProperties"] as? Bool) != true {
                    problems.append("\(location): the key '\(key)' is not documented")
                }
            }
        }
        if let array = value as? [Any], let items = schema["items"] {
            for (index, item) in array.enumerated() { problems += validate(item, against: items, at: "\(location)[\(index)]") }
        }
        return problems
    }

    static func isBool(_ value: Any) -> Bool {
        guard let number = value as? NSNumber else { return false }
        return String(cString: number.objCType) == "c"
    }

    static func matches(_ value: Any, type: String) -> Bool {
        switch type {
        case "null": return value is NSNull
        case "boolean": return isBool(value)
        case "integer":
            guard let number = value as? NSNumber, !isBool(value) else { return false }
            return number.doubleValue.rounded() == number.doubleValue
        case "number": return value is NSNumber && !isBool(value)
        case "string": return value is String
        case "array": return value is [Any]
        case "object": return value is [String: Any]
        default: return false
        }
    }

    static func same(_ a: Any, _ b: Any) -> Bool {
        if a is NSNull || b is NSNull { return a is NSNull && b is NSNull }
        if let a = a as? String, let b = b as? String { return a == b }
        if let a = a as? NSNumber, let b = b as? NSNumber { return a == b }
        return false
    }

    static func describe(_ value: Any) -> String {
        if value is NSNull { return "null" }
        if let text = value as? String { return "'\(text.prefix(60))'" }
        if value is [Any] { return "an array" }
        if value is [String: Any] { return "an object" }
        return "\(value)"
    }

    /// Routes of the HTTP API the document must describe: /api, the service's own endpoints and
    /// sign-in. The front-desk HTML pages are for people and are not part of the API document.
    static func isAPIRoute(_ path: String) -> Bool {
        path.hasPrefix("/api/") || ["/health", "/metrics", "/openapi.yaml", "/login", "/logout"].contains(path)
    }
}

@Suite struct OpenAPIConformanceTests {
    @Test func theDocumentIsOpenAPI31WithSecuritySchemesAndAnErrorSchema() throws {
        let document = OpenAPISpec.document
        #expect(document["openapi"] as? String == "3.1.0")
        let components = try #require(document["components"] as? [String: Any])
        let security = try #require(components["securitySchemes"] as? [String: [String: Any]])
        #expect(security["bearer"]?["scheme"] as? String == "bearer")
        #expect(security["session"]?["in"] as? String == "cookie" && security["session"]?["name"] as? String == "titlehold_session")
        let error = try #require((components["schemas"] as? [String: Any])?["Error"] as? [String: Any])
        #expect(error["required"] as? [String] == ["error", "status"])
    }

    /// Every `$ref` in the document points at something, so no schema silently validates nothing.
    @Test func everyReferenceResolves() {
        var broken: [String] = []
        func walk(_ node: Any, _ path: String) {
            if let object = node as? [String: Any] {
                if let reference = object["$ref"] as? String, OpenAPISpec.resolve(reference) == nil { broken.append("\(path): \(reference)") }
                for (key, child) in object { walk(child, "\(path)/\(key)") }
            } else if let array = node as? [Any] {
                for (index, child) in array.enumerated() { walk(child, "\(path)/\(index)") }
            }
        }
        walk(OpenAPISpec.document, "#")
        #expect(broken.isEmpty, "\(broken)")
    }

    /// Adding a route without documenting it (or documenting one that does not exist) fails here.
    @Test func everyRegisteredRouteIsDocumentedAndEveryDocumentedOneIsRegistered() throws {
        let service = try TestService()
        let registered = Set(TitleholdServer.router(service.env).routes
            .filter { OpenAPISpec.isAPIRoute($0.path.description) }
            .map { "\($0.method.rawValue) \($0.path.description)" })
        let documented = OpenAPISpec.operations
        #expect(registered.subtracting(documented).sorted() == [], "registered but not in openapi.yaml")
        #expect(documented.subtracting(registered).sorted() == [], "in openapi.yaml but not registered")
    }

    @Test func theDocumentIsServedWithoutAToken() async throws {
        let service = try TestService()
        try await service.application.test(.router) { client in
            let response = try await client.execute(uri: "/openapi.yaml", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("application/yaml") == true)
            let served = try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any]
            #expect(served?["openapi"] as? String == "3.1.0")
        }
    }

    /// The validator itself: a table of values it must accept and refuse, so a conformance check
    /// that passes is not one that cannot fail.
    @Test(arguments: [
        (#"{"error": "x", "status": 400}"#, "Error", true),
        (#"{"error": "x"}"#, "Error", false),
        (#"{"error": "x", "status": "400"}"#, "Error", false),
        (#"{"error": "x", "status": 400, "extra": 1}"#, "Error", false),
        (#"{"error": "x", "status": true}"#, "Error", false),
        (#""2026-11-25""#, "Day", true),
        (#""25-11-2026""#, "Day", false),
        (#"{"ok": true, "events": 3, "head_hash": "ab"}"#, "AuditVerification", true),
        (#"{"ok": 1, "events": 3, "head_hash": "ab"}"#, "AuditVerification", false),
        (#"{"status": "accepted", "agreement": "A", "message": "m", "accepted": 1}"#, "ScanAcknowledgement", true),
        (#"{"status": "maybe", "agreement": "A", "message": "m", "accepted": 1}"#, "ScanAcknowledgement", false),
    ])
    func theValidatorAcceptsAndRefusesByTheSchema(json: String, schema: String, valid: Bool) throws {
        let value = try JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed])
        let problems = OpenAPISpec.validate(value, against: ["$ref": "#/components/schemas/\(schema)"], at: schema)
        #expect(problems.isEmpty == valid, "\(problems)")
    }

    @Test func nullIsAcceptedOnlyWhereTheDocumentAllowsIt() throws {
        let row = #"{"invoice":"I","client":"C","at":"2026-11-25","issue_date":"2026-01-01","due_date":"2026-01-31","open_cents":1,"step":"s","stage":"t","next_step":null,"next_step_on":null,"may_take_next_step":false,"time_barred_from":"2031-01-01","interest_cents":0,"costs_cents":0,"total_cents":1,"reasons":[]}"#
        let value = try JSONSerialization.jsonObject(with: Data(row.utf8))
        #expect(OpenAPISpec.validate(value, against: ["$ref": "#/components/schemas/DunningReport"], at: "d").isEmpty)
        let nullStep = try JSONSerialization.jsonObject(with: Data(row.replacingOccurrences(of: #""step":"s""#, with: #""step":null"#).utf8))
        #expect(!OpenAPISpec.validate(nullStep, against: ["$ref": "#/components/schemas/DunningReport"], at: "d").isEmpty)
    }
}
