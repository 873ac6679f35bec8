import Testing
@testable import TitleholdCore

/// `OwnershipRule.verdict(for:in:coverage:history:deliveries:serial:on:)` — one item's question
/// under scope `client` answered from the client's claim coverage and its invoices, the delivery
/// spans read only when `needsDeliverySpans` says so — gives exactly the verdict
/// `verdict(for:in:on:)` gives from the full ledger, on random ledgers without item events, for
/// every item, on dates before, between and after their deliveries, invoices, payments and limitation.
@Suite struct ClaimCoverageTests {
    @Test func theCoverageGivesTheVerdictOfTheFullLedger() {
        var random = SplitMix64(seed: 0xC0_7E2A)
        let rule = OwnershipRule(scope: .client)
        var compared = 0, fromCoverage = 0, fromFewerInvoices = 0, fewerThanAll = 0, supplier = 0, clientSinceDelivery = 0, clientLater = 0, namingAnother = 0
        for _ in 0..<400 {
            var ledger = DeliverySpansTests.ledgerWithoutEvents(&random)
            // Most random clients have a delivery never invoiced, and the spans then answer every
            // later date: in half the ledgers each such delivery is billed on some invoice.
            if !ledger.invoices.isEmpty, Bool.random(using: &random) {
                for index in ledger.items.indices where ledger.items[index].invoiceIDs.isEmpty {
                    ledger.items[index].invoiceIDs = InvoiceIDList([ledger.invoices.randomElement(using: &random)!.id])
                }
            }
            let history = InvoiceHistory(ledger), spans = DeliverySpans(ledger)
            let coverage = ClaimCoverage(ledger, history: history)
            #expect(!coverage.hasItemEvents)
            let claimDays = ledger.invoices.indices.map { InvoiceClaimDays(ledger.invoices[$0], history.entries[$0]) }
            var invoicesOnly = ledger
            invoicesOnly.items = []; invoicesOnly.payments = []; invoicesOnly.creditNotes = []; invoicesOnly.letters = [:]
            for item in ledger.items {
                var asked = invoicesOnly
                asked.items = [item]
                for offset in stride(from: -40, through: 1_300, by: 37) {
                    let date = Day(ordinal: d("2024-01-01").ordinal + offset)
                    let full = rule.verdict(for: item, in: ledger, on: date)
                    let needsSpans = rule.needsDeliverySpans(for: item, in: asked, coverage: coverage, on: date)
                    let answer = rule.verdict(for: item, in: asked, coverage: coverage, history: history,
                                              deliveries: needsSpans ? spans : nil, serial: { ledger.items[$0].serial }, on: date)
                    #expect(answer == full, "item \(item.id) on \(date)")
                    compared += 1
                    // The same verdict from only the invoices it reads (`invoicesRead`).
                    if item.deliveredOn <= date,
                       let read = rule.invoicesRead(for: item, among: claimDays, coverage: coverage, on: date) {
                        var fewer = asked
                        fewer.invoices = read.map { ledger.invoices[$0] }
                        let fewerHistory = history.keeping(read)
                        let fewerNeedsSpans = rule.needsDeliverySpans(for: item, in: fewer, coverage: coverage, on: date)
                        #expect(fewerNeedsSpans == needsSpans, "item \(item.id) on \(date)")
                        let fromFewer = rule.verdict(for: item, in: fewer, coverage: coverage, history: fewerHistory,
                                                     deliveries: fewerNeedsSpans ? spans : nil, serial: { ledger.items[$0].serial }, on: date)
                        #expect(fromFewer == full, "item \(item.id) on \(date), invoices \(read) of \(ledger.invoices.count)")
                        fromFewerInvoices += 1
                        if read.count < ledger.invoices.count { fewerThanAll += 1 }
                    }
                    if full.reasons.contains(where: { $0.kind == .notInvoiced && $0.text.hasPrefix("item ") }) {
                        namingAnother += 1
                        #expect(needsSpans, "item \(item.id) on \(date)")
                    }
                    guard !needsSpans, item.deliveredOn <= date else { continue }
                    fromCoverage += 1
                    switch full.clientOwnsSince {
                    case nil: supplier += 1
                    case item.deliveredOn?: clientSinceDelivery += 1
                    default: clientLater += 1
                    }
                }
            }
        }
        // The cases the comparison must have met, so that it cannot pass by meeting none.
        #expect(compared > 50_000 && fromCoverage > 15_000 && namingAnother > 1_000)
        #expect(supplier > 5_000 && clientSinceDelivery > 1_000 && clientLater > 3_000)
        #expect(fromFewerInvoices > 30_000 && fewerThanAll > 20_000, "\(fromFewerInvoices) \(fewerThanAll)")
    }

    /// `invoicesRead` by case: which invoices one question reads, and when it reads them all.
    @Test func theInvoicesAQuestionReads() {
        var b = LedgerBuilder()
        b.invoice(10, "F-10", issued: "2026-02-01", due: "2026-03-03", cents: 100_00)   // A's; paid 2026-02-20
        b.invoice(11, "F-11", issued: "2026-02-10", due: "2026-03-12", cents: 50_00)    // open from 2026-02-10
        b.invoice(12, "F-12", issued: "2026-01-05", due: "2026-02-04", cents: 30_00)    // paid 2026-01-20
        b.invoice(13, "S-13", agreement: 2, goods: false, issued: "2026-02-15", due: "2026-03-17", cents: 80_00)  // services
        b.pay(1, on: "2026-02-20", cents: 100_00, naming: 10)
        b.pay(2, on: "2026-01-20", cents: 30_00, naming: 12)
        b.item(1, "A", delivered: "2026-01-15", invoices: [10])
        b.item(2, "B", agreement: 2, delivered: "2026-01-16", invoices: [13])
        let ledger = b.ledger, history = InvoiceHistory(ledger)
        let coverage = ClaimCoverage(ledger, history: history)
        let claims = ledger.invoices.indices.map { InvoiceClaimDays(ledger.invoices[$0], history.entries[$0]) }
        let rule = OwnershipRule(scope: .client), a = ledger.items[0], itemB = ledger.items[1]
        // Before delivery: the item's own invoice only.
        #expect(rule.invoicesRead(for: a, among: claims, coverage: coverage, on: d("2026-01-10")) == [0])
        // The supplier's while F-11 is open: A's own invoice and the goods invoices open that day (not the paid F-12, not the services S-13).
        #expect(rule.invoicesRead(for: a, among: claims, coverage: coverage, on: d("2026-03-01")) == [0, 1])
        #expect(rule.verdict(for: a, in: ledger, on: d("2026-03-01")).owner == .supplier)
        // An own invoice that is not a goods invoice: the coverage does not answer, all are read.
        #expect(rule.invoicesRead(for: itemB, among: claims, coverage: coverage, on: d("2026-03-01")) == nil)
        // A rule with limitation interruptions of its own reads them all.
        let interrupted = OwnershipRule(scope: .client, limitationInterruptions: [11: [d("2026-04-01")]])
        #expect(interrupted.invoicesRead(for: a, among: claims, coverage: coverage, on: d("2026-03-01")) == nil)
    }

    @Test func blocksAreTheUnionOfTheClaims() {
        var b = LedgerBuilder()
        b.invoice(10, "F-10", issued: "2026-02-01", due: "2026-03-03", cents: 100_00)
        b.invoice(11, "F-11", issued: "2026-03-10", due: "2026-04-09", cents: 0)
        b.pay(1, on: "2026-02-20", cents: 100_00, naming: 10)
        b.item(1, "A", delivered: "2026-01-15", invoices: [10])
        b.item(2, "B", delivered: "2026-01-20", invoices: [10])
        b.item(3, "C", delivered: "2026-05-01", invoices: [])
        let ledger = b.ledger
        let coverage = ClaimCoverage(ledger, history: InvoiceHistory(ledger))
        // A and B from delivery to F-10's issue, F-10 until paid; F-11 (EUR 0) covers no day; C is never invoiced.
        #expect(coverage.claims == [.init(from: d("2026-01-15"), until: d("2026-02-20")), .init(from: d("2026-05-01"), until: nil)])
        #expect(coverage.deliveries == [.init(from: d("2026-01-15"), until: d("2026-02-01")), .init(from: d("2026-05-01"), until: nil)])
        #expect(coverage.deliveryClosings == [.init(day: d("2026-02-01"), earliestDelivery: d("2026-01-15"))])
        #expect(coverage.hasUninvoicedDelivery(on: d("2026-01-31")) && !coverage.hasUninvoicedDelivery(on: d("2026-02-01")))
        #expect(coverage.hasUninvoicedDelivery(on: d("2030-01-01")))
    }
}

extension InvoiceHistory {
    /// The entries at `positions` only, with their reductions.
    func keeping(_ positions: [Int]) -> InvoiceHistory {
        var kept = InvoiceHistory(entries: [], reductions: [])
        for position in positions {
            var entry = entries[position]
            let start = kept.reductions.count
            kept.reductions.append(contentsOf: reductions[entry.reductions])
            entry.reductions = start..<kept.reductions.count
            kept.entries.append(entry)
        }
        return kept
    }
}
