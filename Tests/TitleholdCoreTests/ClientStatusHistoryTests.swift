import Testing
@testable import TitleholdCore

/// Client statuses and their cooling-off periods (art. 63a, 241a, 376 Fw), case by case.
@Suite struct ClientStatusHistoryTests {
    /// One status entry in a few words: status, since, cooling-off until.
    typealias Step = (ClientStatus, String, String?)

    private func entry(_ step: Step) -> ClientStatusHistory.Entry {
        .init(status: step.0, since: d(step.1), coolingOffUntil: step.2.map(d), recordedOn: d(step.1))
    }

    private func history(_ steps: [Step]) throws -> ClientStatusHistory {
        try ClientStatusHistory(validating: steps.map(entry))
    }

    struct Accepted: CustomTestStringConvertible, Sendable {
        let name: String
        let steps: [Step]
        let on: String
        /// Expected cooling-off in force on `on`: start, end, extended, article; nil when none.
        let expected: (String, String, Bool, String)?
        var testDescription: String { name }
    }

    @Test(arguments: [
        Accepted(name: "bankruptcy with a 2-month cooling-off from the judgment day, on its first day",
                 steps: [(.bankrupt, "2026-03-02", "2026-05-01")], on: "2026-03-02",
                 expected: ("2026-03-02", "2026-05-01", false, "63a Fw")),
        Accepted(name: "bankruptcy cooling-off still in force on its last day",
                 steps: [(.bankrupt, "2026-03-02", "2026-05-01")], on: "2026-05-01",
                 expected: ("2026-03-02", "2026-05-01", false, "63a Fw")),
        Accepted(name: "bankruptcy cooling-off over the day after its last day",
                 steps: [(.bankrupt, "2026-03-02", "2026-05-01")], on: "2026-05-02", expected: nil),
        Accepted(name: "no cooling-off before the judgment day",
                 steps: [(.bankrupt, "2026-03-02", "2026-05-01")], on: "2026-03-01", expected: nil),
        Accepted(name: "surseance cooling-off is governed by 241a",
                 steps: [(.surseance, "2026-03-02", "2026-04-15")], on: "2026-04-01",
                 expected: ("2026-03-02", "2026-04-15", false, "241a Fw")),
        Accepted(name: "WHOA cooling-off of 4 months is governed by 376",
                 steps: [(.whoa, "2026-03-02", "2026-07-01")], on: "2026-07-01",
                 expected: ("2026-03-02", "2026-07-01", false, "376 Fw")),
        Accepted(name: "cooling-off ordered after the judgment starts on the order's day",
                 steps: [(.bankrupt, "2026-03-02", nil), (.bankrupt, "2026-03-10", "2026-05-09")], on: "2026-03-09",
                 expected: nil),
        Accepted(name: "cooling-off ordered after the judgment runs from the order's day",
                 steps: [(.bankrupt, "2026-03-02", nil), (.bankrupt, "2026-03-10", "2026-05-09")], on: "2026-03-10",
                 expected: ("2026-03-10", "2026-05-09", false, "63a Fw")),
        Accepted(name: "extension by 2 months runs on after the first end",
                 steps: [(.bankrupt, "2026-03-02", "2026-05-01"), (.bankrupt, "2026-04-20", "2026-07-01")], on: "2026-06-15",
                 expected: ("2026-03-02", "2026-07-01", true, "63a Fw")),
        Accepted(name: "before the extension was ordered the first end stands",
                 steps: [(.bankrupt, "2026-03-02", "2026-05-01"), (.bankrupt, "2026-04-20", "2026-07-01")], on: "2026-04-19",
                 expected: ("2026-03-02", "2026-05-01", false, "63a Fw")),
        Accepted(name: "extension ordered on the period's last day is allowed",
                 steps: [(.surseance, "2026-03-02", "2026-05-01"), (.surseance, "2026-05-01", "2026-06-01")], on: "2026-05-20",
                 expected: ("2026-03-02", "2026-06-01", true, "241a Fw")),
        Accepted(name: "WHOA extended to 8 months in total",
                 steps: [(.whoa, "2026-03-02", "2026-07-01"), (.whoa, "2026-06-01", "2026-11-01")], on: "2026-11-01",
                 expected: ("2026-03-02", "2026-11-01", true, "376 Fw")),
        Accepted(name: "an entry of the same status without a date keeps the period",
                 steps: [(.bankrupt, "2026-03-02", "2026-05-01"), (.bankrupt, "2026-03-20", nil)], on: "2026-04-01",
                 expected: ("2026-03-02", "2026-05-01", false, "63a Fw")),
        Accepted(name: "the court ending the period early shortens it",
                 steps: [(.bankrupt, "2026-03-02", "2026-05-01"), (.bankrupt, "2026-03-20", "2026-03-31")], on: "2026-04-01",
                 expected: nil),
        Accepted(name: "a change of status ends the cooling-off",
                 steps: [(.surseance, "2026-03-02", "2026-05-01"), (.normal, "2026-03-20", nil)], on: "2026-04-01",
                 expected: nil),
        Accepted(name: "surseance turned into bankruptcy gets its own first period",
                 steps: [(.surseance, "2026-03-02", "2026-05-01"), (.bankrupt, "2026-04-01", "2026-05-31")], on: "2026-05-15",
                 expected: ("2026-04-01", "2026-05-31", false, "63a Fw")),
        Accepted(name: "a period from 31 December may last until the end of February",
                 steps: [(.bankrupt, "2025-12-31", "2026-02-28")], on: "2026-02-28",
                 expected: ("2025-12-31", "2026-02-28", false, "63a Fw")),
    ])
    func acceptedHistories(_ c: Accepted) throws {
        let h = try history(c.steps)
        let period = h.coolingOff(on: d(c.on))
        #expect(period?.start == c.expected.map { d($0.0) })
        #expect(period?.end == c.expected.map { d($0.1) })
        #expect(period?.extended == c.expected?.2)
        #expect(period?.article == c.expected?.3)
        if let period { #expect(period.firstDayAfter == period.end.adding(days: 1)) }
    }

    struct Refused: CustomTestStringConvertible, Sendable {
        let name: String
        let steps: [Step]
        let error: ClientStatusError
        /// Dates the message must name.
        let mentions: [String]
        var testDescription: String { name }
    }

    @Test(arguments: [
        Refused(name: "normal status has no cooling-off",
                steps: [(.normal, "2026-03-02", "2026-04-01")],
                error: .coolingOffNotAllowed(status: .normal, until: d("2026-04-01")), mentions: ["2026-04-01"]),
        Refused(name: "heading for difficulties has no cooling-off",
                steps: [(.difficulties, "2026-03-02", "2026-04-01")],
                error: .coolingOffNotAllowed(status: .difficulties, until: d("2026-04-01")), mentions: ["2026-04-01"]),
        Refused(name: "a period ending before it starts",
                steps: [(.bankrupt, "2026-03-02", "2026-03-01")],
                error: .endsBeforeStart(start: d("2026-03-02"), end: d("2026-03-01")), mentions: ["2026-03-02", "2026-03-01"]),
        Refused(name: "bankruptcy first period one day over 2 months",
                steps: [(.bankrupt, "2026-03-02", "2026-05-02")],
                error: .firstPeriodTooLong(status: .bankrupt, start: d("2026-03-02"), end: d("2026-05-02"),
                                           latestEnd: d("2026-05-01"), article: "63a Fw"),
                mentions: ["2026-03-02", "2026-05-02", "2026-05-01", "63a Fw"]),
        Refused(name: "surseance first period one day over 2 months",
                steps: [(.surseance, "2026-03-02", "2026-05-02")],
                error: .firstPeriodTooLong(status: .surseance, start: d("2026-03-02"), end: d("2026-05-02"),
                                           latestEnd: d("2026-05-01"), article: "241a Fw"),
                mentions: ["2026-05-01", "241a Fw"]),
        Refused(name: "WHOA first period one day over 4 months",
                steps: [(.whoa, "2026-03-02", "2026-07-02")],
                error: .firstPeriodTooLong(status: .whoa, start: d("2026-03-02"), end: d("2026-07-02"),
                                           latestEnd: d("2026-07-01"), article: "376 Fw"),
                mentions: ["2026-07-01", "376 Fw"]),
        Refused(name: "extension one day over 2 more months",
                steps: [(.bankrupt, "2026-03-02", "2026-05-01"), (.bankrupt, "2026-04-20", "2026-07-02")],
                error: .extensionTooLong(status: .bankrupt, start: d("2026-03-02"), firstEnd: d("2026-05-01"),
                                         requestedEnd: d("2026-07-02"), latestEnd: d("2026-07-01"), article: "63a Fw"),
                mentions: ["2026-07-02", "2026-07-01"]),
        Refused(name: "extension of a short first period stays within 2 more months",
                steps: [(.surseance, "2026-03-02", "2026-03-31"), (.surseance, "2026-03-20", "2026-06-01")],
                error: .extensionTooLong(status: .surseance, start: d("2026-03-02"), firstEnd: d("2026-03-31"),
                                         requestedEnd: d("2026-06-01"), latestEnd: d("2026-05-31"), article: "241a Fw"),
                mentions: ["2026-05-31"]),
        Refused(name: "second extension",
                steps: [(.bankrupt, "2026-03-02", "2026-05-01"), (.bankrupt, "2026-04-20", "2026-06-15"),
                        (.bankrupt, "2026-06-01", "2026-07-01")],
                error: .secondExtension(status: .bankrupt, start: d("2026-03-02"), firstEnd: d("2026-05-01"),
                                        extendedEnd: d("2026-06-15"), requestedEnd: d("2026-07-01"), article: "63a Fw"),
                mentions: ["2026-05-01", "2026-06-15", "2026-07-01"]),
        Refused(name: "WHOA second extension even within 8 months",
                steps: [(.whoa, "2026-03-02", "2026-05-01"), (.whoa, "2026-04-01", "2026-07-01"),
                        (.whoa, "2026-06-01", "2026-09-01")],
                error: .secondExtension(status: .whoa, start: d("2026-03-02"), firstEnd: d("2026-05-01"),
                                        extendedEnd: d("2026-07-01"), requestedEnd: d("2026-09-01"), article: "376 Fw"),
                mentions: ["2026-09-01"]),
        Refused(name: "WHOA extension one day over 8 months in total",
                steps: [(.whoa, "2026-03-02", "2026-07-01"), (.whoa, "2026-06-01", "2026-11-02")],
                error: .extensionTooLong(status: .whoa, start: d("2026-03-02"), firstEnd: d("2026-07-01"),
                                         requestedEnd: d("2026-11-02"), latestEnd: d("2026-11-01"), article: "376 Fw"),
                mentions: ["2026-11-01"]),
        Refused(name: "extension recorded after the period ended",
                steps: [(.bankrupt, "2026-03-02", "2026-05-01"), (.bankrupt, "2026-05-02", "2026-06-15")],
                error: .extensionAfterEnd(status: .bankrupt, end: d("2026-05-01"), orderedOn: d("2026-05-02"),
                                          article: "63a Fw"),
                mentions: ["2026-05-01", "2026-05-02"]),
        Refused(name: "an entry dated before the previous one",
                steps: [(.difficulties, "2026-03-02", nil), (.bankrupt, "2026-03-01", nil)],
                error: .outOfOrder(since: d("2026-03-01"), previousSince: d("2026-03-02"), previousStatus: .difficulties),
                mentions: ["2026-03-01", "2026-03-02"]),
    ])
    func refusedHistories(_ c: Refused) throws {
        // Every step but the last is valid; the last is refused with the expected error.
        let before = try history(Array(c.steps.dropLast()))
        guard let last = c.steps.last else { return }
        #expect(throws: c.error) { try before.recording(entry(last)) }
        for date in c.mentions { #expect(c.error.description.contains(date)) }
        // A refused entry leaves the history as it was.
        #expect(before.entries.count == c.steps.count - 1)
    }

    /// Stored entries are read as recorded: one that today's checks would refuse (here a first
    /// cooling-off of five months, where 63a Fw allows two) does not erase the client's status,
    /// so a bankrupt client is never read as a normal one.
    @Test func storedEntriesAreReadAsRecordedEvenWhenACheckWouldNowRefuseOne() throws {
        let stored = [entry((.difficulties, "2026-02-01", nil)), entry((.bankrupt, "2026-03-02", "2026-08-01"))]
        #expect(throws: ClientStatusError.self) { try ClientStatusHistory(validating: stored) }
        let h = ClientStatusHistory(recorded: stored)
        #expect(h.status(on: d("2026-04-01"))?.status == .bankrupt)
        #expect(h.coolingOff(on: d("2026-04-01")) != nil, "the recorded cooling-off still blocks")
        // Kept in the order of `since`, as recorded.
        #expect(ClientStatusHistory(recorded: stored.reversed()).entries == stored)
    }

    @Test func statusOnADayIsTheLatestEntryInForce() throws {
        let h = try history([(.difficulties, "2026-02-01", nil), (.bankrupt, "2026-03-02", "2026-05-01"),
                             (.bankrupt, "2026-04-20", "2026-07-01"), (.normal, "2026-09-01", nil)])
        #expect(h.status(on: d("2026-01-31")) == nil)
        #expect(h.status(on: d("2026-02-01"))?.status == .difficulties)
        #expect(h.status(on: d("2026-03-01"))?.status == .difficulties)
        #expect(h.status(on: d("2026-03-02"))?.status == .bankrupt)
        // The extension is an entry of its own, but the bankruptcy runs from the judgment day.
        #expect(h.status(on: d("2026-05-01"))?.since == d("2026-04-20"))
        #expect(h.statusSince(on: d("2026-05-01")) == d("2026-03-02"))
        #expect(h.status(on: d("2026-09-01"))?.status == .normal)
        #expect(h.coolingOff(on: d("2026-09-01")) == nil)
    }

    @Test(arguments: [
        (ClientStatus.normal, false, nil as String?, nil as Int?),
        (.difficulties, true, nil, nil),
        (.bankrupt, true, "63a Fw", 4),
        (.surseance, true, "241a Fw", 4),
        (.whoa, true, "376 Fw", 8),
    ])
    func eachStatusItsArticleAndMaximum(status: ClientStatus, difficulty: Bool, article: String?, totalMonths: Int?) {
        #expect(status.isPaymentDifficulty == difficulty)
        #expect(status.coolingOffArticle == article)
        #expect(status.coolingOffLimits?.totalMonths == totalMonths)
        #expect(status.allowsCoolingOff == (article != nil))
        #expect(ClientStatus(rawValue: status.rawValue) == status)
    }
}
