import Testing
@testable import TitleholdCore

/// `OwnershipRule.verdicts(of:on:allocation:)` — every item of a client at once, each claim
/// worked out once — gives exactly the verdicts `verdict(for:in:on:)` gives item by item, on
/// random client ledgers in every scope and on dates before, during and after their events.
@Suite struct OwnershipVerdictsTests {
    /// A random client ledger: a few agreements, goods and services invoices, credit notes,
    /// named and unnamed payments, letters, items linked to zero, one or two invoices, events.
    static func randomLedger(_ random: inout SplitMix64) -> ClientLedger {
        func day(_ offset: Int) -> Day { Day(ordinal: d("2024-01-01").ordinal + offset) }
        func pick(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
        let kind: ClientKind = pick(0...4) == 0 ? .consumer : .business
        var invoices: [ClientLedger.Invoice] = []
        for id in (0..<pick(0...10)).map({ $0 + 1 }) {
            let issued = pick(0...700)
            invoices.append(.init(id: Int64(id), number: "F-\(id)", agreementID: pick(0...5) == 0 ? nil : Int64(pick(1...3)),
                                  isGoods: pick(0...3) != 0, issueDate: day(issued), dueDate: day(issued + pick(0...60)),
                                  payable: Cents(Int64(pick(0...3) == 0 ? 0 : pick(1...500_00)))))
        }
        let credits = (0..<pick(0...2)).map { n in
            ClientLedger.CreditNote(number: "C-\(n)", issueDate: day(pick(0...900)), amount: Cents(Int64(pick(1...300_00))),
                                    invoiceID: invoices.isEmpty || pick(0...4) == 0 ? nil : invoices.randomElement(using: &random)!.id)
        }
        let payments = (0..<pick(0...8)).map { n in
            ClientLedger.Payment(id: Int64(n + 1), bookingDate: day(pick(0...1000)), amount: Cents(Int64(pick(1...600_00))),
                                 invoiceID: invoices.isEmpty || pick(0...1) == 0 ? nil : invoices.randomElement(using: &random)!.id)
        }
        var letters: [Int64: [DunningLetter]] = [:]
        for invoice in invoices where pick(0...2) == 0 {
            letters[invoice.id] = [DunningLetter(kind: .reminder1, sentOn: invoice.dueDate.adding(days: 1))]
        }
        let kinds: [ItemEvent.Kind] = [.returned, .repossessed, .incorporated, .resold, .pledged, .waived]
        let items = (1...pick(1...12)).map { id in
            var links: [Int64] = []
            for _ in 0..<pick(0...2) where !invoices.isEmpty { links.append(invoices.randomElement(using: &random)!.id) }
            let events = (0..<(pick(0...4) == 0 ? 1 : 0)).map { _ in
                ItemEvent(kind: kinds.randomElement(using: &random)!, date: day(pick(0...1000)), outsideNormalCourse: pick(0...1) == 0)
            }
            return ClientLedger.DeliveredItem(id: Int64(id), serial: "S\(id)", agreementID: pick(0...5) == 0 ? nil : Int64(pick(1...3)),
                                              deliveredOn: day(pick(0...700)), invoiceIDs: InvoiceIDList(links), events: events)
        }
        return ClientLedger(clientKind: kind, invoices: invoices, creditNotes: credits, payments: payments, items: items,
                            letters: letters)
    }

    @Test(arguments: [OwnershipScope.client, .agreement, .invoice])
    func allItemsAtOnceGiveTheVerdictsOfOneAtATime(scope: OwnershipScope) {
        var random = SplitMix64(seed: 0x0AE2_5C09 ^ UInt64(scope.rawValue.count))
        let rule = OwnershipRule(scope: scope)
        var compared = 0
        for _ in 0..<300 {
            let ledger = Self.randomLedger(&random)
            for date in ["2023-12-31", "2024-06-30", "2025-03-01", "2026-11-25", "2031-01-01"].map(d) {
                let allocation = PaymentAllocation(ledger, asOf: date)
                let together = rule.verdicts(of: ledger, on: date, allocation: allocation)
                let oneByOne = ledger.items.map { rule.verdict(for: $0, in: ledger, on: date) }
                #expect(together == oneByOne, "scope \(scope) on \(date)")
                compared += together.count
                // The ids-only scope `flags` uses is the scope the rule decides on.
                for item in ledger.items {
                    #expect(rule.invoiceIDsInScope(for: item, in: ledger, on: date)
                        == rule.invoicesInScope(for: item, in: ledger, on: date).map(\.id), "scope \(scope) on \(date)")
                }
            }
        }
        #expect(compared > 5_000)
    }
}
