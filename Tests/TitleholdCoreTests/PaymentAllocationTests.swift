import Testing
@testable import TitleholdCore

/// Art. 6:43–6:44 BW.
@Suite struct PaymentAllocationTests {
    @Test func namedOverpaymentStaysACredit() {
        var b = LedgerBuilder()
        b.invoice(10, "F-10", issued: "2026-03-01", due: "2026-03-31", cents: 100_00)
        b.invoice(11, "F-11", issued: "2026-03-01", due: "2026-03-31", cents: 50_00)
        b.pay(1, on: "2026-03-10", cents: 120_00, naming: 10)
        let a = PaymentAllocation(b.ledger, asOf: d("2026-04-01"))
        #expect(a.balance(of: 10)?.outstanding == .zero)
        #expect(a.balance(of: 11)?.outstanding == Cents(50_00))
        #expect(a.unallocatedCredit == Cents(20_00))
    }

    /// A payment naming an invoice issued later pays that invoice, never the older ones: before
    /// the named invoice exists it is a credit, so what older invoices owe does not depend on
    /// the day the question is asked.
    @Test func aPaymentInAdvanceWaitsForTheInvoiceItNames() {
        var b = LedgerBuilder()
        b.invoice(10, "F-10", issued: "2026-03-01", due: "2026-03-31", cents: 100_00)
        b.invoice(11, "F-11", issued: "2026-05-01", due: "2026-05-31", cents: 60_00)
        b.pay(1, on: "2026-04-10", cents: 60_00, naming: 11)
        let before = PaymentAllocation(b.ledger, asOf: d("2026-04-20"))
        #expect(before.balance(of: 10)?.outstanding == Cents(100_00))
        #expect(before.unallocatedCredit == Cents(60_00))
        let after = PaymentAllocation(b.ledger, asOf: d("2026-06-01"))
        #expect(after.balance(of: 10)?.outstanding == Cents(100_00))
        #expect(after.balance(of: 11)?.outstanding == .zero)
        #expect(after.unallocatedCredit == .zero)
    }

    @Test func unnamedPaymentPrefersDueInvoicesThenTheOldest() {
        var b = LedgerBuilder()
        b.invoice(10, "F-10", issued: "2026-03-20", due: "2026-04-19", cents: 100_00) // not yet due on 04-01
        b.invoice(11, "F-11", issued: "2026-02-01", due: "2026-03-15", cents: 40_00)
        b.invoice(12, "F-12", issued: "2026-01-01", due: "2026-03-01", cents: 30_00)
        b.pay(1, on: "2026-04-01", cents: 80_00)
        let a = PaymentAllocation(b.ledger, asOf: d("2026-04-01"))
        #expect(a.balance(of: 12)?.paid == Cents(30_00))
        #expect(a.balance(of: 11)?.paid == Cents(40_00))
        #expect(a.balance(of: 10)?.paid == Cents(10_00))
        #expect(a.unallocatedCredit == .zero)
    }

    @Test func aPaymentBeforeAnyInvoiceIsACredit() {
        var b = LedgerBuilder()
        b.invoice(10, "F-10", issued: "2026-03-20", due: "2026-04-19", cents: 100_00)
        b.pay(1, on: "2026-03-01", cents: 80_00)
        let a = PaymentAllocation(b.ledger, asOf: d("2026-04-01"))
        #expect(a.balance(of: 10)?.paid == .zero)
        #expect(a.unallocatedCredit == Cents(80_00))
    }

    @Test func creditNoteNamingNoKnownInvoiceIsACredit() {
        var b = LedgerBuilder()
        b.invoice(10, "F-10", issued: "2026-03-01", due: "2026-03-31", cents: 100_00)
        b.credit("C-9", on: "2026-03-05", cents: 25_00, invoice: nil)
        let a = PaymentAllocation(b.ledger, asOf: d("2026-04-01"))
        #expect(a.balance(of: 10)?.outstanding == Cents(100_00))
        #expect(a.unallocatedCredit == Cents(25_00))
    }

    @Test func settledOnIsTheDayTheLastCentArrived() {
        var b = LedgerBuilder()
        b.invoice(10, "F-10", issued: "2026-03-01", due: "2026-03-31", cents: 100_00)
        b.pay(1, on: "2026-03-10", cents: 50_00, naming: 10)
        b.pay(2, on: "2026-03-12", cents: 50_00, naming: 10)
        b.pay(3, on: "2026-03-15", cents: 50_00, naming: 10)
        let a = PaymentAllocation(b.ledger, asOf: d("2026-04-01"))
        #expect(a.balance(of: 10)?.settledOn == d("2026-03-12"))
        #expect(a.unallocatedCredit == Cents(50_00))
    }
}
