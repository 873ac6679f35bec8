import Hummingbird
import LedgerStore
import TitleholdCore

/// A client's insolvency status with its cooling-off periods (art. 63a, 241a, 376 Fw) and the
/// notices to the tax collector (art. 22bis Iw): `titlehold clients status` and `tax-notice`
/// over HTTP. Role: finance.
enum ClientsAPI {
    static func register(on router: Router<ServerContext>, _ env: ServiceEnvironment) {
        // GET /api/clients/{id}/status: the history and the status in force today.
        router.get("/api/clients/:id/status") { _, context in
            _ = try context.require(.finance)
            let client = try APIRequest.path(context, "id")
            return try APIRequest.respond(try standing(client, env), context)
        }

        // POST /api/clients/{id}/status {status, since?, cooling_off_until?, note?}: appends a status.
        router.post("/api/clients/:id/status") { request, context in
            let principal = try context.require(.finance)
            let client = try APIRequest.path(context, "id")
            let body = try await APIRequest.json(request, context, as: StatusBody.self)
            let status = try APIRequest.parse(body.status, field: "the field 'status'", as: ClientStatus.self)
            let today = env.today()
            let entry = ClientStatusHistory.Entry(status: status, since: body.since ?? today, coolingOffUntil: body.coolingOffUntil,
                                                  note: body.note, recordedOn: today)
            try env.ledger.recordClientStatus(client, entry, context: APIRequest.change("POST /api/clients/{id}/status", principal))
            return try APIRequest.respond(try standing(client, env), status: .created, context)
        }

        // POST /api/clients/{id}/tax-notices {sent, note?}: the notice to the tax collector.
        router.post("/api/clients/:id/tax-notices") { request, context in
            let principal = try context.require(.finance)
            let client = try APIRequest.path(context, "id")
            let body = try await APIRequest.json(request, context, as: TaxNoticeBody.self)
            try env.ledger.recordTaxNotice(client, sentOn: body.sent, note: body.note,
                                           context: APIRequest.change("POST /api/clients/{id}/tax-notices", principal))
            return try APIRequest.respond(try standing(client, env), status: .created, context)
        }
    }

    static func standing(_ client: String, _ env: ServiceEnvironment) throws -> StandingResponse {
        let today = env.today()
        let standing = try env.ledger.standing(client: client).standing
        return StandingResponse(client: client, at: today,
                                current: standing.history.status(on: today)?.status.rawValue ?? ClientStatus.normal.rawValue,
                                statuses: standing.statuses.map(StatusEntry.init), taxNotices: standing.taxNotices)
    }

    struct StatusBody: Decodable {
        var status: String
        var since: Day?
        var coolingOffUntil: Day?
        var note: String?
    }

    struct TaxNoticeBody: Decodable {
        var sent: Day
        var note: String?
    }

    /// A client's standing: the status in force on `at` (`normal` when none was recorded), the
    /// history oldest first, and the days notices went to the tax collector.
    struct StandingResponse: Encodable {
        var client: String
        var at: Day
        var current: String
        var statuses: [StatusEntry]
        var taxNotices: [Day]
    }

    /// One recorded status; `cooling_off_until` and `note` are null when not given.
    struct StatusEntry: Encodable {
        var status: String
        var since: Day
        var coolingOffUntil: Day?
        var note: String?
        var recordedOn: Day

        init(_ entry: ClientStatusHistory.Entry) {
            status = entry.status.rawValue; since = entry.since; coolingOffUntil = entry.coolingOffUntil
            note = entry.note; recordedOn = entry.recordedOn
        }

        enum CodingKeys: String, CodingKey { case status, since, coolingOffUntil, note, recordedOn }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(status, forKey: .status)
            try c.encode(since, forKey: .since)
            try c.encode(coolingOffUntil, forKey: .coolingOffUntil)
            try c.encode(note, forKey: .note)
            try c.encode(recordedOn, forKey: .recordedOn)
        }
    }
}
