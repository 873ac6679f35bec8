import Foundation
import TitleholdCore

/// Bearer tokens and sign-in sessions checked in the last second, so the service does not read
/// SQLite and hash a secret for every request (issue 6, Speed: the check cost about 230 µs of the
/// look-up's request; a hit costs a dictionary look-up).
///
/// Only credentials found valid are kept, with the user and role they gave. Freshness:
/// - a change made through the same `LedgerDatabase` (a token revoked through the API, a sign-out,
///   a user added) clears the cache in that change, so the next request reads the tables again;
/// - a change made by another process on the same file (`titlehold tokens revoke` from a shell)
///   takes effect within `lifetime`, one second: that is the one staleness this cache allows.
/// Entries carry the monotonic time they expire at, so a wall-clock jump cannot stretch them.
final class CredentialCache: @unchecked Sendable {
    // @unchecked: `entries` is read and written only while `lock` is held.
    enum Kind: UInt8 { case token, session }

    private struct Key: Hashable {
        var kind: Kind
        var secret: String
    }

    private struct Entry {
        var user: String
        var role: String
        var expiresAt: UInt64
    }

    /// How long a checked credential is trusted without reading the tables again.
    let lifetime: Duration
    /// More entries than this (many distinct valid credentials in one second) empties the cache
    /// instead of growing it: a bound, not an eviction policy.
    let capacity: Int
    private let lock = NSLock()
    private var entries: [Key: Entry] = [:]
    private let uptime: @Sendable () -> UInt64

    init(lifetime: Duration = .seconds(1), capacity: Int = 4_096,
         uptime: @escaping @Sendable () -> UInt64 = { DispatchTime.now().uptimeNanoseconds }) {
        self.lifetime = lifetime
        self.capacity = capacity
        self.uptime = uptime
    }

    /// The user and role `secret` gave within `lifetime`, or nil (unknown, expired or never checked).
    func account(_ kind: Kind, _ secret: String) -> (user: String, role: String)? {
        let now = uptime()
        lock.lock()
        defer { lock.unlock() }
        guard let entry = entries[Key(kind: kind, secret: secret)], entry.expiresAt > now else { return nil }
        return (entry.user, entry.role)
    }

    /// Remembers that `secret` was valid for `account` just now.
    func remember(_ kind: Kind, _ secret: String, as account: (user: String, role: String)) {
        let entry = Entry(user: account.user, role: account.role, expiresAt: uptime() + UInt64(lifetime.wholeNanoseconds))
        lock.lock()
        defer { lock.unlock() }
        if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
        entries[Key(kind: kind, secret: secret)] = entry
    }

    /// Forgets every credential: called by each change to users, tokens or sessions.
    func clear() {
        lock.lock()
        defer { lock.unlock() }
        entries.removeAll(keepingCapacity: true)
    }
}
