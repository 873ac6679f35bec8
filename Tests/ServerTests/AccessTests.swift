import Foundation
import Hummingbird
import HummingbirdTesting
import LedgerStore
import Testing
@testable import TitleholdServer

/// Access (issue 6): tokens, roles, the sign-in page and sessions, and who did what.
@Suite struct AccessTests {
    static let password = "correct horse battery"

    static func form(_ fields: [(String, String)]) -> ByteBuffer {
        let text = fields.map { name, value in
            "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
        }.joined(separator: "&")
        return ByteBuffer(string: text)
    }

    static let formHeaders: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    /// The session id in a `Set-Cookie: titlehold_session=...; ...` header.
    static func session(in response: TestResponse) -> String? {
        response.headers[values: .setCookie].lazy.compactMap { header -> String? in
            guard header.hasPrefix("titlehold_session=") else { return nil }
            let value = header.dropFirst("titlehold_session=".count).prefix { $0 != ";" }
            return value.isEmpty ? nil : String(value)
        }.first
    }

    @Test func withoutCredentialsAnAdminRouteIs401() async throws {
        let service = try TestService()
        try await service.application.test(.router) { client in
            let response = try await client.execute(uri: "/api/users", method: .get)
            #expect(response.status == .unauthorized)
            let body = try #require(try response.body.json() as? [String: Any])
            #expect(body["status"] as? Int == 401)
        }
    }

    @Test(arguments: [Role.intake, .finance])
    func aLowerRoleIs403(role: Role) async throws {
        let service = try TestService()
        try await service.application.test(.router) { client in
            let response = try await client.execute(uri: "/api/users", method: .get, headers: service.bearer(role))
            #expect(response.status == .forbidden)
            #expect(String(buffer: response.body).contains("needs the role admin"))
        }
    }

    @Test func aRevokedTokenIs401() async throws {
        let service = try TestService()
        let made = try service.env.ledger.createToken(user: "admin-user", label: "old laptop", context: ChangeContext(command: "test"))
        try await service.application.test(.router) { client in
            let headers: HTTPFields = [.authorization: "Bearer \(made.token)"]
            let before = try await client.execute(uri: "/api/users", method: .get, headers: headers)
            #expect(before.status == .ok)
            let revoke = try await client.execute(uri: "/api/tokens/\(made.id)", method: .delete, headers: service.bearer(.admin))
            #expect(revoke.status == .noContent)
            let after = try await client.execute(uri: "/api/users", method: .get, headers: headers)
            #expect(after.status == .unauthorized)
            let again = try await client.execute(uri: "/api/tokens/\(made.id)", method: .delete, headers: service.bearer(.admin))
            #expect(again.status == .notFound)
        }
    }

    @Test(arguments: [
        ("/login", nil, "nl", "Aanmelden bij Titlehold"),
        ("/login?lang=en", nil, "en", "Sign in to Titlehold"),
        ("/login", "en-GB,en;q=0.9,nl;q=0.8", "en", "Sign in to Titlehold"),
        ("/login", "de-DE, nl;q=0.5, en;q=0.4", "nl", "Wachtwoord"),
        ("/login?lang=nl", "en", "nl", "Gebruikersnaam"),
    ])
    func theSignInPageSpeaksDutchAndEnglish(uri: String, acceptLanguage: String?, lang: String, text: String) async throws {
        let service = try TestService()
        try await service.application.test(.router) { client in
            var headers: HTTPFields = [:]
            if let acceptLanguage { headers[.acceptLanguage] = acceptLanguage }
            let response = try await client.execute(uri: uri, method: .get, headers: headers)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
            let page = String(buffer: response.body)
            #expect(page.contains("<html lang=\"\(lang)\">"))
            #expect(page.contains(text))
            #expect(page.contains("name=\"password\""))
        }
    }

    @Test func aWrongPasswordIs401WithoutACookie() async throws {
        let service = try TestService()
        try await service.application.test(.router) { client in
            for user in ["admin-user", "nobody"] {
                let response = try await client.execute(
                    uri: "/login?lang=en", method: .post, headers: Self.formHeaders,
                    body: Self.form([("user", user), ("password", "not the password")]))
                #expect(response.status == .unauthorized)
                #expect(response.headers[values: .setCookie].isEmpty)
                #expect(String(buffer: response.body).contains("The user name or password is not right"))
            }
        }
    }

    @Test func signingInSetsASessionThatAuthenticates() async throws {
        let service = try TestService()
        try await service.application.test(.router) { client in
            let response = try await client.execute(
                uri: "/login", method: .post, headers: Self.formHeaders,
                body: Self.form([("user", "admin-user"), ("password", Self.password)]))
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/")
            let cookie = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("titlehold_session=") })
            for attribute in ["HttpOnly", "SameSite=Strict", "Path=/", "Max-Age=43200"] {
                #expect(cookie.contains(attribute), "cookie lacks \(attribute): \(cookie)")
            }
            let session = try #require(Self.session(in: response))
            let users = try await client.execute(uri: "/api/users", method: .get, headers: [.cookie: "titlehold_session=\(session)"])
            #expect(users.status == .ok)
            let list = try #require(try users.body.json() as? [[String: Any]])
            #expect(list.contains { $0["name"] as? String == "admin-user" && $0["role"] as? String == "admin" })
        }
    }

    @Test(arguments: [
        ("https://evil.example/", "/"), ("//evil.example/x", "/"), ("/\\evil.example", "/"), ("javascript:alert(1)", "/"),
        ("/items/PF4XK2L3?lang=en", "/items/PF4XK2L3?lang=en"), ("/login", "/"), ("", "/"),
    ])
    func onlyALocalNextIsFollowed(next: String, location: String) async throws {
        let service = try TestService()
        try await service.application.test(.router) { client in
            let response = try await client.execute(
                uri: "/login", method: .post, headers: Self.formHeaders,
                body: Self.form([("user", "intake-user"), ("password", Self.password), ("next", next)]))
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == location)
        }
    }

    @Test func signingOutEndsTheSession() async throws {
        let service = try TestService()
        let session = try service.env.ledger.createSession(user: "finance-user", seconds: 3600)
        try await service.application.test(.router) { client in
            let cookie: HTTPFields = [.cookie: "titlehold_session=\(session)"]
            let export = "/api/clients/23456789/export"
            let before = try await client.execute(uri: export, method: .get, headers: cookie)
            #expect(before.status == .forbidden)
            let response = try await client.execute(uri: "/logout", method: .post, headers: cookie)
            #expect(response.status == .seeOther)
            #expect(response.headers[.location]?.hasPrefix("/login") == true)
            #expect(response.headers[values: .setCookie].contains { $0.hasPrefix("titlehold_session=;") && $0.contains("Max-Age=0") })
            let after = try await client.execute(uri: export, method: .get, headers: cookie)
            #expect(after.status == .unauthorized)
            #expect(try service.env.ledger.account(forSession: session) == nil)
        }
    }

    @Test func adminsManageUsersAndTokens() async throws {
        let service = try TestService()
        try await service.application.test(.router) { client in
            var json = service.bearer(.admin)
            json[.contentType] = "application/json"
            let added = try await client.execute(uri: "/api/users", method: .post, headers: json,
                                                 body: ByteBuffer(string: #"{"name": "clerk", "password": "a long passphrase", "role": "intake"}"#))
            #expect(added.status == .created)
            let short = try await client.execute(uri: "/api/users", method: .post, headers: json,
                                                 body: ByteBuffer(string: #"{"name": "x", "password": "short", "role": "intake"}"#))
            #expect(short.status == .unprocessableContent)
            let badRole = try await client.execute(uri: "/api/users", method: .post, headers: json,
                                                   body: ByteBuffer(string: #"{"name": "y", "password": "a long passphrase", "role": "root"}"#))
            #expect(badRole.status == .badRequest)

            let token = try await client.execute(uri: "/api/tokens", method: .post, headers: json,
                                                 body: ByteBuffer(string: #"{"user": "clerk", "label": "front desk"}"#))
            #expect(token.status == .created)
            let body = try #require(try token.body.json() as? [String: Any])
            let secret = try #require(body["token"] as? String)
            #expect(body["id"] is Int)
            // The new token acts as the intake clerk: enough to be known, not enough for admin.
            let asClerk = try await client.execute(uri: "/api/users", method: .get, headers: [.authorization: "Bearer \(secret)"])
            #expect(asClerk.status == .forbidden)
            #expect(String(buffer: asClerk.body).contains("clerk has intake"))
        }
    }

    /// A change made through the API names its user in the event log, and the chain stays intact.
    @Test func theEventLogNamesWhoErasedAClient() async throws {
        let service = try TestService()
        try await service.application.test(.router) { client in
            let erase = try await client.execute(uri: "/api/clients/23456789/erase", method: .post, headers: service.bearer(.admin))
            #expect(erase.status == .ok)
            let report = try #require(try erase.body.json() as? [String: Any])
            #expect(report["name_cleared"] as? Bool == true)
            let export = try await client.execute(uri: "/api/clients/23456789/export", method: .get, headers: service.bearer(.admin))
            #expect(export.status == .ok)
            let body = try #require(try export.body.json() as? [String: Any])
            let clientPart = try #require(body["client"] as? [String: Any])
            #expect(clientPart["name"] == nil || clientPart["name"] is NSNull)
            let events = try #require(body["events"] as? [[String: Any]])
            let erased = try #require(events.last { $0["action"] as? String == "client.erased" })
            #expect(erased["actor"] as? String == "admin-user (token)")
            #expect(erased["command"] as? String == "api clients erase")
            let missing = try await client.execute(uri: "/api/clients/99999999/export", method: .get, headers: service.bearer(.admin))
            #expect(missing.status == .notFound)
        }
        #expect(try service.env.ledger.verifyAuditLog().firstBreak == nil)
    }

    @Test(arguments: [
        (nil, LoginPage.Language.nl), ("en", .en), ("en-US", .en), ("fr, de;q=0.9", .nl), ("nl-BE;q=0.3, en;q=0.7", .en),
        ("en;q=0, nl", .nl), ("NL", .nl),
    ])
    func acceptLanguageChoosesByWeight(header: String?, language: LoginPage.Language) {
        #expect(LoginPage.language(acceptLanguage: header) == language)
    }
}
