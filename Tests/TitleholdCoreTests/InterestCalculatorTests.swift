import Testing
@testable import TitleholdCore

/// Statutory interest (art. 13.4 of the terms; art. 6:119, 6:119a, 6:120 BW). Expected figures were
/// worked out by hand (principal × rate × days / 365, half-up per period) and with an independent
/// exact-fraction script that accrues day by day.
@Suite struct InterestCalculatorTests {
    let calculator = InterestCalculator()

    private func statement(
        _ principal: Int64, due: String, through: String, _ kind: ClientKind,
        payments: [(String, Int64)] = [], charges: [(String, Int64)] = []
    ) throws -> InterestStatement {
        try calculator.statement(
            principal: Cents(principal), dueDate: testDay(due), through: testDay(through), clientKind: kind,
            payments: payments.map { InterestCalculator.Payment(date: testDay($0.0), amount: Cents($0.1)) },
            charges: charges.map { InterestCalculator.Charge(date: testDay($0.0), amount: Cents($0.1)) })
    }

    private func periods(_ s: InterestStatement) -> [String] {
        s.periods.map { "\($0.from)..\($0.through) \($0.days)d \($0.rate) on \($0.principal.value) = \($0.interest.value)" }
    }

    @Test func countsFromTheDayAfterTheDueDateThroughTheEvaluationDate() throws {
        // EUR 1,000 at 11.15% for 30 days (1 Feb – 2 Mar 2025): 100000 × 0.1115 × 30 / 365 = 916.44 cents.
        let s = try statement(100_000, due: "2025-01-31", through: "2025-03-02", .business)
        #expect(periods(s) == ["2025-02-01..2025-03-02 30d 11.15% on 100000 = 916"])
        #expect(s.totalInterest == Cents(916))
        #expect(s.interestFrom == testDay("2025-02-01"))
        #expect(s.article == "6:119a BW")
        #expect(s.periods[0].endedBy == [.evaluationDate])
        #expect(s.outstanding == ClaimComponents(interest: Cents(916), principal: Cents(100_000)))
    }

    @Test(arguments: [
        ("2025-01-31", "2025-01-31", 0),  // on the due date: nothing
        ("2025-01-31", "2025-01-20", 0),  // before it
        ("2025-01-31", "2025-02-01", 31), // one day: 100000 × 0.1115 / 365 = 30.55 → 31
    ])
    func firstDays(due: String, through: String, expected: Int64) throws {
        let s = try statement(100_000, due: due, through: through, .business)
        #expect(s.totalInterest == Cents(expected))
    }

    @Test func rateChangeMidPeriodSplitsForBusinesses() throws {
        // 16–30 June at 11.15%, 1–15 July at 10.15% (6:119a rate of 2025-H2).
        let s = try statement(100_000, due: "2025-06-15", through: "2025-07-15", .business)
        #expect(periods(s) == [
            "2025-06-16..2025-06-30 15d 11.15% on 100000 = 458",
            "2025-07-01..2025-07-15 15d 10.15% on 100000 = 417",
        ])
        #expect(s.periods[0].endedBy == [.rateChange])
        #expect(s.totalInterest == Cents(875))
    }

    @Test func consumersOweTheNonCommercialRateWhichDidNotChangeThen() throws {
        let s = try statement(100_000, due: "2025-06-15", through: "2025-07-15", .consumer)
        #expect(periods(s) == ["2025-06-16..2025-07-15 30d 6% on 100000 = 493"])
        #expect(s.article == "6:119 BW")
    }

    @Test func compoundsAfterAFullYearAcrossALeapYear() throws {
        // 2024 is a leap year: 182 + 184 = 366 days at /365. On 2025-01-01 the year's interest is added.
        let s = try statement(1_000_000, due: "2023-12-31", through: "2025-01-05", .business)
        #expect(periods(s) == [
            "2024-01-01..2024-06-30 182d 12.5% on 1000000 = 62329",
            "2024-07-01..2024-12-31 184d 12.25% on 1000000 = 61753",
            "2025-01-01..2025-01-05 5d 11.15% on 1124082 = 1717",
        ])
        #expect(s.capitalisations == [InterestStatement.Capitalisation(on: testDay("2025-01-01"), amount: Cents(124_082))])
        #expect(s.periods[1].endedBy == [.yearCompleted, .rateChange])
        #expect(s.totalInterest == Cents(125_799))
        #expect(s.outstanding == ClaimComponents(interest: Cents(1_717), principal: Cents(1_124_082)))
    }

    @Test func aStartOnTheLeapDayCompoundsOn28February() throws {
        let s = try statement(500_000, due: "2024-02-28", through: "2025-03-05", .consumer)
        #expect(periods(s) == [
            "2024-02-29..2024-12-31 307d 7% on 500000 = 29438",
            "2025-01-01..2025-02-27 58d 6% on 500000 = 4767",
            "2025-02-28..2025-03-05 6d 6% on 534205 = 527",
        ])
        #expect(s.capitalisations.map(\.on) == [testDay("2025-02-28")])
        #expect(s.totalInterest == Cents(34_732))
    }

    @Test func aPaymentOnTheAnniversaryComesAfterTheCapitalisation() throws {
        let s = try statement(500_000, due: "2024-02-28", through: "2025-03-05", .consumer, payments: [("2025-02-28", 100_000)])
        // The year's 34205 is capitalised, then the payment goes to the principal.
        #expect(s.payments.map(\.split) == [ClaimComponents.Split(
            toCosts: .zero, toInterest: .zero, toPrincipal: Cents(100_000), surplus: .zero)])
        #expect(s.periods.last?.principal == Cents(434_205))
        #expect(s.totalInterest == Cents(34_633))
    }

    @Test func aPaymentGoesToInterestFirstAndReducesThePrincipalFromItsDate() throws {
        let s = try statement(100_000, due: "2025-01-31", through: "2025-03-02", .business, payments: [("2025-02-15", 50_000)])
        #expect(periods(s) == [
            "2025-02-01..2025-02-14 14d 11.15% on 100000 = 428",
            "2025-02-15..2025-03-02 16d 11.15% on 50428 = 246",
        ])
        #expect(s.periods[0].endedBy == [.payment])
        #expect(s.payments == [InterestStatement.AppliedPayment(
            date: testDay("2025-02-15"), amount: Cents(50_000),
            split: ClaimComponents.Split(toCosts: .zero, toInterest: Cents(428), toPrincipal: Cents(49_572), surplus: .zero))])
        #expect(s.totalInterest == Cents(674))
        #expect(s.outstanding == ClaimComponents(interest: Cents(246), principal: Cents(50_428)))
    }

    @Test func costsArePaidBeforeInterest() throws {
        let s = try statement(
            100_000, due: "2025-01-31", through: "2025-03-02", .business,
            payments: [("2025-02-15", 50_000)], charges: [("2025-02-01", 4_000)])
        #expect(s.payments.first?.split == ClaimComponents.Split(
            toCosts: Cents(4_000), toInterest: Cents(428), toPrincipal: Cents(45_572), surplus: .zero))
        #expect(s.outstanding == ClaimComponents(costs: .zero, interest: Cents(266), principal: Cents(54_428)))
    }

    @Test func chargesAfterThePaymentStayOwed() throws {
        let s = try statement(
            100_000, due: "2025-01-31", through: "2025-03-02", .business,
            payments: [("2025-02-15", 50_000)], charges: [("2025-02-20", 4_000), ("2025-03-03", 999)])
        #expect(s.payments.first?.split.toCosts == .zero)
        #expect(s.outstanding.costs == Cents(4_000))  // the charge after `through` is left out
    }

    @Test func overpaymentStopsInterestAndLeavesACredit() throws {
        let s = try statement(100_000, due: "2025-01-31", through: "2025-03-02", .business, payments: [("2025-02-15", 200_000)])
        #expect(periods(s) == ["2025-02-01..2025-02-14 14d 11.15% on 100000 = 428"])
        #expect(s.credit == Cents(99_572))
        #expect(s.outstanding.total == .zero)
    }

    @Test func aPaymentBeforeTheDueDateReducesThePrincipalFromTheStart() throws {
        let s = try statement(100_000, due: "2025-01-31", through: "2025-03-02", .business, payments: [("2025-01-20", 40_000)])
        #expect(periods(s) == ["2025-02-01..2025-03-02 30d 11.15% on 60000 = 550"])
    }

    @Test func paymentsAfterTheEvaluationDateAreLeftOut() throws {
        let s = try statement(100_000, due: "2025-01-31", through: "2025-03-02", .business, payments: [("2025-03-03", 100_000)])
        #expect(s.payments.isEmpty)
        #expect(s.totalInterest == Cents(916))
    }

    @Test func severalYearsWithPaymentsAndRateChanges() throws {
        let s = try statement(
            1_234_567, due: "2022-11-30", through: "2025-12-31", .business,
            payments: [("2023-03-15", 200_000), ("2024-06-30", 300_000), ("2024-12-01", 1_000)])
        #expect(s.periods.map(\.interest.value) == [
            8_388, 25_926, 33_209, 53_766, 11_780, 71_647, 322, 48_232, 10_267, 54_564, 41_987, 9_428,
        ])
        #expect(s.capitalisations.map(\.on) == [testDay("2023-12-01"), testDay("2024-12-01"), testDay("2025-12-01")])
        #expect(s.totalInterest == Cents(369_516))
        #expect(s.outstanding.principal == Cents(1_093_655))
        #expect(s.notes.isEmpty)
    }

    @Test func consumerOverThreeYears() throws {
        let s = try statement(250_000, due: "2022-05-31", through: "2025-08-31", .consumer)
        #expect(s.periods.map(\.interest.value) == [2_932, 4_137, 845, 7_775, 7_494, 11_212, 6_781, 4_404])
        #expect(s.totalInterest == Cents(45_580))
        #expect(s.outstanding.principal == Cents(291_176))
    }

    @Test func daysBeforeTheTableAreAnError() {
        #expect(throws: InterestError.noRate(day: testDay("2019-07-01"), tableStarts: testDay("2020-01-01"))) {
            try statement(100_000, due: "2019-06-30", through: "2020-02-01", .business)
        }
    }

    @Test func daysAfterTheTableAssumeTheLastRateAndSaySo() throws {
        let s = try statement(100_000, due: "2026-05-31", through: "2026-07-31", .business)
        #expect(s.periods.map(\.rate) == [InterestRate(basisPoints: 1015)])
        #expect(s.notes.count == 1)
        #expect(s.notes.first?.contains("2026-06-30") == true)
        let inside = try statement(100_000, due: "2026-05-31", through: "2026-06-30", .business)
        #expect(inside.notes.isEmpty)
    }

    @Test func negativeAmountsAreRejected() {
        #expect(throws: InterestError.self) { try statement(-1, due: "2025-01-31", through: "2025-03-02", .business) }
        #expect(throws: InterestError.self) {
            try statement(100, due: "2025-01-31", through: "2025-03-02", .business, payments: [("2025-02-01", -5)])
        }
    }

    @Test(arguments: [
        (4 as Int64, 0 as Int64), (5, 1), (14, 1), (15, 2), (25, 3),  // 10% for 365 days: half-up
    ])
    func roundsHalfUp(principal: Int64, expected: Int64) throws {
        let rate = InterestRate(basisPoints: 1000)
        #expect(try InterestCalculator.interest(on: Cents(principal), rate: rate, days: 365) == Cents(expected))
    }

    @Test func largeAmountsAreExactOrRefused() throws {
        // EUR 10 billion for a year at 12.25%: 1e12 × 0.1225 = 1.225e11 cents, exactly.
        #expect(try InterestCalculator.interest(on: Cents(1_000_000_000_000), rate: InterestRate(basisPoints: 1225), days: 365)
            == Cents(122_500_000_000))
        #expect(throws: InterestError.amountTooLarge(Cents(Int64.max))) {
            try InterestCalculator.interest(on: Cents(Int64.max), rate: InterestRate(basisPoints: 20_000), days: 365)
        }
    }
}

extension InterestCalculatorTests {
    @Test func aPeriodPrintsAsOneLine() throws {
        let s = try statement(100_000, due: "2025-01-31", through: "2025-03-02", .business)
        #expect(s.periods.map(\.description) == ["2025-02-01 – 2025-03-02  30 days  11.15% (6:119a BW) on EUR 1,000.00 = EUR 9.16"])
    }
}
