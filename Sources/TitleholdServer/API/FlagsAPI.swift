import Hummingbird
import TitleholdApp

/// The flags board: items eligible for repossession on a date and what blocks their pickup
/// (art. 10.3, 63a/241a/376 Fw, 22bis Iw) — `titlehold flags --json` over HTTP. Role: finance.
enum FlagsAPI {
    static func register(on router: Router<ServerContext>, _ env: ServiceEnvironment) {
        // GET /api/flags?at=&scope=
        router.get("/api/flags") { request, context in
            _ = try context.require(.finance)
            let day = try APIRequest.day(request, "at") ?? env.today()
            let scope = try ItemsAPI.scope(request, env)
            let reports = try FlagService(rules: env.rules, scope: scope).flags(in: env.ledger, on: day).map(FlagReport.init)
            return try APIRequest.respond(reports, context)
        }
    }
}
