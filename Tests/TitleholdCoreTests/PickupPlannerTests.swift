import Testing
@testable import TitleholdCore

/// Planning pickups (issue "Planning"; art. 4.2: working days and hours, never Sundays or public
/// holidays; art. 10.3: taking back goods after a notice).
@Suite struct PickupPlannerTests {
    // MARK: Fixtures

    /// A site of client `id` with `items` items of `each` cents, a notice sent long ago.
    private func site(
        _ id: Int64, items: Int = 1, each: Int64 = 100_000, address: String? = nil, defaultSince: String? = "2026-01-10",
        notice: String? = "2025-12-01", blockedUntil: String? = nil
    ) -> PickupCandidate {
        PickupCandidate(
            clientID: id, clientName: "Client \(id)", siteAddress: address ?? "Straat \(id), Amsterdam",
            items: (1...max(1, items)).map { .init(serial: "SN\(id)-\($0)", description: "Laptop \($0)", value: Cents(each)) },
            inDefaultSince: defaultSince.map { testDay($0) }, noticeSentOn: notice.map { testDay($0) },
            blockedUntil: blockedUntil.map { testDay($0) })
    }

    private func settings(
        technicians: Int = 1, visits: Int? = 4, base: Int = 30, perItem: Int = 10, travel: Int = 30, notice: Int = 2
    ) throws -> PickupSettings {
        try PickupSettings(
            technicians: technicians, visitsPerTechnicianPerDay: visits, baseMinutesPerVisit: base, minutesPerItem: perItem,
            travelMinutes: travel, noticeWorkingDays: notice)
    }

    private func plan(
        _ candidates: [PickupCandidate], previous: [PlannedVisit] = [], from: String, days: Int = 30,
        settings: PickupSettings = .standard
    ) -> PickupPlan {
        PickupPlanner.plan(
            candidates: candidates, previous: previous, from: testDay(from), days: days, calendar: .pickups,
            settings: settings)
    }

    // MARK: Calendar (art. 4.2)

    @Test("one visit a day skips weekends and holidays", arguments: [
        // from, the days visits land on (King's Day 2026-04-27, Ascension 2026-05-14, Christmas, New Year)
        ("2026-04-24", ["2026-04-24", "2026-04-28", "2026-04-29"]),
        ("2026-05-13", ["2026-05-13", "2026-05-15", "2026-05-18"]),
        ("2026-12-23", ["2026-12-23", "2026-12-24", "2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31", "2027-01-04"]),
        ("2026-04-03", ["2026-04-03", "2026-04-07"]),  // Good Friday is a working day (cao); Easter Monday is not
    ])
    func skipsNonWorkingDays(from: String, expected: [String]) throws {
        let candidates = (1...expected.count).map { site(Int64($0), each: Int64(1_000 * (100 - $0))) }
        let result = plan(candidates, from: from, settings: try settings(visits: 1))
        #expect(result.visits.map(\.date.description) == expected)
        #expect(result.unplaced.isEmpty)
    }

    @Test func neverOnAWeekendOrHolidayOverAYear() throws {
        let candidates = (1...300).map { site(Int64($0), each: 10_000) }
        let result = plan(candidates, from: "2026-01-01", days: 365, settings: try settings(visits: 1))
        // 2026: 261 weekdays minus New Year, Easter Monday, King's Day, Ascension, Whit Monday and
        // Christmas (Boxing Day is a Saturday; Good Friday works; 2026 is no lustrum year).
        #expect(result.visits.count == 255)
        #expect(result.unplaced.count == 45)
        for visit in result.visits {
            #expect(BusinessCalendar.pickups.isWorkingDay(visit.date), "\(visit.date)")
            #expect(visit.date.isoWeekday <= 5)
        }
        let days = Set(result.visits.map(\.date.description))
        for holiday in ["2026-01-01", "2026-04-06", "2026-04-27", "2026-05-14", "2026-05-25", "2026-12-25"] {
            #expect(!days.contains(holiday), "visit on holiday \(holiday)")
        }
        #expect(days.contains("2026-04-03"))  // Good Friday
    }

    @Test func visitsStayInsideWorkingHours() throws {
        // 30 + 10 × 19 = 220 minutes: two fit in 09:00–17:00 with 30 minutes between them, a third does not.
        let candidates = (1...7).map { site(Int64($0), items: 19, each: Int64(10_000 - $0)) }
        let result = plan(candidates, from: "2026-06-01", days: 3, settings: try settings(visits: nil))
        #expect(result.visits.map { "\($0.date) \($0.timeWindow)" } == [
            "2026-06-01 09:00–12:40", "2026-06-01 13:10–16:50",
            "2026-06-02 09:00–12:40", "2026-06-02 13:10–16:50",
            "2026-06-03 09:00–12:40", "2026-06-03 13:10–16:50",
        ])
        #expect(result.unplaced.map(\.clientID) == [7])
        #expect(result.unplaced.first?.reason == .noCapacity(earliest: testDay("2026-06-01"), through: testDay("2026-06-03")))
    }

    @Test func aVisitLongerThanAWorkingDayIsReportedNotSplit() {
        // 30 + 10 × 46 = 490 minutes > 480.
        let result = plan([site(1, items: 46)], from: "2026-06-01")
        #expect(result.visits.isEmpty)
        #expect(result.unplaced.first?.reason == .longerThanWorkingDay(minutes: 490, workingDayMinutes: 480))
    }

    // MARK: Notice (art. 10.3)

    @Test("the client gets two full working days after the notice", arguments: [
        ("2026-03-27", "2026-04-01"),  // Friday → Mon, Tue free → Wednesday
        ("2026-04-23", "2026-04-29"),  // Thursday → Fri, (King's Day Mon) Tue → Wednesday
        ("2026-05-12", "2026-05-18"),  // Tuesday → Wed, (Ascension Thu) Fri → Monday
        ("2026-06-06", "2026-06-10"),  // Saturday → Mon, Tue → Wednesday
    ])
    func noticeTerm(sentOn: String, earliest: String) {
        let candidate = site(1, notice: sentOn)
        let (day, reason) = PickupPlanner.earliestDay(
            candidate, notice: testDay(sentOn), from: testDay("2026-01-01"), calendar: .pickups, settings: .standard)
        #expect(day == testDay(earliest))
        #expect(reason == .notice(sentOn: testDay(sentOn), workingDays: 2))
        let result = plan([candidate], from: sentOn, days: 20)
        #expect(result.visits.first?.date == testDay(earliest))
    }

    @Test func aClientWithoutNoticeGetsANoticeFirst() {
        let result = plan([site(1, notice: nil), site(1, address: "Other 2", notice: nil), site(2)], from: "2026-06-01")
        #expect(result.visits.map(\.clientID) == [2])
        #expect(result.needsNotice.count == 1)
        #expect(result.needsNotice.first?.clientID == 1)
        #expect(result.needsNotice.first?.siteAddresses == ["Straat 1, Amsterdam", "Other 2"])
        #expect(result.needsNotice.first?.valueAtRisk == Cents(200_000))
    }

    @Test func aNoticeOrBlockAfterTheHorizonIsSaid() {
        let result = plan([site(1, notice: "2026-06-04"), site(2, blockedUntil: "2026-06-30")], from: "2026-06-01", days: 5)
        #expect(result.visits.isEmpty)
        #expect(result.unplaced.count == 2)
        let reasons = Dictionary(uniqueKeysWithValues: result.unplaced.map { ($0.clientID, $0.reason) })
        #expect(reasons[1] == .notBefore(earliest: testDay("2026-06-09"), because: .notice(sentOn: testDay("2026-06-04"), workingDays: 2)))
        #expect(reasons[2] == .notBefore(earliest: testDay("2026-07-01"), because: .blocked(until: testDay("2026-06-30"))))
    }

    // MARK: Order and capacity

    @Test func mostValueFirstThenOldestDefault() throws {
        let candidates = [
            site(1, each: 50_000, defaultSince: "2025-01-01"),
            site(2, each: 90_000, defaultSince: "2026-02-01"),
            site(3, each: 90_000, defaultSince: "2025-11-01"),
            site(4, each: 90_000, defaultSince: nil),
            site(5, items: 2, each: 45_000, defaultSince: "2026-03-01"),  // 90,000 too, newest known default
        ]
        let result = plan(candidates, from: "2026-06-01", settings: try settings(visits: 1))
        #expect(result.visits.map(\.clientID) == [3, 2, 5, 4, 1])
        #expect(result.visits.map(\.date.description) == ["2026-06-01", "2026-06-02", "2026-06-03", "2026-06-04", "2026-06-05"])
    }

    @Test func oneVisitPerSiteTwoSitesTwoVisits() {
        let result = plan([
            site(1, address: "Keizersgracht 1, Amsterdam"),
            PickupCandidate(
                clientID: 1, clientName: "Client 1", siteAddress: "keizersgracht 1  amsterdam",
                items: [.init(serial: "EXTRA", description: "Dock", value: 5_000)], noticeSentOn: testDay("2026-01-05")),
            PickupCandidate(
                clientID: 1, clientName: "Client 1", siteAddress: "Damrak 5, Amsterdam",
                items: [.init(serial: "D-1", description: "Printer", value: 30_000)], noticeSentOn: testDay("2026-01-05")),
        ], from: "2026-06-01")
        #expect(result.visits.count == 2)
        let keizersgracht = result.visits.first { $0.siteAddress.hasPrefix("Keizersgracht") }
        #expect(keizersgracht?.serials == ["SN1-1", "EXTRA"])
        #expect(result.visits.first { $0.siteAddress.hasPrefix("Damrak") }?.serials == ["D-1"])
    }

    /// 100 random sites with a fixed seed, across the spring DST change, Easter and King's Day:
    /// capacity, hours, working days and notice terms always hold, and every site is accounted for once.
    @Test(arguments: [(1, 4 as Int?, 30), (2, 3, 15), (3, nil, 0)])
    func capacityIsNeverExceeded(technicians: Int, visits: Int?, travel: Int) throws {
        var random = SplitMix64(seed: 0x7171_E401_D000 + UInt64(technicians))
        let from = testDay("2026-03-20")
        let candidates: [PickupCandidate] = (1...100).map { n in
            let itemCount = Int(random.next() % 8) + 1
            let hasNotice = random.next() % 10 != 0
            return PickupCandidate(
                clientID: Int64(n % 80), clientName: "Client \(n % 80)", siteAddress: "Site \(n)",
                items: (1...itemCount).map { .init(serial: "S\(n)-\($0)", description: "", value: Cents(Int64(random.next() % 500_000))) },
                inDefaultSince: from.adding(days: -Int(random.next() % 200)),
                noticeSentOn: hasNotice ? from.adding(days: Int(random.next() % 20) - 10) : nil,
                blockedUntil: random.next() % 5 == 0 ? from.adding(days: Int(random.next() % 15)) : nil)
        }
        let capacity = try settings(technicians: technicians, visits: visits, base: 30, perItem: 10, travel: travel)
        let result = PickupPlanner.plan(
            candidates: candidates, previous: [], from: from, days: 30, calendar: .pickups, settings: capacity)

        var perTechnicianDay: [String: [PlannedVisit]] = [:]
        for visit in result.visits {
            #expect(BusinessCalendar.pickups.isWorkingDay(visit.date), "\(visit.date)")
            #expect(visit.startMinute >= 540 && visit.endMinute <= 1020, "\(visit.timeWindow)")
            #expect(visit.endMinute - visit.startMinute == capacity.visitMinutes(items: visit.items.count))
            #expect((1...technicians).contains(visit.technician))
            #expect(visit.date >= from && visit.date <= result.through)
            let candidate = candidates.first { $0.site == visit.site }
            if let notice = candidate?.noticeSentOn {
                #expect(BusinessCalendar.pickups.workingDays(from: notice.adding(days: 1), through: visit.date.adding(days: -1)) >= 2)
            }
            if let blocked = candidate?.blockedUntil { #expect(visit.date > blocked) }
            perTechnicianDay["\(visit.date)#\(visit.technician)", default: []].append(visit)
        }
        for (key, visitsOfDay) in perTechnicianDay {
            if let visits { #expect(visitsOfDay.count <= visits, "\(key)") }
            let sorted = visitsOfDay.sorted { $0.startMinute < $1.startMinute }
            for (a, b) in zip(sorted, sorted.dropFirst()) {
                #expect(a.endMinute + travel <= b.startMinute, "\(key): \(a.timeWindow) then \(b.timeWindow)")
            }
        }
        if let perDay = capacity.visitsPerDay {
            for (day, count) in Dictionary(grouping: result.visits, by: \.date).mapValues(\.count) {
                #expect(count <= perDay, "\(day)")
            }
        }
        let accounted = result.visits.count + result.unplaced.count + result.needsNotice.map(\.siteAddresses.count).reduce(0, +)
        #expect(accounted == 100)
        #expect(Set(result.visits.map(\.id)).count == result.visits.count)

        // Planning again with the plan as `previous` changes nothing.
        let again = PickupPlanner.plan(
            candidates: candidates, previous: result.visits, from: from, days: 30, calendar: .pickups, settings: capacity)
        #expect(again.visits == result.visits)
        #expect(again.changes.isEmpty)
    }

    // MARK: Re-planning

    @Test func replanningAfterAPaymentDropsTheClientAndSaysSo() {
        let first = plan([site(1, each: 300_000), site(2, each: 200_000), site(3, each: 100_000)], from: "2026-06-01")
        #expect(first.visits.count == 3)
        #expect(Set(first.changes.map(\.kind)) == Set(first.visits.map { .added(date: $0.date, startMinute: $0.startMinute) }))
        guard let paid = first.visits.first(where: { $0.clientID == 2 }) else {
            Issue.record("no visit for client 2"); return
        }

        // Client 2 paid: its items are no longer candidates.
        let second = plan([site(1, each: 300_000), site(3, each: 100_000)], previous: first.visits, from: "2026-06-01")
        #expect(second.visits.map(\.clientID) == [1, 3])
        #expect(second.changes == [PlanChange(
            visitID: paid.id, clientID: 2, clientName: "Client 2", siteAddress: "Straat 2, Amsterdam",
            kind: .dropped(.noEligibleItems))])
        #expect(second.changes.first?.description.contains("dropped") == true)
        // The others keep id, day, time and revision: nothing moved that the payment did not affect.
        #expect(second.visits == first.visits.filter { $0.clientID != 2 })
    }

    @Test func replanningReportsItemsAddedAndRemovedAndRaisesTheRevision() {
        let before = site(1, items: 3)
        let first = plan([before], from: "2026-06-01")
        var after = before
        after.items.removeFirst()  // SN1-1 was paid for (invoice scope) or returned
        after.items.append(.init(serial: "NEW-9", description: "Monitor", value: 20_000))
        let second = plan([after], previous: first.visits, from: "2026-06-01")
        let visit = second.visits.first
        #expect(visit?.id == first.visits.first?.id)
        #expect(visit?.revision == 1)
        #expect(second.changes.map(\.kind) == [.itemsRemoved(["SN1-1"]), .itemsAdded(["NEW-9"])])
    }

    @Test func idsAreStableAndDerivedFromSiteAndFirstDay() {
        let first = plan([site(1), site(2, each: 50_000)], from: "2026-06-01", settings: .standard)
        let again = plan([site(2, each: 50_000), site(1)], from: "2026-06-01")
        #expect(first.visits.map(\.id) == again.visits.map(\.id))
        let key = PickupSite(clientID: 1, address: "Straat 1, Amsterdam").key
        #expect(key.count == 8 && key.allSatisfy(\.isHexDigit))
        #expect(first.visits.first { $0.clientID == 1 }?.id == "\(key)-20260601")
        #expect(PickupSite(clientID: 1, address: "straat 1 amsterdam").key == key)
        #expect(PickupSite(clientID: 2, address: "Straat 1, Amsterdam").key != key)

        // A bigger site arrives and the plan is made a week later: planned sites keep id and day.
        let later = plan(
            [site(1), site(2, each: 50_000), site(9, each: 900_000)], previous: first.visits, from: "2026-06-01")
        for old in first.visits {
            let new = later.visits.first { $0.site == old.site }
            #expect(new?.id == old.id)
            #expect(new?.date == old.date && new?.startMinute == old.startMinute)
        }
        #expect(later.changes.map(\.clientID) == [9])
    }

    @Test func aVisitThatCannotKeepItsDayMovesAndSaysSo() throws {
        let first = plan([site(1)], from: "2026-06-01")
        // Planned for Monday 1 June; re-planned from Wednesday 3 June (the visit did not happen).
        let second = plan([site(1)], previous: first.visits, from: "2026-06-03")
        #expect(second.visits.first?.date == testDay("2026-06-03"))
        #expect(second.visits.first?.id == first.visits.first?.id)
        #expect(second.changes.map(\.kind) == [
            .rescheduled(fromDate: testDay("2026-06-01"), fromStartMinute: 540, toDate: testDay("2026-06-03"), toStartMinute: 540)
        ])
    }

    // MARK: Local time with offset (DST)

    @Test("visit times carry the Amsterdam offset of their day", arguments: [
        ("2026-03-27", "2026-03-27T09:00:00+01:00"),  // Friday before the spring change (Sunday 29 March)
        ("2026-03-30", "2026-03-30T09:00:00+02:00"),  // Monday after it
        ("2026-10-23", "2026-10-23T09:00:00+02:00"),  // Friday before the autumn change (Sunday 25 October)
        ("2026-10-26", "2026-10-26T09:00:00+01:00"),  // Monday after it
    ])
    func offsets(day: String, start: String) {
        let result = plan([site(1, items: 3)], from: day, days: 1)
        #expect(result.visits.first?.startISO8601 == start)
        #expect(result.visits.first?.endISO8601 == start.replacingOccurrences(of: "T09:00", with: "T10:00"))
    }

    @Test func theDaylightSavingSundaysAreNeverPlanned() throws {
        let result = plan((1...4).map { site(Int64($0)) }, from: "2026-03-28", days: 3, settings: try settings(visits: 4))
        #expect(result.visits.allSatisfy { $0.date == testDay("2026-03-30") })
        #expect(result.visits.first?.start == AmsterdamTime.instant(day: testDay("2026-03-30"), minute: 540))
    }

    // MARK: Settings file

    @Test func theShippedCapacityFileIsTheDefault() throws {
        #expect(try PickupSettings(settings: resourceText("calendar/pickup-capacity.conf")) == .standard)
        let custom = try PickupSettings(settings: "technicians = 3\nvisits-per-technician-per-day = unlimited\ntravel-minutes = 0")
        #expect(custom.technicians == 3 && custom.visitsPerTechnicianPerDay == nil && custom.travelMinutes == 0)
        #expect(custom.minutesPerItem == PickupSettings.standard.minutesPerItem)
    }

    @Test("settings errors name the line", arguments: [
        ("technicians = 2\n\n# note\ntechnicians = 0", 4, "at least 1"),
        ("minutes-per-item = ten", 1, "whole number"),
        ("# header\nvans = 2", 2, "unknown setting 'vans'"),
        ("travel-minutes 30", 1, "key = value"),
        ("notice-working-days = -1", 1, "whole number"),
    ])
    func settingsErrors(text: String, line: Int, message: String) {
        let error = #expect(throws: PickupSettingsError.self) { try PickupSettings(settings: text) }
        #expect(error?.line == line)
        #expect(error?.message.contains(message) == true, "\(String(describing: error))")
    }
}

/// A small deterministic generator (SplitMix64), so property loops see the same cases every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
