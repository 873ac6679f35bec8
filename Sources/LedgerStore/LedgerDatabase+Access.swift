import Crypto
import Foundation
import GRDB

/// A user of the service and its role (intake, finance or admin; the server defines what each may do).
public struct UserAccount: Sendable, Hashable {
    public var name: String
    public var role: String
    public var createdAt: String
}

/// Users, bearer tokens and sign-in sessions. Passwords arrive already hashed with a slow hash
/// (bcrypt, by the server); tokens and session ids are random, shown once, and stored only as
/// their SHA-256, so a copy of the database gives no way in.
extension LedgerDatabase {
    /// Adds a user. Refused: an empty or taken name, or a role the server does not know.
    public func addUser(name: String, passwordHash: String, role: String, context: ChangeContext) throws {
        let name = name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 64 else { throw LedgerError("a user name has 1 to 64 characters") }
        try change(context) { db, record in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM user_account WHERE name = ?", arguments: [name]) == true {
                throw LedgerError("there is a user '\(name)' already")
            }
            try db.execute(sql: "INSERT INTO user_account (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [name, role, passwordHash, AuditLog.isoInstant(now())])
            try record(AuditLog.Entry(action: "user.added", subject: name, details: ["role": role]))
        }
        credentialCache.clear()
    }

    /// The stored password hash and role of `name`, to check a sign-in.
    public func credentials(of name: String) throws -> (passwordHash: String, role: String)? {
        try writer.read { db in
            try Row.fetchOne(db, sql: "SELECT password_hash, role FROM user_account WHERE name = ?", arguments: [name])
                .map { ($0["password_hash"], $0["role"]) }
        }
    }

    public func users() throws -> [UserAccount] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT name, role, created_at FROM user_account ORDER BY name").map {
                UserAccount(name: $0["name"], role: $0["role"], createdAt: $0["created_at"])
            }
        }
    }

    /// Creates a bearer token for `user` and returns it; only its hash is kept.
    public func createToken(user: String, label: String?, context: ChangeContext) throws -> (id: Int64, token: String) {
        let token = "th_" + Self.randomSecret()
        let id = try change(context) { db, record -> Int64 in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM user_account WHERE name = ?", arguments: [user]) == true else {
                throw LedgerError("no user '\(user)'; add it with `titlehold users add`")
            }
            try db.execute(sql: "INSERT INTO api_token (token_hash, user_name, label, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [Self.secretHash(token), user, label, AuditLog.isoInstant(now())])
            let id = db.lastInsertedRowID
            try record(AuditLog.Entry(action: "token.created", subject: user, details: ["token_id": "\(id)", "label": label ?? ""]))
            return id
        }
        return (id, token)
    }

    /// Revokes a token by id.
    public func revokeToken(id: Int64, context: ChangeContext) throws {
        try change(context) { db, record in
            try db.execute(sql: "UPDATE api_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                           arguments: [AuditLog.isoInstant(now()), id])
            guard db.changesCount == 1 else { throw LedgerError("no active token \(id)") }
            try record(AuditLog.Entry(action: "token.revoked", subject: "\(id)"))
        }
        credentialCache.clear()
    }

    /// The user and role a bearer token belongs to, if it is known and not revoked (checked in
    /// the tables at most once a second per token: `CredentialCache`).
    public func account(forToken token: String) throws -> (user: String, role: String)? {
        if let known = credentialCache.account(.token, token) { return known }
        let account: (user: String, role: String)? = try writer.read { db in
            try Row.fetchOne(db, sql: """
                SELECT user_account.name, user_account.role FROM api_token JOIN user_account ON user_account.name = api_token.user_name
                WHERE api_token.token_hash = ? AND api_token.revoked_at IS NULL
                """, arguments: [Self.secretHash(token)]).map { ($0[0], $0[1]) }
        }
        if let account { credentialCache.remember(.token, token, as: account) }
        return account
    }

    /// Starts a sign-in session of `user` that lasts `seconds`; returns the session id for the cookie.
    public func createSession(user: String, seconds: Int) throws -> String {
        let id = Self.randomSecret()
        let expires = AuditLog.isoInstant(now().addingTimeInterval(TimeInterval(seconds)))
        try writer.write { db in
            try db.execute(sql: "DELETE FROM user_session WHERE expires_at < ?", arguments: [AuditLog.isoInstant(now())])
            try db.execute(sql: "INSERT INTO user_session (id_hash, user_name, expires_at) VALUES (?, ?, ?)",
                           arguments: [Self.secretHash(id), user, expires])
        }
        return id
    }

    /// The user and role of a live session (checked in the tables at most once a second per
    /// session: `CredentialCache`).
    public func account(forSession id: String) throws -> (user: String, role: String)? {
        if let known = credentialCache.account(.session, id) { return known }
        let account: (user: String, role: String)? = try writer.read { db in
            try Row.fetchOne(db, sql: """
                SELECT user_account.name, user_account.role FROM user_session JOIN user_account ON user_account.name = user_session.user_name
                WHERE user_session.id_hash = ? AND user_session.expires_at >= ?
                """, arguments: [Self.secretHash(id), AuditLog.isoInstant(now())]).map { ($0[0], $0[1]) }
        }
        if let account { credentialCache.remember(.session, id, as: account) }
        return account
    }

    public func endSession(_ id: String) throws {
        try writer.write { db in try db.execute(sql: "DELETE FROM user_session WHERE id_hash = ?", arguments: [Self.secretHash(id)]) }
        credentialCache.clear()
    }

    static func randomSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func secretHash(_ secret: String) -> String { sha256Hex(Data(secret.utf8)) }
}
