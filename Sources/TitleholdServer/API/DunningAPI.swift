import Documents
import Foundation
import Hummingbird
import LedgerStore
import TitleholdApp
import TitleholdCore

/// Dunning (art. 13.4), interest (art. 6:119/6:119a BW) and letters: `titlehold dunning`,
/// `interest`, `letters send` and `letters record` over HTTP. Role: finance.
enum DunningAPI {
    static func register(on router: Router<ServerContext>, _ env: ServiceEnvironment) {
        // GET /api/dunning?at=&client=: every open invoice's step, next step, interest and costs.
        router.get("/api/dunning") { request, context in
            _ = try context.require(.finance)
            let day = try APIRequest.day(request, "at") ?? env.today()
            let ids = try APIRequest.query(request, "client").map { [try env.ledger.standing(client: $0).clientID] }
            let files = try env.ledger.clientFiles(ids: ids)
            let reports = try DunningService(rules: env.rules).openInvoices(in: files, on: day).map(DunningReport.init)
            return try APIRequest.respond(reports, context)
        }

        // GET /api/invoices/{number}/interest?at=: the interest period by period, and the costs.
        router.get("/api/invoices/:number/interest") { request, context in
            _ = try context.require(.finance)
            let number = try APIRequest.path(context, "number")
            let day = try APIRequest.day(request, "at") ?? env.today()
            let clientID = try env.ledger.client(ofInvoice: number)
            guard let file = try env.ledger.clientFiles(ids: [clientID]).first else {
                throw HTTPError(.notFound, message: "the client of invoice \(number) is missing from the ledger")
            }
            let all = try DunningService(rules: env.rules).evaluate(file, on: day, includePaid: true)
            guard let found = all.first(where: { $0.invoice.number == number }) else {
                throw HTTPError(.unprocessableContent, message: "invoice \(number) is not issued yet on \(day); ask for a later date")
            }
            return try APIRequest.respond(InterestReport(found), context)
        }

        // POST /api/letters/send {at?}: writes the letters due into the letters folder and records them.
        router.post("/api/letters/send") { request, context in
            let principal = try context.require(.finance)
            let body = try await APIRequest.json(request, context, as: SendBody.self, emptyIsObject: true)
            let written = try LetterService(rules: env.rules, print: env.print).send(
                ledger: env.ledger, on: body.at ?? env.today(), into: lettersDirectory(env),
                context: APIRequest.change("POST /api/letters/send", principal))
            return try APIRequest.respond(written, context)
        }

        // POST /api/letters {invoice, step, sent}: a letter sent outside Titlehold.
        router.post("/api/letters") { request, context in
            let principal = try context.require(.finance)
            let body = try await APIRequest.json(request, context, as: RecordBody.self)
            let step = try APIRequest.parse(body.step, field: "the field 'step'", as: LetterStep.self)
            try env.ledger.recordLetters([SentLetter(invoice: body.invoice, kind: step.dunningKind, sentOn: body.sent, origin: .external)],
                                         context: APIRequest.change("POST /api/letters", principal))
            let recorded = RecordedLetter(invoice: body.invoice, step: step.rawValue, sent: body.sent,
                                          message: "recorded: the \(step.dunningKind.label) of invoice \(body.invoice), sent \(body.sent)")
            return try APIRequest.respond(recorded, status: .created, context)
        }
    }

    /// Where the service writes letters: `$TITLEHOLD_LETTERS_DIR`, else `letters` beside the database.
    static func lettersDirectory(_ env: ServiceEnvironment,
                                 environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let configured = environment["TITLEHOLD_LETTERS_DIR"], !configured.isEmpty {
            return URL(fileURLWithPath: configured)
        }
        if let path = env.ledger.path {
            return URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("letters")
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("letters")
    }

    struct SendBody: Decodable { var at: Day? }

    struct RecordBody: Decodable {
        var invoice: String
        var step: String
        var sent: Day
    }

    struct RecordedLetter: Encodable {
        var invoice: String
        var step: String
        var sent: Day
        var message: String
    }
}
