import Foundation
import Hummingbird
import LedgerStore
import TitleholdApp
import TitleholdCore

/// Items, ownership (art. 10.1) and the manufacturer's warranty (art. 18): what `titlehold items`,
/// `owned`, `warranty` and `items event` do, over HTTP. Look-ups need `intake`; writes `finance`.
enum ItemsAPI {
    static func register(on router: Router<ServerContext>, _ env: ServiceEnvironment) {
        // GET /api/items?client=&owner=&at=&scope=: every item (or one client's) with its owner.
        router.get("/api/items") { request, context in
            _ = try context.require(.intake)
            let owner = try APIRequest.query(request, "owner").map { text in
                guard let owner = OwnershipVerdict.Owner(rawValue: text) else {
                    throw HTTPError(.badRequest, message: "query parameter 'owner' is '\(text)'; use one of: supplier, client")
                }
                return owner
            }
            let day = try APIRequest.day(request, "at") ?? env.today()
            let service = OwnershipService(ledger: env.ledger, scope: try scope(request, env))
            let reports = try service.reports(client: APIRequest.query(request, "client"), owner: owner, on: day)
            return try APIRequest.respond(reports, context)
        }

        // GET /api/items/{serial}?at=&scope=&gtin=: `titlehold owned SERIAL`, with the reasons.
        router.get("/api/items/:serial") { request, context in
            _ = try context.require(.intake)
            let serial = try APIRequest.path(context, "serial")
            let day = try APIRequest.day(request, "at") ?? env.today()
            let service = OwnershipService(ledger: env.ledger, scope: try scope(request, env))
            let report = try service.report(serial: serial, gtin: APIRequest.query(request, "gtin"), on: day)
            return try APIRequest.respond(report, context)
        }

        // GET /api/items/{serial}/warranty?at=: `titlehold warranty SERIAL --json`.
        router.get("/api/items/:serial/warranty") { request, context in
            _ = try context.require(.intake)
            let serial = try APIRequest.path(context, "serial")
            let day = try APIRequest.day(request, "at") ?? env.today()
            return try APIRequest.respond(try env.warranty.report(serial: serial, in: env.ledger, on: day), context)
        }

        // PUT /api/items/{serial}/warranty {until, from?, source}: `titlehold warranty set`.
        router.put("/api/items/:serial/warranty") { request, context in
            let principal = try context.require(.finance)
            let serial = try APIRequest.path(context, "serial")
            let body = try await APIRequest.json(request, context, as: WarrantyBody.self)
            let source = body.source.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !source.isEmpty else {
                throw HTTPError(.badRequest, message: "the field 'source' is empty; say where the warranty comes from (e.g. the vendor's look-up page)")
            }
            let today = env.today()
            try env.ledger.recordWarranty(
                serial: serial, WarrantyOverride(from: body.from, until: body.until, source: source, recordedOn: today),
                context: APIRequest.change("PUT /api/items/{serial}/warranty", principal))
            return try APIRequest.respond(try env.warranty.report(serial: serial, in: env.ledger, on: today), context)
        }

        // POST /api/items/{serial}/events {kind, date?, note?, outside_normal_course?}: `titlehold items event`.
        router.post("/api/items/:serial/events") { request, context in
            let principal = try context.require(.finance)
            let serial = try APIRequest.path(context, "serial")
            let body = try await APIRequest.json(request, context, as: EventBody.self)
            let kind = try APIRequest.parse(body.kind, field: "the field 'kind'", as: ItemEvent.Kind.self)
            if kind == .repossessed {
                throw HTTPError(.badRequest, message: "a repossession is recorded at the door (POST /api/pickups/{visit}/scans), not as an event")
            }
            let outside = body.outsideNormalCourse ?? false
            if outside && kind != .resold {
                throw HTTPError(.badRequest, message: "the field 'outside_normal_course' goes with kind 'resold' only")
            }
            let event = ItemEvent(kind: kind, date: body.date ?? env.today(), note: body.note, outsideNormalCourse: outside)
            try env.ledger.recordItemEvent(serial: serial, event, context: APIRequest.change("POST /api/items/{serial}/events", principal))
            return try APIRequest.respond(RecordedItemEvent(serial: serial, event: event), status: .created, context)
        }

        // GET /api/warranty/expiring?within=&at=: `titlehold warranty expiring --json`.
        router.get("/api/warranty/expiring") { request, context in
            _ = try context.require(.intake)
            let within = try APIRequest.int(request, "within", in: 0...3650) ?? 30
            let day = try APIRequest.day(request, "at") ?? env.today()
            let service = WarrantyService(catalog: env.warranty.catalog, window: within)
            return try APIRequest.respond(try service.expiring(within: within, in: env.ledger, on: day), context)
        }
    }

    /// The scope of the ownership rule: `?scope=`, else the service's.
    static func scope(_ request: Request, _ env: ServiceEnvironment) throws -> OwnershipScope {
        try APIRequest.choice(request, "scope", as: OwnershipScope.self) ?? env.scope
    }

    struct WarrantyBody: Decodable {
        var until: Day
        var from: Day?
        var source: String
    }

    struct EventBody: Decodable {
        var kind: String
        var date: Day?
        var note: String?
        var outsideNormalCourse: Bool?
    }

    /// What `POST /api/items/{serial}/events` recorded.
    struct RecordedItemEvent: Encodable {
        var serial: String
        var kind: String
        var date: Day
        var note: String?
        var outsideNormalCourse: Bool
        /// Selling outside the normal course or pledging is a breach of art. 10.2.
        var breach: Bool
        var message: String

        init(serial: String, event: ItemEvent) {
            self.serial = serial; kind = event.kind.rawValue; date = event.date; note = event.note
            outsideNormalCourse = event.outsideNormalCourse
            breach = event.breachesArticle10_2
            var line = "recorded: \(serial) \(kind) on \(event.date)"
            if event.breachesArticle10_2 { line += " — a breach of art. 10.2 (selling or encumbering goods under retention of title)" }
            message = line
        }
    }
}
