import Testing
@testable import TitleholdCore

/// Collection costs: the BIK scale (Besluit vergoeding voor buitengerechtelijke incassokosten,
/// art. 2) and when they are owed (art. 6:96(4), (6), (7) BW).
@Suite struct DunningCollectionCostsTests {
    static let scaleCases: [(principal: Int64, costs: Int64)] = [
        // principal in cents → costs in cents
        (0, 0),             // nothing owed, nothing charged
        (1, 4_000),                            // minimum EUR 40
        (26_666, 4_000),                       // 15% = 39.999 → minimum
        (26_667, 4_000),                       // 15% = 40.0005 → 40.00
        (30_000, 4_500),
        (123_456, 18_518),                     // 185.184 → 185.18
        (250_000, 37_500),                     // edge of the 15% band: 375
        (250_001, 37_500),                     // + 10% of one cent
        (333_333, 45_833),                     // 375 + 83.3333 → 458.33
        (500_000, 62_500),                     // edge of the 10% band: 625
        (1_000_000, 87_500),                   // edge of the 5% band: 875
        (1_000_050, 87_501),                   // + 1% of 0.50 = 0.005 → half-up to 0.01
        (20_000_000, 277_500),                 // edge of the 1% band: 2,775
        (20_000_100, 277_501),                 // + 0.5% of 1.00 = 0.005 → 0.01
        (100_000_000, 677_500),                // 2,775 + 0.5% of 800,000 = 6,775: the maximum is reached exactly
        (100_000_100, 677_500),                // above it: the maximum
        (200_000_000, 677_500),
        (Int64.max, 677_500),
    ]

    @Test(arguments: scaleCases)
    func scale(principal: Int64, expected: Int64) {
        #expect(CollectionCosts.scale(principal: Cents(principal)) == Cents(expected))
    }

    @Test func breakdownListsEachBand() {
        let parts = CollectionCosts.breakdown(principal: Cents(1_200_000))
        #expect(parts.map(\.part.value) == [250_000, 250_000, 500_000, 200_000])
        #expect(parts.map(\.costs.value) == [37_500, 25_000, 25_000, 2_000])
        #expect(CollectionCosts.scale(principal: Cents(1_200_000)) == Cents(89_500))
    }

    @Test func severalClaimsAreAddedUp() {
        // Art. 6:96(7): EUR 1,000 + EUR 2,000 = 3,000 → 375 + 50 = 425 (not 150 + 300).
        let decision = CollectionCosts.assess(
            clientKind: .business, principals: [Cents(100_000), Cents(200_000)], dueDate: testDay("2025-03-31"),
            fourteenDayLetterSentOn: nil)
        #expect(decision.principalBasis == Cents(300_000))
        #expect(decision.amount == Cents(42_500))
        #expect(decision.reasons.contains { $0.article == "6:96(7) BW" })
    }

    @Test func businessesOweFromTheDayAfterTheDueDateWithoutReminder() {
        let decision = CollectionCosts.assess(
            clientKind: .business, principals: [Cents(10_000)], dueDate: testDay("2025-03-31"), fourteenDayLetterSentOn: nil)
        #expect(decision.amount == Cents(4_000))
        #expect(decision.owedFrom == testDay("2025-04-01"))
        #expect(!decision.isOwed(on: testDay("2025-03-31")))
        #expect(decision.isOwed(on: testDay("2025-04-01")))
        #expect(decision.reasons.contains { $0.article == "6:96(4) BW" })
    }

    @Test(arguments: [
        // letter sent, owed from (nil: not owed). Receipt assumed 2 days later; 14 days from the day after.
        (nil as String?, nil as String?),
        ("2025-03-31", nil),            // on the due date: before default started
        ("2025-04-01", "2025-04-18"),   // received 04-03, term ends Thu 04-17
        ("2025-04-02", "2025-04-23"),   // received 04-04, term ends on Good Friday → Tue 04-22 (Atw)
        ("2025-12-10", "2025-12-30"),   // received 12-12, term ends Fri 12-26 (Boxing Day) → Mon 12-29
    ])
    func consumersOweOnlyAfterTheFourteenDayLetter(letter: String?, owedFrom: String?) {
        let decision = CollectionCosts.assess(
            clientKind: .consumer, principals: [Cents(50_000)], dueDate: testDay("2025-03-31"),
            fourteenDayLetterSentOn: letter.map { testDay($0) })
        #expect(decision.owedFrom == owedFrom.map { testDay($0) })
        #expect(decision.amount == Cents(7_500))
        #expect(decision.reasons.contains { $0.article == "6:96(6) BW" })
    }
}
