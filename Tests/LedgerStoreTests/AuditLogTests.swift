import Foundation
import GRDB
@testable import LedgerStore
import TestSupport
import Testing
import TitleholdApp
import TitleholdCore

@Suite(.removesTemporaryFolders) struct AuditLogTests {
    func demoLedger() throws -> String {
        let (ledger, path) = try temporaryLedger()
        _ = try DemoLedger.build(into: ledger, from: Paths.demo)
        return path
    }

    @Test func theDemoLedgerHasAnIntactChain() throws {
        let path = try demoLedger()
        let v = try LedgerDatabase.open(path: path).verifyAuditLog()
        #expect(v.firstBreak == nil)
        #expect(v.eventCount > 20)
    }

    @Test(arguments: [
        ("UPDATE event SET details = '{}' WHERE seq = 7", Int64(7), "changed after it was written"),
        ("DELETE FROM event WHERE seq = 5", Int64(6), "missing"),
        ("UPDATE event SET prev_hash = hash WHERE seq = 9", Int64(9), "previous hash"),
    ])
    func anEditedOrDeletedEventIsFoundWhereItIs(tamper: String, brokenAt: Int64, problem: String) throws {
        let path = try demoLedger()
        try DatabaseQueue(path: path).write { db in try db.execute(sql: tamper) }
        let v = try LedgerDatabase.open(path: path).verifyAuditLog()
        #expect(v.firstBreak?.seq == brokenAt)
        #expect(v.firstBreak?.problem.contains(problem) == true)
    }
}

@Suite struct EventTimestampTests {
    @Test(arguments: [
        (0.0, "1970-01-01T00:00:00.000Z"), (1_795_612_345.678, "2026-11-25T13:12:25.678Z"),
        (-1.5, "1969-12-31T23:59:58.500Z"),
    ])
    func instantsAreWrittenInUTC(seconds: Double, text: String) {
        #expect(AuditLog.isoInstant(Date(timeIntervalSince1970: seconds)) == text)
    }
}
