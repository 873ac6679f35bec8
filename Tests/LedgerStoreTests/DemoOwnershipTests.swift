import LedgerStore
import TestSupport
import Testing
import TitleholdApp
import TitleholdCore

/// The demo ledger's items, answered through the store and the rule together.
@Suite(.removesTemporaryFolders) struct DemoOwnershipTests {
    @Test(arguments: [
        ("CNB1K23456", "client", "time_barred"),      // 2020 invoice never paid: barred 5 years after due
        ("7XK2L3M", "client", "paid_in_full"),        // paid by structured reference
        ("CN0V7R2K", "supplier", "invoice_open"),     // overdue monitor invoice
        ("PF4XK2L3", "supplier", "invoice_open"),     // linked by serial; partly paid and credited
        ("DK1Q0004", "supplier", "invoice_open"),     // linked by GTIN
        ("GX7T3604", "client", "paid_in_full"),       // unnamed payment, art. 6:43: services invoice first, then this
        ("5CD4123XYZ", "supplier", "not_invoiced"),
    ])
    func demoItems(serial: String, owner: String, firstReason: String) throws {
        let (ledger, _) = try temporaryLedger()
        _ = try DemoLedger.build(into: ledger, from: Paths.demo)
        let report = try OwnershipService(ledger: ledger, scope: .client).report(serial: serial, on: Day(iso: "2026-11-25")!)
        #expect(report.owner == owner)
        #expect(report.reasons.first?.kind == firstReason)
    }

    @Test func partlyPaidAndCreditedInvoiceShowsWhatIsLeft() throws {
        let (ledger, _) = try temporaryLedger()
        _ = try DemoLedger.build(into: ledger, from: Paths.demo)
        let report = try OwnershipService(ledger: ledger, scope: .client).report(serial: "PF4XK2L3", on: Day(iso: "2026-11-25")!)
        // 3,669.93 invoiced − 121.00 credited − 2,000.00 paid.
        #expect(report.reasons.first?.outstandingCents == 1_548_93)
        #expect(report.reasons.first?.invoice == "INV-2026-0142")
        #expect(try ledger.unmatchedPayments().map(\.amount) == [Cents(150_00)])
    }
}
