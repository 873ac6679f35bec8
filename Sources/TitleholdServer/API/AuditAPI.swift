import Hummingbird
import LedgerStore

/// The event log's hash chain (`titlehold audit verify --json`). Role: admin.
enum AuditAPI {
    static func register(on router: Router<ServerContext>, _ env: ServiceEnvironment) {
        // GET /api/audit/verify: 200 whether intact or not; `ok` says which.
        router.get("/api/audit/verify") { _, context in
            _ = try context.require(.admin)
            let verification = try env.ledger.verifyAuditLog()
            return try APIRequest.respond(AuditResult(verification), context)
        }
    }

    /// As the CLI prints it: `broken_at` and `problem` only when the chain breaks.
    struct AuditResult: Encodable {
        var ok: Bool
        var events: Int
        var headHash: String
        var brokenAt: Int64?
        var problem: String?

        init(_ v: AuditLog.Verification) {
            ok = v.firstBreak == nil; events = v.eventCount; headHash = v.headHash
            brokenAt = v.firstBreak?.seq; problem = v.firstBreak?.problem
        }
    }
}
