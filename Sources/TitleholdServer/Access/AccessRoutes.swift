import Foundation
import Hummingbird
import LedgerStore

/// Sign-in, sessions and bearer tokens (issue 6, Access). Owned by the access work.
enum AccessRoutes {
    /// How long a sign-in lasts: a working day.
    static let sessionSeconds = 12 * 3600

    /// Sets `context.identity` from a bearer token or a session cookie; runs before every route.
    static func middleware(_ env: ServiceEnvironment) -> some RouterMiddleware<ServerContext> { AccessMiddleware(ledger: env.ledger) }

    /// /login, /logout and the admin endpoints for users, tokens and personal data.
    static func register(on router: Router<ServerContext>, _ env: ServiceEnvironment) {
        router.get("/login") { request, _ in
            let query = request.uri.queryParameters
            return try LoginPage(language: LoginPage.language(of: request), signedOut: query.get("signed_out") == "1",
                                 next: query.get("next").flatMap { LoginRedirect.isLocalPath($0) ? $0 : nil }).response(env)
        }
        router.post("/login") { request, context in try await signIn(request, context: context, env) }
        router.post("/logout") { request, _ in
            if let session = request.cookies[AccessMiddleware.sessionCookie]?.value { try env.ledger.endSession(session) }
            var response = Response(status: .seeOther, headers: [.location: "/login?signed_out=1", .cacheControl: "no-store"])
            response.setCookie(Cookie(name: AccessMiddleware.sessionCookie, value: "", expires: Date(timeIntervalSince1970: 0),
                                      maxAge: 0, path: "/", secure: isHTTPS(request), httpOnly: true, sameSite: .strict))
            return response
        }
        AdminRoutes.register(on: router, env)
    }

    /// The fields of the sign-in form (application/x-www-form-urlencoded).
    struct LoginForm: Decodable {
        var user: String?
        var password: String?
        var next: String?
    }

    /// Checks the password (bcrypt, off the cooperative pool); on success starts a session of 12
    /// hours, sets its cookie and sends the browser on to `next` when that is a local path.
    static func signIn(_ request: Request, context: ServerContext, _ env: ServiceEnvironment) async throws -> Response {
        let body = try await request.body.collect(upTo: 64 * 1024)
        let form: LoginForm
        do { form = try URLEncodedFormDecoder().decode(LoginForm.self, from: String(buffer: body)) } catch {
            throw HTTPError(.badRequest, message: "the sign-in form is application/x-www-form-urlencoded with fields user and password")
        }
        let user = (form.user ?? "").trimmingCharacters(in: .whitespaces)
        let password = form.password ?? ""
        let next = form.next.flatMap { LoginRedirect.isLocalPath($0) ? $0 : nil }
        let ledger = env.ledger
        let principal = user.isEmpty || password.isEmpty || user.count > 64 || password.count > 1024
            ? nil : try await Accounts.offPool { try Accounts.signIn(user, password: password, in: ledger) }
        guard let principal else {
            env.logger.notice("sign-in refused", metadata: ["user": "\(user.prefix(64))"])
            return try LoginPage(language: LoginPage.language(of: request), failed: true, user: String(user.prefix(64)), next: next)
                .response(env, status: .unauthorized)
        }
        let session = try ledger.createSession(user: principal.user, seconds: sessionSeconds)
        env.logger.info("signed in", metadata: ["user": "\(principal.user)", "role": "\(principal.role.rawValue)"])
        var response = Response(status: .seeOther, headers: [.location: LoginRedirect.target(next), .cacheControl: "no-store"])
        response.setCookie(Cookie(name: AccessMiddleware.sessionCookie, value: session, maxAge: sessionSeconds, path: "/",
                                  secure: isHTTPS(request), httpOnly: true, sameSite: .strict))
        return response
    }

    /// Behind a TLS-terminating proxy (`X-Forwarded-Proto: https`) the cookie is also `Secure`;
    /// on plain HTTP to 127.0.0.1 it cannot be, or the browser would never send it back.
    static func isHTTPS(_ request: Request) -> Bool {
        request.headers.first { $0.name.canonicalName == "x-forwarded-proto" }?.value.lowercased() == "https"
    }
}
