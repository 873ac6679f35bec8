import Testing
@testable import TitleholdCore

/// Limitation of the price claim (art. 3:307, 7:28, 3:317–3:319 BW).
@Suite struct DunningLimitationTests {
    @Test(arguments: [
        // due, kind, sale of goods, interruptions, barred from
        ("2019-03-31", ClientKind.business, true, [String](), "2024-04-01"),   // 5 years from the day after due
        ("2023-01-31", .consumer, true, [], "2025-02-01"),                       // consumer sale: 2 years
        ("2023-01-31", .consumer, false, [], "2028-02-01"),                      // consumer, not a sale: 5 years
        ("2019-03-31", .business, true, ["2020-01-15"], "2025-01-16"),           // a reminder restarts 5 years
        ("2019-03-31", .business, true, ["2020-01-15", "2022-06-01"], "2027-06-02"),
        ("2019-03-31", .business, true, ["2019-03-01"], "2024-04-01"),           // before the due date: no effect
        ("2023-01-31", .consumer, true, ["2025-01-31"], "2027-02-01"),           // on the last day: still in time
        ("2023-01-31", .consumer, true, ["2025-02-01", "2026-01-01"], "2025-02-01"),  // too late: no revival
        ("2024-02-27", .business, true, [], "2029-02-28"),                       // starts 2024-02-28
        ("2024-02-28", .business, true, [], "2029-02-28"),                       // starts on the leap day: 28 Feb
    ])
    func barredFrom(due: String, kind: ClientKind, sale: Bool, interruptions: [String], expected: String) {
        let limitation = PriceClaimLimitation(
            dueDate: testDay(due), clientKind: kind, isSaleOfGoods: sale, interruptions: interruptions.map { testDay($0) })
        #expect(limitation.barredFrom == testDay(expected))
        #expect(!limitation.isBarred(on: testDay(expected).adding(days: -1)))
        #expect(limitation.isBarred(on: testDay(expected)))
    }

    @Test func reasonsCiteTheArticles() {
        let limitation = PriceClaimLimitation(
            dueDate: testDay("2023-01-31"), clientKind: .consumer, interruptions: [testDay("2024-03-01")])
        #expect(limitation.article == "7:28 BW")
        #expect(limitation.reasons.map(\.article) == ["7:28 BW", "3:317, 3:319 BW"])
        #expect(limitation.interruptions == [testDay("2024-03-01")])
    }
}

@Suite struct PriceClaimLimitationShortcutTests {
    /// The ownership rule's shortcut must agree with the full limitation rule.
    @Test(arguments: [
        (ClientKind.business, true, [String]()), (.consumer, true, []), (.consumer, false, []),
        (.business, true, ["2027-01-10"]), (.business, true, ["2026-03-01", "2028-06-30"]),
        (.consumer, true, ["2027-01-10", "2031-01-01"]),
    ])
    func shortcutAgreesWithTheRule(kind: ClientKind, sale: Bool, letters: [String]) {
        let due = Day(iso: "2026-04-01")!
        let days = letters.compactMap { Day(iso: $0) }
        #expect(PriceClaimLimitation.barredFrom(dueDate: due, clientKind: kind, isSaleOfGoods: sale, interruptions: days)
                == PriceClaimLimitation(dueDate: due, clientKind: kind, isSaleOfGoods: sale, interruptions: days).barredFrom)
    }
}
