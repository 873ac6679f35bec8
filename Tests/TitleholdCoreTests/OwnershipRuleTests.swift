import Testing
@testable import TitleholdCore

/// Art. 10.1 of the terms with art. 3:92 BW, case by case.
@Suite struct OwnershipRuleTests {
    @Test func deliveredButNotInvoicedIsTheSuppliers() {
        var b = LedgerBuilder()
        b.item(1, "S1", delivered: "2026-03-01", invoices: [])
        let v = b.verdict("S1", on: "2026-03-10")
        #expect(v.owner == .supplier)
        #expect(v.reasons.map(\.kind) == [.notInvoiced])
        #expect(v.reasons[0].article == "10.1")
    }

    @Test func unpaidInvoiceKeepsTitleAndSaysHowOverdue() {
        var b = LedgerBuilder()
        b.invoice(10, "F-10", issued: "2026-03-01", due: "2026-03-31", cents: 100_00)
        b.item(1, "S1", delivered: "2026-03-01", invoices: [10])
        let v = b.verdict("S1", on: "2026-04-10")
        #expect(v.owner == .supplier)
        #expect(v.reasons.count == 1)
        #expect(v.reasons[0].kind == .invoiceOpen)
        #expect(v.reasons[0].invoiceNumber == "F-10")
        #expect(v.reasons[0].outstanding == Cents(100_00))
        #expect(v.reasons[0].daysOverdue == 10)
    }

    @Test func fullPaymentPassesTitleOnThePaymentDate() {
        var b = LedgerBuilder()
        b.invoice(10, "F-10", issued: "2026-03-01", due: "2026-03-31", cents: 100_00)
        b.item(1, "S1", delivered: "2026-03-01", invoices: [10])
        b.pay(1, on: "2026-03-20", cents: 100_00, naming: 10)
        let v = b.verdict("S1", on: "2026-04-10")
        #expect(v.owner == .client)
        #expect(v.clientOwnsSince == d("2026-03-20"))
        #expect(v.reasons.map(\.kind) == [.paidInFull])
        #expect(v.reasons[0].article == "3:92(3) BW")
    }

    /// An item billed at EUR 0 (a warranty replacement) owes nothing: title passes when the
    /// invoice is issued, and a zero goods invoice keeps no other item of the client retained.
    @Test func aZeroInvoiceOwesNothingFromTheDayItIsIssued() {
        var b = LedgerBuilder()
        b.invoice(10, "F-10", issued: "2026-03-01", due: "2026-03-31", cents: 0)
        b.invoice(11, "F-11", issued: "2026-02-01", due: "2026-03-03", cents: 50_00)
        b.item(1, "FREE", delivered: "2026-02-25", invoices: [10])
        b.item(2, "PAID", delivered: "2026-02-01", invoices: [11])
        b.pay(1, on: "2026-03-02", cents: 50_00, naming: 11)
        let free = b.verdict("FREE", on: "2026-04-10")
        #expect(free.owner == .client)
        #expect(free.clientOwnsSince == d("2026-03-02"), "the moment both claims were closed")
        let zero = b.verdict("FREE", on: "2026-03-01", scope: .invoice)
        #expect(zero.owner == .client && zero.clientOwnsSince == d("2026-03-01"))
        #expect(zero.reasons.first?.text.contains("EUR 0.00") == true)
        #expect(b.verdict("PAID", on: "2026-04-10").owner == .client, "the zero invoice is not an open claim")
    }

    @Test func partialPaymentLeavesTheRestOutstanding() {
        var b = LedgerBuilder()
        b.invoice(10, "F-10", issued: "2026-03-01", due: "2026-03-31", cents: 100_00)
        b.item(1, "S1", delivered: "2026-03-01", invoices: [10])
        b.pay(1, on: "2026-03-20", cents: 60_00, naming: 10)
        let v = b.verdict("S1", on: "2026-04-10")
        #expect(v.owner == .supplier)
        #expect(v.reasons[0].outstanding == Cents(40_00))
    }

    @Test func creditNoteCountsTowardsPayment() {
        var b = LedgerBuilder()
        b.invoice(10, "F-10", issued: "2026-03-01", due: "2026-03-31", cents: 100_00)
        b.item(1, "S1", delivered: "2026-03-01", invoices: [10])
        b.credit("C-1", on: "2026-03-05", cents: 30_00, invoice: 10)
        b.pay(1, on: "2026-03-25", cents: 70_00)
        let v = b.verdict("S1", on: "2026-04-10")
        #expect(v.owner == .client)
        #expect(v.clientOwnsSince == d("2026-03-25"))
        // Before the payment only the credit counted.
        let before = b.verdict("S1", on: "2026-03-24")
        #expect(before.owner == .supplier)
        #expect(before.reasons[0].outstanding == Cents(70_00))
    }

    @Test func creditNoteForTheWholeInvoiceSettlesIt() {
        var b = LedgerBuilder()
        b.invoice(10, "F-10", issued: "2026-03-01", due: "2026-03-31", cents: 100_00)
        b.item(1, "S1", delivered: "2026-03-01", invoices: [10])
        b.credit("C-1", on: "2026-03-05", cents: 100_00, invoice: 10)
        let v = b.verdict("S1", on: "2026-03-06")
        #expect(v.owner == .client)
        #expect(v.reasons[0].text.contains("credit note C-1"))
    }

    @Test func paymentAfterTheEvaluationDateDoesNotCount() {
        var b = LedgerBuilder()
        b.invoice(10, "F-10", issued: "2026-03-01", due: "2026-03-31", cents: 100_00)
        b.item(1, "S1", delivered: "2026-03-01", invoices: [10])
        b.pay(1, on: "2026-05-01", cents: 100_00, naming: 10)
        #expect(b.verdict("S1", on: "2026-04-30").owner == .supplier)
        #expect(b.verdict("S1", on: "2026-05-01").owner == .client)
    }

    /// The extended clause: another open goods invoice of the client keeps a paid item retained;
    /// the narrower scopes do not.
    @Test(arguments: [
        (OwnershipScope.client, OwnershipVerdict.Owner.supplier),
        (.agreement, .client),
        (.invoice, .client),
    ])
    func scopeDecidesWhichInvoicesRetain(scope: OwnershipScope, expected: OwnershipVerdict.Owner) {
        var b = LedgerBuilder()
        b.invoice(10, "F-10", agreement: 1, issued: "2026-03-01", due: "2026-03-31", cents: 100_00)
        b.invoice(11, "F-11", agreement: 2, issued: "2026-02-01", due: "2026-03-03", cents: 50_00)
        b.item(1, "S1", agreement: 1, delivered: "2026-03-01", invoices: [10])
        b.item(2, "S2", agreement: 2, delivered: "2026-02-01", invoices: [11])
        b.pay(1, on: "2026-03-20", cents: 100_00, naming: 10)
        let v = b.verdict("S1", on: "2026-04-10", scope: scope)
        #expect(v.owner == expected)
        if expected == .supplier { #expect(v.reasons.first?.invoiceNumber == "F-11") }
    }

    @Test func anOpenServicesInvoiceDoesNotBlockTitle() {
        var b = LedgerBuilder()
        b.invoice(10, "F-10", agreement: 1, issued: "2026-03-01", due: "2026-03-31", cents: 100_00)
        b.invoice(20, "SUP-1", agreement: 9, goods: false, issued: "2026-02-01", due: "2026-03-03", cents: 500_00)
        b.item(1, "S1", delivered: "2026-03-01", invoices: [10])
        b.pay(1, on: "2026-03-20", cents: 100_00, naming: 10)
        #expect(b.verdict("S1", on: "2026-04-10").owner == .client)
    }

    /// Art. 6:43(2) BW: an unnamed payment goes to the oldest due invoice first, even a services one.
    @Test func unnamedPaymentPaysTheOldestDueInvoiceFirst() {
        var b = LedgerBuilder()
        b.invoice(20, "SUP-1", agreement: 9, goods: false, issued: "2026-02-01", due: "2026-03-03", cents: 30_00)
        b.invoice(10, "F-10", agreement: 1, issued: "2026-03-01", due: "2026-03-31", cents: 100_00)
        b.item(1, "S1", delivered: "2026-03-01", invoices: [10])
        b.pay(1, on: "2026-04-02", cents: 100_00)
        let v = b.verdict("S1", on: "2026-04-10")
        #expect(v.owner == .supplier)
        #expect(v.reasons[0].invoiceNumber == "F-10")
        #expect(v.reasons[0].outstanding == Cents(30_00))
    }

    @Test func aGoodsDeliveryNotInvoicedYetRetainsTheClientsOtherItems() {
        var b = LedgerBuilder()
        b.invoice(10, "F-10", issued: "2026-03-01", due: "2026-03-31", cents: 100_00)
        b.item(1, "S1", delivered: "2026-03-01", invoices: [10])
        b.item(2, "S2", delivered: "2026-03-10", invoices: [])
        b.pay(1, on: "2026-03-20", cents: 100_00, naming: 10)
        let client = b.verdict("S1", on: "2026-04-10", scope: .client)
        #expect(client.owner == .supplier)
        #expect(client.reasons.map(\.kind) == [.notInvoiced])
        #expect(b.verdict("S1", on: "2026-04-10", scope: .invoice).owner == .client)
    }

    /// Once the condition is fulfilled the client is owner; a later invoice does not bring title back.
    @Test func titleOncePassedDoesNotReturn() {
        var b = LedgerBuilder()
        b.invoice(10, "F-10", issued: "2026-03-01", due: "2026-03-31", cents: 100_00)
        b.invoice(11, "F-11", issued: "2026-06-01", due: "2026-07-01", cents: 70_00)
        b.item(1, "S1", delivered: "2026-03-01", invoices: [10])
        b.item(2, "S2", delivered: "2026-06-01", invoices: [11])
        b.pay(1, on: "2026-03-20", cents: 100_00, naming: 10)
        let v = b.verdict("S1", on: "2026-08-01")
        #expect(v.owner == .client)
        #expect(v.clientOwnsSince == d("2026-03-20"))
        #expect(b.verdict("S2", on: "2026-08-01").owner == .supplier)
    }

    /// Art. 3:92(3) with 3:307 BW (5 years, business) and 7:28 BW (2 years, consumer sale),
    /// counted from the day after the due date.
    @Test(arguments: [
        (ClientKind.business, "2031-04-01", OwnershipVerdict.Owner.supplier),
        (.business, "2031-04-02", .client),
        (.consumer, "2028-04-01", .supplier),
        (.consumer, "2028-04-02", .client),
    ])
    func limitationPassesTitle(kind: ClientKind, on date: String, expected: OwnershipVerdict.Owner) {
        var b = LedgerBuilder(kind: kind)
        b.invoice(10, "F-10", issued: "2026-03-01", due: "2026-04-01", cents: 100_00)
        b.item(1, "S1", delivered: "2026-03-01", invoices: [10])
        let v = b.verdict("S1", on: date)
        #expect(v.owner == expected)
        if expected == .client { #expect(v.reasons.map(\.kind) == [.timeBarred]) }
    }

    @Test func aReminderInterruptsLimitation() {
        var b = LedgerBuilder()
        b.invoice(10, "F-10", issued: "2026-03-01", due: "2026-04-01", cents: 100_00)
        let item = b.item(1, "S1", delivered: "2026-03-01", invoices: [10])
        let rule = OwnershipRule(scope: .client, limitationInterruptions: [10: [d("2027-01-10")]])
        #expect(rule.verdict(for: item, in: b.ledger, on: d("2031-04-02")).owner == .supplier)
        #expect(rule.verdict(for: item, in: b.ledger, on: d("2032-01-11")).owner == .client)
    }

    @Test(arguments: [
        (ItemEvent.Kind.waived, OwnershipReason.Kind.waived),
        (.incorporated, .incorporated),
        (.resold, .resold),
    ])
    func eventsThatEndTheSuppliersTitle(event: ItemEvent.Kind, reason: OwnershipReason.Kind) {
        var b = LedgerBuilder()
        b.invoice(10, "F-10", issued: "2026-03-01", due: "2026-03-31", cents: 100_00)
        b.item(1, "S1", delivered: "2026-03-01", invoices: [10], events: [ItemEvent(kind: event, date: d("2026-05-01"))])
        #expect(b.verdict("S1", on: "2026-04-30").owner == .supplier)
        let v = b.verdict("S1", on: "2026-05-01")
        #expect(v.owner == .client)
        #expect(v.reasons.map(\.kind) == [reason])
        #expect(v.clientOwnsSince == d("2026-05-01"))
    }

    @Test func aPledgeIsRecordedButDoesNotChangeOwnership() {
        var b = LedgerBuilder()
        b.invoice(10, "F-10", issued: "2026-03-01", due: "2026-03-31", cents: 100_00)
        b.item(1, "S1", delivered: "2026-03-01", invoices: [10], events: [ItemEvent(kind: .pledged, date: d("2026-04-01"))])
        #expect(b.verdict("S1", on: "2026-05-01").owner == .supplier)
    }

    @Test func notDeliveredYetOnTheDate() {
        var b = LedgerBuilder()
        b.item(1, "S1", delivered: "2026-03-01", invoices: [])
        let v = b.verdict("S1", on: "2026-02-01")
        #expect(v.owner == .supplier)
        #expect(v.reasons.map(\.kind) == [.notDelivered])
    }
}
