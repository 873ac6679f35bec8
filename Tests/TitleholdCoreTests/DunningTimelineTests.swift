import Testing
@testable import TitleholdCore

/// The dunning timeline of art. 13.4 with 12.1 of the terms; terms rolled by the Atw.
@Suite struct DunningTimelineTests {
    typealias Stage = DunningStatus.Stage

    private func evaluate(
        due: String = "2025-03-31", _ kind: ClientKind = .business, open: Int64 = 100_000,
        letters: [(DunningLetter.Kind, String)] = [], sale: Bool = true, acknowledged: [String] = [], today: String
    ) -> DunningStatus {
        DunningTimeline.evaluate(
            DunningCase(
                dueDate: testDay(due), clientKind: kind, isSaleOfGoods: sale, openAmount: Cents(open),
                letters: letters.map { DunningLetter(kind: $0.0, sentOn: testDay($0.1)) },
                acknowledgements: acknowledged.map { testDay($0) }),
            today: testDay(today))
    }

    /// One business invoice due Monday 2025-03-31, walked through every step.
    @Test(arguments: [
        // letters, today → stage, next action, next from, term ends, in default since
        ([(DunningLetter.Kind, String)](), "2025-03-31", Stage.notYetDue, DunningStatus.Action.sendReminder1, "2025-04-01", nil as String?, nil as String?),
        ([], "2025-04-01", .overdue, .sendReminder1, "2025-04-01", nil, nil),
        ([(.reminder1, "2025-04-01")], "2025-04-15", .reminder1Running, .sendReminder2, "2025-04-16", "2025-04-15", nil),
        ([(.reminder1, "2025-04-01")], "2025-04-16", .reminder1Lapsed, .sendReminder2, "2025-04-16", "2025-04-15", nil),
        ([(.reminder1, "2025-04-01"), (.reminder2, "2025-04-16")], "2025-04-23", .reminder2Running, .sendNoticeOfDefault, "2025-04-24", "2025-04-23", nil),
        ([(.reminder1, "2025-04-01"), (.reminder2, "2025-04-16")], "2025-04-24", .reminder2Lapsed, .sendNoticeOfDefault, "2025-04-24", "2025-04-23", "2025-04-24"),
        ([(.reminder1, "2025-04-01"), (.reminder2, "2025-04-16"), (.noticeOfDefault, "2025-04-24")], "2025-05-08",
         .noticeRunning, .handToCollections, "2025-05-09", "2025-05-08", "2025-04-24"),
        ([(.reminder1, "2025-04-01"), (.reminder2, "2025-04-16"), (.noticeOfDefault, "2025-04-24")], "2025-05-09",
         .noticeLapsed, .handToCollections, "2025-05-09", "2025-05-08", "2025-04-24"),
    ])
    func walksTheSteps(
        letters: [(DunningLetter.Kind, String)], today: String, stage: Stage, action: DunningStatus.Action, from: String,
        termEnds: String?, inDefaultSince: String?
    ) {
        let status = evaluate(letters: letters, today: today)
        #expect(status.stage == stage)
        #expect(status.nextStep?.action == action)
        #expect(status.nextStep?.from == testDay(from))
        #expect(status.mayTakeNextStep == (testDay(from) <= testDay(today)))
        #expect(status.termEnds == termEnds.map { testDay($0) })
        #expect(status.inDefaultSince == inDefaultSince.map { testDay($0) })
        #expect(status.suspensionAllowed == (inDefaultSince != nil))
        #expect(!status.reasons.isEmpty)
        #expect(status.reasons.allSatisfy { !$0.article.isEmpty })
    }

    @Test func handedToCollectionsHasNoNextStep() {
        let status = evaluate(
            letters: [(.reminder1, "2025-04-01"), (.reminder2, "2025-04-16"), (.noticeOfDefault, "2025-04-24"),
                      (.handedToCollections, "2025-05-12")],
            today: "2025-05-20")
        #expect(status.stage == .withCollections)
        #expect(status.nextStep == nil)
        #expect(status.isInDefault)
    }

    @Test func aTermEndingOnAHolidayMovesToTheNextWorkingDay() {
        // Sent Friday 2025-04-04: 14 days end on Good Friday 04-18 → Tuesday 04-22 (Easter Monday between).
        let status = evaluate(letters: [(.reminder1, "2025-04-04")], today: "2025-04-22")
        #expect(status.termEnds == testDay("2025-04-22"))
        #expect(status.stage == .reminder1Running)
        #expect(status.nextStep?.from == testDay("2025-04-23"))
        #expect(status.reasons.contains { $0.text.contains("moved from 2025-04-18") && $0.text.contains("Good Friday") })
    }

    @Test func aTermEndingOnAWeekendAndAcrossTheYear() {
        // 2nd reminder Thursday 2025-12-18: 7 days end on Christmas → Monday 12-29.
        let christmas = evaluate(
            due: "2025-11-30", letters: [(.reminder1, "2025-12-01"), (.reminder2, "2025-12-18")], today: "2025-12-29")
        #expect(christmas.termEnds == testDay("2025-12-29"))
        #expect(christmas.stage == .reminder2Running)
        // 1st reminder Friday 2026-12-18: 14 days end on New Year's Day 2027 (Friday) → Monday 2027-01-04.
        let newYear = evaluate(due: "2026-12-15", letters: [(.reminder1, "2026-12-18")], today: "2027-01-05")
        #expect(newYear.termEnds == testDay("2027-01-04"))
        #expect(newYear.stage == .reminder1Lapsed)
    }

    @Test func aConsumersFirstReminderCountsFromAssumedReceipt() {
        // Sent 2025-04-01, assumed received 04-03, 14 days end 04-17 (art. 6:96(6) BW).
        let status = evaluate(.consumer, letters: [(.reminder1, "2025-04-01")], today: "2025-04-17")
        #expect(status.termEnds == testDay("2025-04-17"))
        #expect(status.nextStep?.from == testDay("2025-04-18"))
        #expect(status.collectionCosts?.owedFrom == testDay("2025-04-18"))
        #expect(status.collectionCosts?.isOwed(on: testDay("2025-04-17")) == false)
        #expect(status.reasons.contains { $0.article == "13.4, 6:96(6) BW" })
    }

    @Test func aBusinessOwesCostsWithoutReminder() {
        let status = evaluate(.business, open: 300_000, today: "2025-04-01")
        #expect(status.collectionCosts?.amount == Cents(42_500))
        #expect(status.collectionCosts?.isOwed(on: testDay("2025-04-01")) == true)
        let consumer = evaluate(.consumer, open: 300_000, today: "2025-04-01")
        #expect(consumer.collectionCosts?.owedFrom == nil)
    }

    @Test func lettersSentTooEarlyDoNotCount() {
        // A 1st reminder on the due date and a 2nd reminder inside the 1st's term.
        let early = evaluate(letters: [(.reminder1, "2025-03-31")], today: "2025-04-05")
        #expect(early.stage == .overdue)
        #expect(early.nextStep?.action == .sendReminder1)
        #expect(early.reasons.contains { $0.text.contains("does not count") })
        let r2Early = evaluate(letters: [(.reminder1, "2025-04-01"), (.reminder2, "2025-04-10")], today: "2025-04-20")
        #expect(r2Early.stage == .reminder1Lapsed)
        #expect(r2Early.nextStep?.action == .sendReminder2)
        #expect(!r2Early.suspensionAllowed)
        let r2Alone = evaluate(letters: [(.reminder2, "2025-04-20")], today: "2025-05-20")
        #expect(r2Alone.stage == .overdue)
    }

    @Test func aNoticeOfDefaultCountsEvenWithoutReminders() {
        let status = evaluate(letters: [(.noticeOfDefault, "2025-04-02")], today: "2025-04-17")
        #expect(status.stage == .noticeLapsed)
        #expect(status.termEnds == testDay("2025-04-16"))
        #expect(status.inDefaultSince == testDay("2025-04-17"))
        #expect(status.nextStep?.action == .handToCollections)
        #expect(status.reasons.contains { $0.article == "6:82 BW" && $0.text.contains("counts as notice of default") })
    }

    @Test func onlyTheFirstLetterOfAKindCounts() {
        let status = evaluate(letters: [(.reminder1, "2025-04-01"), (.reminder1, "2025-04-08")], today: "2025-04-16")
        #expect(status.termEnds == testDay("2025-04-15"))
        #expect(status.reasons.contains { $0.text.contains("also sent on 2025-04-08") })
    }

    @Test func lettersAfterTodayAreNotAssumed() {
        let status = evaluate(letters: [(.reminder1, "2025-04-10")], today: "2025-04-05")
        #expect(status.stage == .overdue)
        #expect(status.nextStep?.action == .sendReminder1)
    }

    @Test func aPaidInvoiceHasNoNextStep() {
        let status = evaluate(open: 0, letters: [(.reminder1, "2025-04-01")], today: "2025-04-20")
        #expect(status.stage == .paid)
        #expect(status.nextStep == nil)
        #expect(!status.suspensionAllowed)
        #expect(status.reasons.map(\.article) == ["13.4"])
    }

    @Test(arguments: [
        // due, kind, sale, letters, acknowledgements, today, barred?
        ("2019-03-31", ClientKind.business, true, [(DunningLetter.Kind, String)](), [String](), "2024-04-01", true),
        ("2019-03-31", .business, true, [], [], "2024-03-31", false),
        ("2019-03-31", .business, true, [(.reminder1, "2020-01-15")], [], "2024-04-01", false),  // interrupted
        ("2019-03-31", .business, true, [(.handedToCollections, "2020-01-15")], [], "2024-04-01", true),  // no letter to the client
        ("2023-01-31", .consumer, true, [], [], "2025-02-01", true),   // consumer sale: 2 years
        ("2023-01-31", .consumer, false, [], [], "2025-02-01", false), // consumer services: 5 years
        ("2023-01-31", .consumer, true, [], ["2024-12-01"], "2025-02-01", false),  // part payment acknowledges
    ])
    func timeBarredClaimsHaveNoNextStep(
        due: String, kind: ClientKind, sale: Bool, letters: [(DunningLetter.Kind, String)], acknowledged: [String],
        today: String, barred: Bool
    ) {
        let status = evaluate(due: due, kind, letters: letters, sale: sale, acknowledged: acknowledged, today: today)
        #expect((status.stage == .timeBarred) == barred)
        #expect((status.nextStep == nil) == barred)
        if barred { #expect(status.reasons.contains { $0.article == "3:307 BW" || $0.article == "7:28 BW" }) }
    }

    @Test func noticeTermIsASetting() {
        let status = DunningTimeline.evaluate(
            DunningCase(dueDate: testDay("2025-03-31"), clientKind: .business, openAmount: Cents(100),
                        letters: [DunningLetter(kind: .noticeOfDefault, sentOn: testDay("2025-06-02"))]),
            today: testDay("2025-06-10"), settings: DunningSettings(noticeTermDays: 7))
        #expect(status.termEnds == testDay("2025-06-10"))  // 7 days after Monday 2 June: 9 June is Whit Monday → 10 June
        #expect(status.stage == .noticeRunning)
    }
}
