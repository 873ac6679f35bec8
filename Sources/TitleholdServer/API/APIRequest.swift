import Foundation
import Hummingbird
import LedgerStore
import NIOCore
import TitleholdApp
import TitleholdCore

/// Reading a request for the JSON API: query parameters, path parameters and bodies, each checked
/// before any rule runs, so a bad request is refused with 400/413/415 and a message that names
/// what to fix (issue 6, The API: "refused before it reaches a rule").
enum APIRequest {
    /// JSON bodies are small (a date, a status, a note); anything larger is refused with 413.
    static let maxJSONBodySize = 64 * 1024

    // MARK: Query and path

    /// The query parameter `name` as given, or nil when absent or empty.
    static func query(_ request: Request, _ name: String) -> String? {
        // Most requests carry no query: then no name is hashed and looked up (the look-up asks
        // for three, issue 6, Speed).
        guard request.uri.query != nil, let value = request.uri.queryParameters.get(name), !value.isEmpty else { return nil }
        return value
    }

    /// A date query parameter (YYYY-MM-DD), or nil when absent.
    static func day(_ request: Request, _ name: String) throws -> Day? {
        guard let text = query(request, name) else { return nil }
        guard let day = Day(iso: text) else {
            throw HTTPError(.badRequest, message: "query parameter '\(name)' is '\(text)', not a date; use YYYY-MM-DD")
        }
        return day
    }

    /// A whole-number query parameter in `range`, or nil when absent.
    static func int(_ request: Request, _ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = query(request, name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw HTTPError(.badRequest, message: "query parameter '\(name)' is '\(text)'; give a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// A query parameter that must be one of an enumeration's raw values, or nil when absent.
    static func choice<T: RawRepresentable & CaseIterable>(_ request: Request, _ name: String, as type: T.Type) throws -> T?
    where T.RawValue == String {
        guard let text = query(request, name) else { return nil }
        return try parse(text, field: "query parameter '\(name)'", as: type)
    }

    /// `text` as one of the raw values of `T`, or 400 listing the values allowed.
    static func parse<T: RawRepresentable & CaseIterable>(_ text: String, field: String, as type: T.Type) throws -> T
    where T.RawValue == String {
        guard let value = T(rawValue: text) else {
            let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw HTTPError(.badRequest, message: "\(field) is '\(text)'; use one of: \(allowed)")
        }
        return value
    }

    /// A path parameter (always present when the route matched).
    static func path(_ context: ServerContext, _ name: String) throws -> String {
        guard let value = context.parameters.get(name), !value.isEmpty else {
            throw HTTPError(.badRequest, message: "the path lacks the \(name)")
        }
        return value
    }

    // MARK: Bodies

    /// Decodes a JSON body (snake_case keys). An empty body counts as `{}` when `emptyIsObject`
    /// (endpoints whose fields are all optional); otherwise it must be `application/json`.
    static func json<T: Decodable>(_ request: Request, _ context: ServerContext, as type: T.Type,
                                   emptyIsObject: Bool = false) async throws -> T {
        let buffer = try await collect(request, upTo: maxJSONBodySize)
        if buffer.readableBytes == 0 {
            guard emptyIsObject else {
                throw HTTPError(.badRequest, message: "the request needs a JSON body (Content-Type: application/json)")
            }
            return try decode(type, from: Data("{}".utf8), context)
        }
        let mediaType = contentType(request)
        guard mediaType == "application/json" || (mediaType?.hasSuffix("+json") ?? false) else {
            throw HTTPError(.unsupportedMediaType,
                            message: "the body is \(mediaType ?? "of no stated type"); send JSON with Content-Type: application/json")
        }
        return try decode(type, from: Data(buffer.readableBytesView), context)
    }

    /// The raw body of an upload, refused with 415 unless its type is one of `mediaTypes` and with
    /// 413 when larger than the context's upload limit.
    static func upload(_ request: Request, _ context: ServerContext, accepting mediaTypes: Set<String>) async throws -> Data {
        let mediaType = contentType(request)
        guard let mediaType, mediaTypes.contains(mediaType) else {
            throw HTTPError(.unsupportedMediaType,
                            message: "the body is \(mediaType ?? "of no stated type"); send the XML file with Content-Type: \(mediaTypes.sorted().joined(separator: " or "))")
        }
        let buffer = try await collect(request, upTo: context.maxUploadSize)
        guard buffer.readableBytes > 0 else { throw HTTPError(.badRequest, message: "the upload is empty; send the file as the body") }
        return Data(buffer.readableBytesView)
    }

    /// The media type of the body without parameters, lower-cased (`application/json`).
    static func contentType(_ request: Request) -> String? {
        guard let value = request.headers[.contentType] else { return nil }
        let type = value.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        return type?.isEmpty == false ? type : nil
    }

    static func collect(_ request: Request, upTo limit: Int) async throws -> ByteBuffer {
        do { return try await request.body.collect(upTo: limit) } catch is NIOTooManyBytesError {
            throw HTTPError(.contentTooLarge, message: "the body is larger than \(limit) bytes; nothing was read or recorded")
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, from data: Data, _ context: ServerContext) throws -> T {
        do { return try context.requestDecoder.decode(type, from: data) } catch let error as DecodingError {
            throw HTTPError(.badRequest, message: describe(error))
        }
    }

    /// A decoding error in words, naming the field in the body's own (snake_case) spelling.
    static func describe(_ error: DecodingError) -> String {
        func field(_ path: [any CodingKey], _ last: (any CodingKey)? = nil) -> String {
            let keys = (path + (last.map { [$0] } ?? [])).map { key in key.intValue.map { "[\($0)]" } ?? snakeCase(key.stringValue) }
            return keys.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "the body lacks the field '\(field(context.codingPath, key))'"
        case .valueNotFound(_, let context):
            return "the field '\(field(context.codingPath))' is null; give a value"
        case .typeMismatch(let type, let context):
            if context.codingPath.isEmpty { return "the body is not a JSON object" }
            return "the field '\(field(context.codingPath))' has the wrong type; expected \(jsonType(type))"
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return "the body is not valid JSON" }
            return "the field '\(field(context.codingPath))': \(context.debugDescription)"
        @unknown default:
            return "the body cannot be read: \(error)"
        }
    }

    static func jsonType(_ type: Any.Type) -> String {
        switch type {
        case is String.Type, is Day.Type: return "a string"
        case is Bool.Type: return "true or false"
        case is Int.Type, is Int64.Type: return "a whole number"
        default: return "\(type)"
        }
    }

    static func snakeCase(_ key: String) -> String {
        var result = ""
        for character in key {
            if character.isUppercase { result += "_" + character.lowercased() } else { result.append(character) }
        }
        return result
    }

    // MARK: Responses

    /// The headers of a JSON answer, made once: a header field checks its value byte by byte
    /// when it is made (issue 6, Speed: every look-up answers with them).
    static let jsonHeaders: HTTPFields = [.contentType: "application/json; charset=utf-8"]

    /// `value` as JSON with the house encoder (snake_case keys, sorted).
    static func respond<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok, _ context: ServerContext) throws -> Response {
        let data = try context.responseEncoder.encode(value)
        return Response(status: status, headers: jsonHeaders, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// `value` as the JSON it writes itself (`JSONWritable`, such as the look-up's report): the
    /// bytes `respond(_:status:_:)` gives it (the house encoder takes the same path for it), with
    /// the conformance known here rather than looked up for every answer (issue 6, Speed).
    static func respond<T: JSONWritable>(_ value: T, status: HTTPResponse.Status = .ok, _ context: ServerContext) throws -> Response {
        var json = JSONWriter(capacity: JSONWriter.answerCapacity)
        value.writeJSON(to: &json)
        return Response(status: status, headers: jsonHeaders, body: .init(byteBuffer: json.withBytes { ByteBuffer(bytes: $0) }))
    }

    /// A text document (manifest, calendar, OpenAPI document).
    static func text(_ text: String, contentType: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: contentType], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// Who makes a change through the API, for the event log: the route and the principal.
    static func change(_ route: String, _ principal: Principal) -> ChangeContext {
        ChangeContext(command: "api \(route)", actor: principal.actor)
    }
}
