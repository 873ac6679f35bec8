import Foundation
import Hummingbird
import TitleholdApp

/// Live intake over HTTP (issue 6; contract in notes/issue6-contract.md), role `intake`:
/// - `POST /api/intake/sessions` {client, agreement, scanner?} -> 201 the session;
/// - `GET /api/intake/sessions` (open sessions), `GET /api/intake/sessions/{id}`;
/// - `POST /api/intake/sessions/{id}/scans` {text} -> the scan's acknowledgement, after the write;
/// - `GET /api/intake/sessions/{id}/events` -> Server-Sent Events (`event: scan`, `event: end`);
/// - `DELETE /api/intake/sessions/{id}` ends the session.
enum IntakeRoutes {
    struct OpenBody: Decodable { var client: String; var agreement: String; var scanner: String? }
    struct ScanBody: Decodable { var text: String }

    static func register(on router: Router<ServerContext>, _ env: ServiceEnvironment) {
        let sessions = router.group("/api/intake/sessions")
        sessions.post { request, context -> Response in
            let principal = try context.require(.intake)
            let body = try await APIRequest.json(request, context, as: OpenBody.self)
            let info = try await env.intake.open(client: body.client, agreement: body.agreement, scanner: body.scanner,
                                                 actor: principal.actor, today: env.today)
            return try json(info, status: .created, context)
        }
        sessions.get { _, context -> Response in
            _ = try context.require(.intake)
            return try json(await env.intake.openSessions(), context)
        }
        sessions.get("{id}") { _, context -> Response in
            _ = try context.require(.intake)
            return try json(await env.intake.session(try context.parameters.require("id")), context)
        }
        sessions.post("{id}/scans") { request, context -> Response in
            let principal = try context.require(.intake)
            let body = try await APIRequest.json(request, context, as: ScanBody.self)
            let ack = try await env.intake.scan(body.text, session: try context.parameters.require("id"), actor: principal.actor)
            return try json(ack, context)
        }
        sessions.delete("{id}") { _, context -> Response in
            let principal = try context.require(.intake)
            let info = try await env.intake.end(try context.parameters.require("id"), reason: "ended by \(principal.actor)")
            return try json(info, context)
        }
        sessions.get("{id}/events") { request, context -> Response in
            _ = try context.require(.intake)
            let after = request.headers.first { $0.name.canonicalName == "last-event-id" }.flatMap { Int($0.value) }
            let stream = try await env.intake.subscribe(try context.parameters.require("id"), after: after)
            let encoder = context.responseEncoder
            return Response(
                status: .ok,
                headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-cache"],
                body: ResponseBody { writer in
                    // A comment first, so the client sees the stream open before the first scan.
                    try await writer.write(ByteBuffer(string: ": intake session events\n\n"))
                    for await event in stream {
                        try await writer.write(ByteBuffer(string: try frame(event, encoder: encoder)))
                    }
                    try await writer.finish(nil)
                })
        }
    }

    struct EndData: Encodable { var session: IntakeSessionInfo; var reason: String }

    /// One Server-Sent Events frame (WHATWG HTML, "Server-sent events": `id`, `event`, `data`,
    /// a blank line). The JSON is on one line, so one `data:` line carries it.
    static func frame(_ event: IntakeEvent, encoder: JSONResponseEncoder) throws -> String {
        let name: String, data: [UInt8]
        switch event {
        case .scan(let ack, _): name = "scan"; data = try encoder.encode(ack)
        case .end(let info, let reason, _): name = "end"; data = try encoder.encode(EndData(session: info, reason: reason))
        }
        return "id: \(event.sequence)\nevent: \(name)\ndata: \(String(decoding: data, as: UTF8.self))\n\n"
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok, _ context: ServerContext) throws -> Response {
        let data = try context.responseEncoder.encode(value)
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
