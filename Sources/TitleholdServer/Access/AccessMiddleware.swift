import Hummingbird
import HummingbirdAuth
import LedgerStore

/// Sets the request's identity from `Authorization: Bearer <token>` or the `titlehold_session`
/// cookie (issue 6, Access). A request without either goes on unauthenticated; each route then
/// says which role it needs (`ServerContext.require`). `/health` is for probes and looks at no
/// credentials at all, so a probe with a stale token still gets its answer.
struct AccessMiddleware: AuthenticatorMiddleware {
    typealias Context = ServerContext
    typealias Identity = Principal
    static let sessionCookie = "titlehold_session"

    let ledger: LedgerDatabase

    func authenticate(request: Request, context: Context) async throws -> Principal? {
        if request.uri.path == "/health" { return nil }
        if let bearer = request.headers.bearer {
            guard let account = try ledger.account(forToken: bearer.token), let role = Role(rawValue: account.role) else {
                throw HTTPError(.unauthorized, message: "the bearer token is not valid (unknown or revoked)")
            }
            return Principal(user: account.user, role: role, credential: .token)
        }
        if let session = request.cookies[Self.sessionCookie]?.value,
           let account = try ledger.account(forSession: session), let role = Role(rawValue: account.role) {
            return Principal(user: account.user, role: role, credential: .session)
        }
        return nil
    }
}
