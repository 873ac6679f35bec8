import Dispatch
import HummingbirdBcrypt
import LedgerStore

/// Users and tokens as the CLI (`users add`, `tokens create`) and the admin API make them.
/// Passwords are hashed with bcrypt (a deliberately slow hash; cost 12 by default, about a
/// quarter of a second here) before they reach the ledger.
public enum Accounts {
    public static let minimumPasswordLength = 10
    public static let defaultCost: UInt8 = 12

    public static func addUser(_ name: String, password: String, role: Role, in ledger: LedgerDatabase, cost: UInt8 = defaultCost,
                               context: ChangeContext) throws {
        guard password.count >= minimumPasswordLength else {
            throw LedgerError("a password has at least \(minimumPasswordLength) characters")
        }
        try ledger.addUser(name: name, passwordHash: Bcrypt.hash(password, cost: cost), role: role.rawValue, context: context)
    }

    /// The principal whose name and password match, or nil. An unknown name costs a bcrypt
    /// verification all the same (against a decoy hash), so a guesser learns nothing from the time
    /// an answer takes, and every guess costs what a real one does.
    public static func signIn(_ name: String, password: String, in ledger: LedgerDatabase) throws -> Principal? {
        guard let stored = try ledger.credentials(of: name) else {
            _ = Bcrypt.verify(password, hash: decoyHash)
            return nil
        }
        guard Bcrypt.verify(password, hash: stored.passwordHash), let role = Role(rawValue: stored.role) else { return nil }
        return Principal(user: name, role: role, credential: .session)
    }

    /// A hash of no password anyone has, at the production cost.
    static let decoyHash = Bcrypt.hash("titlehold-decoy-\(UInt64.random(in: .min ... .max))", cost: defaultCost)

    /// Runs slow hashing work on a Dispatch queue, off Swift's cooperative thread pool, so a
    /// sign-in (a quarter of a second of bcrypt) does not hold up other requests.
    static func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(with: Result { try work() })
            }
        }
    }
}
