import Documents
import Foundation
import Hummingbird
import LedgerStore
import TitleholdApp
import TitleholdCore

/// Taking back goods (art. 10.3) on working days (art. 4.2): `titlehold pickups plan`, `notices`,
/// `manifest`, `scan`, `close` and `credit-notes` over HTTP, and the plan as iCalendar. Role: finance.
enum PickupsAPI {
    static func register(on router: Router<ServerContext>, _ env: ServiceEnvironment) {
        let door = PickupDoorSessions()

        // POST /api/pickups/plan {from?, days?}: plans (again) and stores the visits.
        router.post("/api/pickups/plan") { request, context in
            let principal = try context.require(.finance)
            let body = try await APIRequest.json(request, context, as: PlanBody.self, emptyIsObject: true)
            let days = body.days ?? 14
            guard (1...366).contains(days) else {
                throw HTTPError(.badRequest, message: "the field 'days' is \(days); plan 1 to 366 days")
            }
            let outcome = try PickupService(rules: env.rules, scope: env.scope).plan(
                ledger: env.ledger, from: body.from ?? env.today(), days: days,
                context: APIRequest.change("POST /api/pickups/plan", principal))
            return try APIRequest.respond(PlanResponse(outcome), context)
        }

        // GET /api/pickups: every visit, planned and closed, by date.
        router.get("/api/pickups") { _, context in
            _ = try context.require(.finance)
            return try APIRequest.respond(try env.ledger.visits().map(StoredVisitRow.init), context)
        }

        // GET /api/pickups.ics: the planned visits as an iCalendar file (RFC 5545) for Outlook.
        router.get("/api/pickups.ics") { _, context in
            _ = try context.require(.finance)
            let visits = try env.ledger.visits(plannedOnly: true).map(\.visit)
            return APIRequest.text(ICalendar.pickups(visits).serialized(stamp: Date()), contentType: "text/calendar; charset=utf-8")
        }

        // GET /api/pickups/{visit}/manifest?format=text|html: what to collect, serials as barcodes.
        router.get("/api/pickups/:visit/manifest") { request, context in
            _ = try context.require(.finance)
            let format = try APIRequest.choice(request, "format", as: PickupManifest.Format.self) ?? .text
            let stored = try env.ledger.visit(try APIRequest.path(context, "visit"))
            let page = try PickupManifest(visit: stored.visit, contact: .init(name: stored.visit.clientName),
                                          supplierName: env.print.letters.supplier.name)
                .render(format, with: env.print.templates)
            return APIRequest.text(page, contentType: format == .html ? "text/html; charset=utf-8" : "text/plain; charset=utf-8")
        }

        // POST /api/pickups/{visit}/scans {text}: one scan at the door; TH:END closes the visit.
        router.post("/api/pickups/:visit/scans") { request, context in
            let principal = try context.require(.finance)
            let visit = try APIRequest.path(context, "visit")
            let body = try await APIRequest.json(request, context, as: ScanBody.self)
            guard !body.text.isEmpty, body.text.count <= 4096 else {
                throw HTTPError(.badRequest, message: "the field 'text' must hold the scanned barcode (1 to 4096 characters)")
            }
            let scanned = try door.scan(body.text, visit: visit, env: env,
                                        context: APIRequest.change("POST /api/pickups/{visit}/scans", principal))
            return try APIRequest.respond(scanned.acknowledgement, context)
        }

        // POST /api/pickups/{visit}/close {outcome, note?}: closes a visit without scanning.
        router.post("/api/pickups/:visit/close") { request, context in
            let principal = try context.require(.finance)
            let visit = try APIRequest.path(context, "visit")
            let body = try await APIRequest.json(request, context, as: CloseBody.self)
            let outcome = try APIRequest.parse(body.outcome, field: "the field 'outcome'", as: StoredVisit.Outcome.self)
            let closed = try env.ledger.closeVisit(visit, outcome: outcome, on: env.today(), note: body.note,
                                                   context: APIRequest.change("POST /api/pickups/{visit}/close", principal))
            door.forget(closed.visit.id)
            return try APIRequest.respond(StoredVisitRow(closed), context)
        }

        // POST /api/pickups/notices {at?}: writes the pickup notices due and records them as sent.
        router.post("/api/pickups/notices") { request, context in
            let principal = try context.require(.finance)
            let body = try await APIRequest.json(request, context, as: NoticesBody.self, emptyIsObject: true)
            let day = body.at ?? env.today()
            let written = try PickupService(rules: env.rules, scope: env.scope).sendNotices(
                ledger: env.ledger, on: day, print: env.print, into: DunningAPI.lettersDirectory(env),
                context: APIRequest.change("POST /api/pickups/notices", principal))
            return try APIRequest.respond(NoticesResponse(at: day, notices: written.count / 2, files: written.map(\.path)), context)
        }

        // GET /api/pickups/credit-notes: repossessed items, each needing a credit note.
        router.get("/api/pickups/credit-notes") { _, context in
            _ = try context.require(.finance)
            let rows = try env.ledger.repossessedItems().map {
                CreditNoteRow(serial: $0.serial, client: $0.client, repossessedOn: $0.repossessedOn, invoice: $0.invoice,
                              valueCents: $0.value?.value, visit: $0.visit)
            }
            return try APIRequest.respond(rows, context)
        }
    }

    struct PlanBody: Decodable { var from: Day?; var days: Int? }
    struct ScanBody: Decodable { var text: String }
    struct CloseBody: Decodable { var outcome: String; var note: String? }
    struct NoticesBody: Decodable { var at: Day? }

    struct NoticesResponse: Encodable {
        var at: Day
        /// Notices written (each as an HTML and a text file).
        var notices: Int
        var files: [String]
    }

    /// One repossessed item, as `titlehold pickups credit-notes --json` prints it.
    struct CreditNoteRow: Encodable {
        var serial: String
        var client: String
        var repossessedOn: Day
        var invoice: String?
        var valueCents: Int64?
        var visit: String?
    }
}
