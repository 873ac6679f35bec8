import Foundation
import GRDB
import GRDBSQLite
@testable import LedgerStore
import TestSupport
import Testing
import TitleholdCore

/// The look-up connections keep their read transaction between look-ups (`LookupSnapshot`): a
/// look-up must still see every commit that ended before it started — by this process or
/// another — and a kept transaction must not hold back a checkpoint for long.
@Suite(.removesTemporaryFolders) struct LookupSnapshotTests {
    @Test func aCommitOnAnotherConnectionIsSeenByTheNextLookUp() throws {
        let (ledger, path) = try temporaryLedger()
        for delivery in try ClientSliceTests.demoDeliveries() { try ledger.deliver(delivery, context: testContext) }
        #expect(try ledger.lookup(serial: "7XK2L3M").items.count == 1)
        #expect(ledger.lookupConnections?.keepsASnapshot == true, "the look-up keeps its read transaction")

        // Another program on the same file (a command run from a shell while the service runs).
        let other = try LedgerDatabase.open(path: path)
        let late = Delivery(client: "12345678", agreement: "ORD-2026-0101", serial: "SNAPSHOT1", gtin: "8712345000011",
                            date: Day(iso: "2026-03-02")!)
        _ = try other.deliver(late, context: testContext)
        #expect(try ledger.ownershipLookup(serial: "SNAPSHOT1").items.map(\.serial) == ["SNAPSHOT1"],
                "a delivery committed elsewhere is found by the next look-up")

        let returned = ItemEvent(kind: .returned, date: Day(iso: "2026-12-01")!, note: "RMA 17")
        try other.recordItemEvent(serial: "7XK2L3M", returned, context: testContext)
        let events = try ledger.lookup(serial: "7XK2L3M").ledger?.items.flatMap(\.events) ?? []
        #expect(events.map(\.kind) == [.returned], "an item event committed elsewhere is in the next look-up")

        // And this process's own writes, through the pool.
        try ledger.undoDelivery(itemID: try #require(try ledger.items(serial: "SNAPSHOT1").first).id, context: testContext)
        #expect(try ledger.ownershipLookup(serial: "SNAPSHOT1").items.isEmpty, "an undone delivery is gone at once")
    }

    @Test func anIdleKeptTransactionEndsSoACheckpointCanTruncateTheWAL() throws {
        let (ledger, path) = try temporaryLedger()
        for delivery in try ClientSliceTests.demoDeliveries() { try ledger.deliver(delivery, context: testContext) }
        _ = try ledger.lookup(serial: "7XK2L3M")
        let connections = try #require(ledger.lookupConnections)
        #expect(connections.keepsASnapshot)

        // The idle timer ends it within two of its periods (100 ms each); five seconds is the limit here.
        let deadline = Date().addingTimeInterval(5)
        while connections.keepsASnapshot && Date() < deadline { usleep(10_000) }
        #expect(!connections.keepsASnapshot, "an idle look-up connection gives its read transaction back")

        // Then a checkpoint that waits for no reader empties the WAL.
        let queue = try DatabaseQueue(path: path)
        let result = try queue.writeWithoutTransaction { db in try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        #expect(result?[0] as Int? == 0, "the checkpoint was not blocked")
        let walSize = try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int
        #expect(walSize == 0)
        #expect(try ledger.lookup(serial: "7XK2L3M").items.count == 1, "look-ups go on after the checkpoint")
    }

    @Test func endKeptReadTransactionsGivesTheSnapshotBackAtOnce() throws {
        let (ledger, _) = try temporaryLedger()
        for delivery in try ClientSliceTests.demoDeliveries() { try ledger.deliver(delivery, context: testContext) }
        _ = try ledger.lookup(serial: "7XK2L3M")
        #expect(ledger.lookupConnections?.keepsASnapshot == true)
        ledger.endKeptReadTransactions()
        #expect(ledger.lookupConnections?.keepsASnapshot == false)
        #expect(try ledger.lookup(serial: "7XK2L3M").items.count == 1)
    }

    /// A ledger not in WAL mode has no WAL index to watch: nothing is kept, and look-ups still answer.
    @Test func withoutWALEachLookUpHasItsOwnTransaction() throws {
        let path: String
        do {
            let (ledger, ledgerPath) = try temporaryLedger()
            for delivery in try ClientSliceTests.demoDeliveries() { try ledger.deliver(delivery, context: testContext) }
            path = ledgerPath
        }
        let queue = try DatabaseQueue(path: path)
        #expect(try queue.writeWithoutTransaction { try String.fetchOne($0, sql: "PRAGMA journal_mode = DELETE") } == "delete")
        let connections = try LookupConnections(path: path, count: 1)
        let rows = try connections.withStatement { statement -> Int in
            sqlite3_bind_text(statement, 1, "7XK2L3M", -1, nil)
            defer { sqlite3_reset(statement) }
            var rows = 0
            while sqlite3_step(statement) == SQLITE_ROW { rows += 1 }
            return rows
        }
        #expect(rows == 1)
        #expect(!connections.keepsASnapshot)
    }
}
