import Hummingbird
import LedgerStore

/// The admin API (role `admin`, issue 6 Access): users, bearer tokens, and the export and erasure
/// of one client's personal data (art. 30 of the terms). Every write names the admin who made it
/// in the event log (`ChangeContext.actor`).
enum AdminRoutes {
    struct NewUser: Decodable {
        var name: String
        var password: String
        var role: Role
    }

    struct UserView: ResponseEncodable {
        var name: String
        var role: String
        var createdAt: String
    }

    struct NewToken: Decodable {
        var user: String
        var label: String?
    }

    /// The token itself is in this answer only: the ledger keeps its hash.
    struct TokenView: ResponseEncodable {
        var id: Int64
        var token: String
    }

    static func register(on router: Router<ServerContext>, _ env: ServiceEnvironment) {
        let ledger = env.ledger
        router.get("/api/users") { _, context -> [UserView] in
            _ = try context.require(.admin)
            return try ledger.users().map { UserView(name: $0.name, role: $0.role, createdAt: $0.createdAt) }
        }
        router.post("/api/users") { request, context -> EditedResponse<UserView> in
            let admin = try context.require(.admin)
            let body = try await APIRequest.json(request, context, as: NewUser.self)
            let change = ChangeContext(command: "api users add", actor: admin.actor)
            // bcrypt at the production cost: a quarter of a second, off the cooperative pool.
            try await Accounts.offPool {
                try Accounts.addUser(body.name, password: body.password, role: body.role, in: ledger, context: change)
            }
            let name = body.name.trimmingCharacters(in: .whitespaces)
            let created = try ledger.users().first { $0.name == name }
            return EditedResponse(status: .created, response: UserView(name: name, role: body.role.rawValue,
                                                                      createdAt: created?.createdAt ?? ""))
        }
        router.post("/api/tokens") { request, context -> EditedResponse<TokenView> in
            let admin = try context.require(.admin)
            let body = try await APIRequest.json(request, context, as: NewToken.self)
            let made = try ledger.createToken(user: body.user, label: body.label,
                                              context: ChangeContext(command: "api tokens create", actor: admin.actor))
            return EditedResponse(status: .created, response: TokenView(id: made.id, token: made.token))
        }
        router.delete("/api/tokens/:id") { _, context -> Response in
            let admin = try context.require(.admin)
            let id = try context.parameters.require("id", as: Int64.self)
            try ledger.revokeToken(id: id, context: ChangeContext(command: "api tokens revoke", actor: admin.actor))
            return Response(status: .noContent)
        }
        router.get("/api/clients/:id/export") { _, context -> ClientExport in
            _ = try context.require(.admin)
            return try ledger.exportClient(try context.parameters.require("id"))
        }
        router.post("/api/clients/:id/erase") { _, context -> ErasureReport in
            let admin = try context.require(.admin)
            return try ledger.eraseClient(try context.parameters.require("id"),
                                          context: ChangeContext(command: "api clients erase", actor: admin.actor))
        }
    }
}

extension ClientExport: ResponseEncodable {}
extension ErasureReport: ResponseEncodable {}
