import Testing
@testable import TitleholdCore

/// Dutch public holidays (art. 4.2 of the terms; art. 3 Atw), checked against known dates.
/// Expected dates: law-and-formats.md §4 (2025–2027) and the `holidays` Python package 0.109
/// (vacanza/holidays, `Netherlands`) for 2024 and 2028–2030.
@Suite struct CalendarHolidayTests {
    private func day(_ iso: String) -> Day { testDay(iso) }

    @Test(arguments: [
        (1818, "1818-03-22"), (2000, "2000-04-23"), (2019, "2019-04-21"), (2024, "2024-03-31"),
        (2025, "2025-04-20"), (2026, "2026-04-05"), (2027, "2027-03-28"), (2028, "2028-04-16"),
        (2029, "2029-04-01"), (2030, "2030-04-21"), (2038, "2038-04-25"), (2285, "2285-03-22"),
    ])
    func easterSunday(year: Int, expected: String) {
        let easter = Easter.sunday(in: year)
        #expect(easter == day(expected))
        #expect(easter.isoWeekday == 7)
    }

    /// Every holiday of the statutory-terms calendar (Atw: Good Friday and 5 May every year), 2024–2030.
    @Test(arguments: [
        (2024, ["2024-01-01", "2024-03-29", "2024-04-01", "2024-04-27", "2024-05-05", "2024-05-09", "2024-05-20", "2024-12-25", "2024-12-26"]),
        (2025, ["2025-01-01", "2025-04-18", "2025-04-21", "2025-04-26", "2025-05-05", "2025-05-29", "2025-06-09", "2025-12-25", "2025-12-26"]),
        (2026, ["2026-01-01", "2026-04-03", "2026-04-06", "2026-04-27", "2026-05-05", "2026-05-14", "2026-05-25", "2026-12-25", "2026-12-26"]),
        (2027, ["2027-01-01", "2027-03-26", "2027-03-29", "2027-04-27", "2027-05-05", "2027-05-06", "2027-05-17", "2027-12-25", "2027-12-26"]),
        (2028, ["2028-01-01", "2028-04-14", "2028-04-17", "2028-04-27", "2028-05-05", "2028-05-25", "2028-06-05", "2028-12-25", "2028-12-26"]),
        (2029, ["2029-01-01", "2029-03-30", "2029-04-02", "2029-04-27", "2029-05-05", "2029-05-10", "2029-05-21", "2029-12-25", "2029-12-26"]),
        (2030, ["2030-01-01", "2030-04-19", "2030-04-22", "2030-04-27", "2030-05-05", "2030-05-30", "2030-06-10", "2030-12-25", "2030-12-26"]),
    ])
    func statutoryTermsHolidays(year: Int, expected: [String]) {
        let holidays = BusinessCalendar.statutoryTerms.holidays(in: year)
        #expect(holidays.map(\.day.description) == expected)
        #expect(holidays.map(\.holiday) == [
            .newYearsDay, .goodFriday, .easterMonday, .kingsDay, .liberationDay, .ascensionDay, .whitMonday,
            .christmasDay, .boxingDay,
        ])
    }

    /// Pickups (cao practice): no Good Friday; Liberation Day only in lustrum years (2025, 2030).
    @Test(arguments: [
        (2024, ["2024-01-01", "2024-04-01", "2024-04-27", "2024-05-09", "2024-05-20", "2024-12-25", "2024-12-26"]),
        (2025, ["2025-01-01", "2025-04-21", "2025-04-26", "2025-05-05", "2025-05-29", "2025-06-09", "2025-12-25", "2025-12-26"]),
        (2026, ["2026-01-01", "2026-04-06", "2026-04-27", "2026-05-14", "2026-05-25", "2026-12-25", "2026-12-26"]),
        (2030, ["2030-01-01", "2030-04-22", "2030-04-27", "2030-05-05", "2030-05-30", "2030-06-10", "2030-12-25", "2030-12-26"]),
    ])
    func pickupHolidays(year: Int, expected: [String]) {
        #expect(BusinessCalendar.pickups.holidays(in: year).map(\.day.description) == expected)
    }

    /// law-and-formats.md §4 names the weekday of each date; the weekday follows from the date.
    @Test(arguments: [
        ("2025-01-01", 3), ("2025-04-18", 5), ("2025-04-21", 1), ("2025-04-26", 6), ("2025-05-05", 1),
        ("2025-05-29", 4), ("2025-06-09", 1), ("2025-12-25", 4), ("2025-12-26", 5),
        ("2026-01-01", 4), ("2026-04-03", 5), ("2026-04-06", 1), ("2026-04-27", 1), ("2026-05-05", 2),
        ("2026-05-14", 4), ("2026-05-25", 1), ("2026-12-25", 5), ("2026-12-26", 6),
        ("2027-01-01", 5), ("2027-03-26", 5), ("2027-03-29", 1), ("2027-04-27", 2), ("2027-05-05", 3),
        ("2027-05-06", 4), ("2027-05-17", 1), ("2027-12-25", 6), ("2027-12-26", 7),
        ("2030-05-05", 7),
    ])
    func weekdaysFromTheReferenceTable(iso: String, weekday: Int) {
        #expect(day(iso).isoWeekday == weekday)
        #expect(BusinessCalendar.statutoryTerms.holiday(on: day(iso)) != nil)
    }

    /// King's Day moves to Saturday 26 April when the 27th is a Sunday; before 2014 Queen's Day was
    /// 30 April, or 29 April when the 30th was a Sunday.
    @Test(arguments: [
        (2000, "2000-04-29"), (2006, "2006-04-29"), (2013, "2013-04-30"), (2014, "2014-04-26"),
        (2024, "2024-04-27"), (2025, "2025-04-26"), (2031, "2031-04-26"), (2036, "2036-04-26"),
    ])
    func kingsDay(year: Int, expected: String) {
        #expect(DutchHoliday.kingsDay.date(in: year) == day(expected))
    }

    @Test(arguments: [
        (BusinessCalendar.LiberationDayRule.never, 2025, false), (.never, 2026, false),
        (.everyYear, 2025, true), (.everyYear, 2026, true),
        (.lustrum, 2025, true), (.lustrum, 2026, false), (.lustrum, 2029, false), (.lustrum, 2030, true),
    ])
    func liberationDaySetting(rule: BusinessCalendar.LiberationDayRule, year: Int, observed: Bool) throws {
        let calendar = try BusinessCalendar.pickups.with(liberationDay: rule)
        #expect(calendar.observes(.liberationDay, in: year) == observed)
        #expect((calendar.holiday(on: DutchHoliday.liberationDay.date(in: year)) == .liberationDay) == observed)
    }

    @Test func ascensionAndWhitMondayHangFromEaster() {
        for year in 2024...2030 {
            let easter = Easter.sunday(in: year)
            #expect(DutchHoliday.ascensionDay.date(in: year) == easter.adding(days: 39))
            #expect(DutchHoliday.ascensionDay.date(in: year).isoWeekday == 4)
            #expect(DutchHoliday.whitMonday.date(in: year) == easter.adding(days: 50))
            #expect(DutchHoliday.goodFriday.date(in: year).isoWeekday == 5)
        }
    }
}
