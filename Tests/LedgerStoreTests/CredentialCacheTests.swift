import Foundation
import Synchronization
import Testing
@testable import LedgerStore

/// The one-second memory of checked tokens and sessions (issue 6, Speed): what it keeps, for how
/// long, and that a change through the same ledger is seen at once.
@Suite struct CredentialCacheTests {
    /// A monotonic clock the test moves by hand.
    final class Uptime: Sendable {
        let nanoseconds = Atomic<UInt64>(1_000)
        func advance(milliseconds: UInt64) { nanoseconds.add(milliseconds * 1_000_000, ordering: .relaxed) }
        var clock: @Sendable () -> UInt64 { { self.nanoseconds.load(ordering: .relaxed) } }
    }

    @Test func aCheckedTokenIsTrustedForTheLifetimeOnly() {
        let uptime = Uptime()
        let cache = CredentialCache(lifetime: .seconds(1), uptime: uptime.clock)
        #expect(cache.account(.token, "th_a") == nil, "nothing is known before a check")
        cache.remember(.token, "th_a", as: ("ann", "finance"))
        #expect(cache.account(.token, "th_a")?.role == "finance")
        #expect(cache.account(.session, "th_a") == nil, "a token is not a session id")
        uptime.advance(milliseconds: 999)
        #expect(cache.account(.token, "th_a")?.user == "ann")
        uptime.advance(milliseconds: 1)
        #expect(cache.account(.token, "th_a") == nil, "after one second the tables are read again")
    }

    @Test func clearingForgetsEverything() {
        let cache = CredentialCache()
        cache.remember(.token, "th_a", as: ("ann", "admin"))
        cache.remember(.session, "s1", as: ("bob", "intake"))
        cache.clear()
        #expect(cache.account(.token, "th_a") == nil && cache.account(.session, "s1") == nil)
    }

    @Test func aFullCacheStartsAgainInsteadOfGrowing() {
        let cache = CredentialCache(capacity: 3)
        for n in 0..<3 { cache.remember(.token, "th_\(n)", as: ("u\(n)", "intake")) }
        #expect(cache.account(.token, "th_2") != nil)
        cache.remember(.token, "th_3", as: ("u3", "intake"))
        #expect(cache.account(.token, "th_0") == nil && cache.account(.token, "th_3") != nil)
    }

    @Test func aTokenRevokedThroughTheSameLedgerIsRefusedAtOnce() throws {
        let ledger = try LedgerDatabase.inMemory()
        try ledger.addUser(name: "ann", passwordHash: "x", role: "finance", context: ChangeContext(command: "test"))
        let made = try ledger.createToken(user: "ann", label: nil, context: ChangeContext(command: "test"))
        #expect(try ledger.account(forToken: made.token)?.user == "ann")
        try ledger.revokeToken(id: made.id, context: ChangeContext(command: "test"))
        #expect(try ledger.account(forToken: made.token) == nil)
    }

    @Test func aTokenRevokedByAnotherProcessIsRefusedWithinASecond() throws {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("credential-cache-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let service = try LedgerDatabase.open(path: path)
        try service.addUser(name: "ann", passwordHash: "x", role: "finance", context: ChangeContext(command: "test"))
        let made = try service.createToken(user: "ann", label: nil, context: ChangeContext(command: "test"))
        #expect(try service.account(forToken: made.token)?.user == "ann")

        // The CLI's `tokens revoke` opens the same file on its own.
        let shell = try LedgerDatabase.open(path: path)
        try shell.revokeToken(id: made.id, context: ChangeContext(command: "tokens revoke"))
        #expect(try shell.account(forToken: made.token) == nil)
        Thread.sleep(forTimeInterval: 1.1)
        #expect(try service.account(forToken: made.token) == nil, "the service reads the tables again after a second")
    }
}
