import Foundation
import LedgerStore
import TestSupport
import Testing
import TitleholdApp
import TitleholdCore

/// The store's side of issue 4: letters, client status, tax notices, warranties — each refused
/// write leaves the ledger as it was — and the bulk read that `dunning` and `flags` use.
@Suite(.removesTemporaryFolders) struct StandingAndLettersTests {
    func demo() throws -> LedgerDatabase {
        let (ledger, _) = try temporaryLedger()
        _ = try DemoLedger.build(into: ledger, from: Paths.demo)
        return ledger
    }

    let day = { (text: String) in Day(iso: text)! }

    @Test func theBulkReadGivesEveryClientTheSameSliceAsThePerClientRead() throws {
        let ledger = try demo()
        try ledger.recordLetters([SentLetter(invoice: "INV-2026-0142", kind: .reminder1, sentOn: day("2026-07-20"), origin: .external)],
                                 context: testContext)
        try ledger.recordItemEvent(serial: "PF4XK2M9", ItemEvent(kind: .resold, date: day("2026-09-01"), outsideNormalCourse: true),
                                   context: testContext)
        let bulk = try ledger.clientFiles()
        #expect(bulk.count >= 4)
        let single = try ledger.clientFiles(ids: bulk.map(\.id))  // few ids: the per-client statements
        #expect(bulk.count == single.count)
        for (a, b) in zip(bulk, single) {
            #expect(a.key == b.key && a.name == b.name && a.address == b.address)
            #expect(a.ledger.clientKind == b.ledger.clientKind)
            #expect(Set(a.ledger.invoices) == Set(b.ledger.invoices))
            #expect(Set(a.ledger.creditNotes) == Set(b.ledger.creditNotes))
            #expect(Set(a.ledger.payments) == Set(b.ledger.payments))
            #expect(Set(a.ledger.items) == Set(b.ledger.items))
            #expect(a.ledger.letters == b.ledger.letters)
        }
        let vanDijk = try #require(bulk.first { $0.key == "23456789" })
        #expect(vanDijk.ledger.letters.values.flatMap { $0 }.map(\.kind) == [.reminder1])
        #expect(vanDijk.ledger.items.first { $0.serial == "PF4XK2M9" }?.events.first?.outsideNormalCourse == true)
        // The item's value is its line's price per unit: two ThinkPads on one line of 2 × 1,399.00.
        #expect(vanDijk.ledger.items.first { $0.serial == "PF4XK2L3" }?.value == Cents(1_399_00))
    }

    @Test func aBatchOfLettersWithOneBadLetterRecordsNone() throws {
        let ledger = try demo()
        let batch = [
            SentLetter(invoice: "INV-2026-0142", kind: .reminder1, sentOn: day("2026-07-20"), origin: .titlehold),
            SentLetter(invoice: "INV-2026-9999", kind: .reminder1, sentOn: day("2026-07-20"), origin: .titlehold),
        ]
        #expect(throws: LedgerError.self) { try ledger.recordLetters(batch, context: testContext) }
        #expect(try ledger.clientFiles().allSatisfy { $0.ledger.letters.isEmpty })
        #expect(try ledger.verifyAuditLog().firstBreak == nil)
    }

    @Test(arguments: [
        // (status, since, cooling-off until, refused because)
        ("normal", "2026-11-02", "2026-12-01", "cooling-off"),       // only in bankruptcy, surseance or WHOA
        ("bankrupt", "2026-11-02", "2027-03-01", "63a Fw"),          // more than 2 months
        ("surseance", "2026-11-02", "2026-11-01", "before"),         // ends before it starts
    ])
    func aRefusedStatusLeavesTheHistoryAsItWas(status: String, since: String, until: String, because: String) throws {
        let ledger = try demo()
        let entry = ClientStatusHistory.Entry(status: ClientStatus(rawValue: status)!, since: day(since),
                                              coolingOffUntil: day(until), recordedOn: day("2026-11-25"))
        do {
            try ledger.recordClientStatus("23456789", entry, context: testContext)
            Issue.record("recorded, but should be refused (\(because))")
        } catch let error as LedgerError {
            #expect(error.message.contains(because), "\(error.message)")
        }
        #expect(try ledger.standing(client: "23456789").standing.statuses.isEmpty)
    }

    @Test func aCoolingOffIsExtendedOnceAndTheHistoryKeepsBoth() throws {
        let ledger = try demo()
        func record(_ until: String, since: String) throws {
            try ledger.recordClientStatus("23456789", ClientStatusHistory.Entry(
                status: .bankrupt, since: day(since), coolingOffUntil: day(until), recordedOn: day(since)), context: testContext)
        }
        try record("2027-01-01", since: "2026-11-02")
        try record("2027-03-01", since: "2026-12-20")
        #expect(throws: LedgerError.self) { try record("2027-03-02", since: "2027-02-01") }
        let history = try ledger.standing(client: "23456789").standing.history
        #expect(history.entries.count == 2)
        #expect(history.coolingOff(on: day("2027-02-15"))?.extended == true)
    }

    @Test func taxNoticesAndWarrantiesAreRecordedOnceAndCheckedFirst() throws {
        let ledger = try demo()
        try ledger.recordTaxNotice("23456789", sentOn: day("2026-11-02"), note: nil, context: testContext)
        #expect(throws: LedgerError.self) {
            try ledger.recordTaxNotice("23456789", sentOn: day("2026-11-02"), note: nil, context: testContext)
        }
        #expect(try ledger.standing(client: "23456789").standing.taxNotices == [day("2026-11-02")])
        #expect(throws: LedgerError.self) {
            try ledger.recordWarranty(serial: "7XK2L3M", WarrantyOverride(from: day("2027-01-01"), until: day("2026-12-31"),
                                                                        source: "x", recordedOn: day("2026-11-25")), context: testContext)
        }
        #expect(throws: LedgerError.self) {
            try ledger.recordWarranty(serial: "7XK2L3M", WarrantyOverride(until: day("2026-12-31"), source: "  ",
                                                                        recordedOn: day("2026-11-25")), context: testContext)
        }
        #expect(try ledger.recordedWarranties().isEmpty)
    }

    @Test func lettersInterruptLimitationSoAnOldClaimKeepsTheItemTheSuppliers() throws {
        let ledger = try demo()
        let before = try OwnershipService(ledger: ledger, scope: .client).report(serial: "CNB1K23456", on: day("2026-11-25"))
        #expect(before.owner == "client")
        // A written demand before the claim was barred (2025-05-02) starts a new 5-year term (art. 3:317, 3:319 BW).
        try ledger.recordLetters([SentLetter(invoice: "INV-2020-0042", kind: .reminder1, sentOn: day("2025-04-01"), origin: .external)],
                                 context: testContext)
        let after = try OwnershipService(ledger: ledger, scope: .client).report(serial: "CNB1K23456", on: day("2026-11-25"))
        #expect(after.owner == "supplier")
    }
}
