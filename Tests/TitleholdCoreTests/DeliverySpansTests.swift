import Testing
@testable import TitleholdCore

/// `OwnershipRule.verdict(for:in:deliveries:serial:on:)` — one item's question under scope
/// `client` answered from the client's delivery spans, its other items never decoded — gives
/// exactly the verdict `verdict(for:in:on:)` gives from the full ledger, on random client
/// ledgers without item events, for every item, on dates before, between and after their
/// deliveries, invoices, payments and limitation.
@Suite struct DeliverySpansTests {
    /// A random ledger of `OwnershipVerdictsTests` with its item events dropped (spans answer
    /// only clients without any).
    static func ledgerWithoutEvents(_ random: inout SplitMix64) -> ClientLedger {
        var ledger = OwnershipVerdictsTests.randomLedger(&random)
        for index in ledger.items.indices { ledger.items[index].events = [] }
        return ledger
    }

    @Test func theSpansGiveTheVerdictOfTheFullLedger() {
        var random = SplitMix64(seed: 0x5BA2_7E11)
        let rule = OwnershipRule(scope: .client)
        var compared = 0, supplier = 0, client = 0, namingAnother = 0
        for _ in 0..<600 {
            let ledger = Self.ledgerWithoutEvents(&random)
            let spans = DeliverySpans(ledger)
            #expect(!spans.hasItemEvents)
            #expect(spans.spans.map(\.itemID) == ledger.items.map(\.id))
            var withoutItems = ledger
            withoutItems.items = []
            let dates = ["2023-12-31", "2024-03-01", "2024-06-30", "2025-01-15", "2025-03-01", "2026-11-25", "2029-06-01",
                         "2031-01-01"].map(d)
            for item in ledger.items {
                var asked = withoutItems
                asked.items = [item]
                for date in dates {
                    let full = rule.verdict(for: item, in: ledger, on: date)
                    let fromSpans = rule.verdict(for: item, in: asked, deliveries: spans,
                                                 serial: { ledger.items[$0].serial }, on: date)
                    #expect(fromSpans == full, "item \(item.id) on \(date)")
                    compared += 1
                    if full.owner == .supplier { supplier += 1 } else { client += 1 }
                    if full.reasons.contains(where: { $0.kind == .notInvoiced && $0.text.hasPrefix("item ") }) {
                        namingAnother += 1
                        // The store keeps the other serials only when this says a reason may name one.
                        #expect(spans.namesAnotherDelivery(besides: item.id, on: date), "item \(item.id) on \(date)")
                    }
                }
            }
        }
        // The cases the comparison must have met, so that it cannot pass by meeting none.
        #expect(compared > 10_000 && supplier > 1_000 && client > 1_000 && namingAnother > 100)
    }

    @Test func spansTakeTheEarliestInvoiceKnownToTheLedger() {
        var b = LedgerBuilder()
        b.invoice(10, "F-10", issued: "2026-03-10", due: "2026-04-09", cents: 100_00)
        b.invoice(11, "F-11", issued: "2026-02-01", due: "2026-03-03", cents: 100_00)
        b.item(1, "A", delivered: "2026-01-15", invoices: [10, 11])
        b.item(2, "B", delivered: "2026-01-20", invoices: [])
        b.item(3, "C", delivered: "2026-01-25", invoices: [99])  // an invoice the ledger does not hold
        b.item(4, "D", delivered: "2026-01-30", invoices: [10], events: [ItemEvent(kind: .returned, date: d("2026-05-01"))])
        let spans = DeliverySpans(b.ledger)
        #expect(spans.spans.map(\.firstInvoicedOn) == [d("2026-02-01"), nil, nil, d("2026-03-10")])
        #expect(spans.spans.map(\.deliveredOn) == ["2026-01-15", "2026-01-20", "2026-01-25", "2026-01-30"].map(d))
        #expect(spans.hasItemEvents)
    }
}
