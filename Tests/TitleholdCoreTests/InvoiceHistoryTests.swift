import Testing
@testable import TitleholdCore

/// An invoice history (`InvoiceHistory`) gives on every date the balances the allocation of
/// art. 6:43–6:44 BW gives on that date (`PaymentAllocation(_:asOf:)`): the same amounts
/// credited and paid, and the same settling day and settlement, for every invoice issued by then,
/// on random ledgers (named and unnamed payments, payments before their invoice, credit notes
/// naming known and unknown invoices, invoices of EUR 0).
@Suite struct InvoiceHistoryTests {
    @Test func theHistoryGivesTheAllocationOfEveryDate() {
        var random = SplitMix64(seed: 0x4157_0C1A)
        var compared = 0, settled = 0, partlyPaid = 0
        for _ in 0..<800 {
            let ledger = OwnershipVerdictsTests.randomLedger(&random)
            let history = InvoiceHistory(ledger)
            #expect(history.entries.map(\.invoiceID) == ledger.invoices.map(\.id))
            for offset in stride(from: -30, through: 1_100, by: 23) {
                let date = Day(ordinal: d("2024-01-01").ordinal + offset)
                let direct = PaymentAllocation(ledger, asOf: date).balances
                let added = PaymentAllocation(ledger, history: history, asOf: date).balances
                #expect(added == direct, "on \(date)")
                compared += direct.count
                settled += direct.values.filter { $0.settledOn != nil }.count
                partlyPaid += direct.values.filter { $0.paid.isPositive && $0.outstanding.isPositive }.count
            }
        }
        // The cases the comparison must have met, so that it cannot pass by meeting none.
        #expect(compared > 50_000 && settled > 5_000 && partlyPaid > 1_000)
    }

    @Test func spansWithTheHistoryGiveTheVerdictOfTheFullLedger() {
        var random = SplitMix64(seed: 0x0417_5EED)
        let rule = OwnershipRule(scope: .client)
        var compared = 0
        for _ in 0..<300 {
            let ledger = DeliverySpansTests.ledgerWithoutEvents(&random)
            let spans = DeliverySpans(ledger), history = InvoiceHistory(ledger)
            for item in ledger.items {
                var asked = ledger
                asked.items = [item]
                for date in ["2024-03-01", "2024-09-30", "2025-03-01", "2026-11-25", "2030-06-01"].map(d) {
                    let full = rule.verdict(for: item, in: ledger, on: date)
                    let fromHistory = rule.verdict(for: item, in: asked, deliveries: spans, history: history,
                                                   serial: { ledger.items[$0].serial }, on: date)
                    #expect(fromHistory == full, "item \(item.id) on \(date)")
                    compared += 1
                }
            }
        }
        #expect(compared > 5_000)
    }
}
