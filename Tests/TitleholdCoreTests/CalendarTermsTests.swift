import Testing
@testable import TitleholdCore

/// Working days and terms (art. 4.2 of the terms; art. 1–3 Atw).
@Suite struct CalendarTermsTests {
    let statutory = BusinessCalendar.statutoryTerms
    let pickups = BusinessCalendar.pickups

    @Test(arguments: [
        // day, working for statutory terms, working for pickups
        ("2025-04-17", true, true),    // Thursday before Easter
        ("2025-04-18", false, true),   // Good Friday: Atw holiday, cao working day
        ("2025-04-21", false, false),  // Easter Monday
        ("2025-04-26", false, false),  // King's Day on a Saturday
        ("2026-04-27", false, false),  // King's Day on a Monday
        ("2025-05-05", false, false),  // Liberation Day, lustrum year
        ("2026-05-05", false, true),   // Liberation Day, not a lustrum year
        ("2025-12-24", true, true),    // Christmas Eve is a working day
        ("2025-12-27", false, false),  // Saturday
        ("2025-12-28", false, false),  // Sunday
        ("2028-02-29", true, true),    // leap day, a Tuesday
    ])
    func workingDays(iso: String, statutoryWorking: Bool, pickupWorking: Bool) {
        #expect(statutory.isWorkingDay(testDay(iso)) == statutoryWorking)
        #expect(pickups.isWorkingDay(testDay(iso)) == pickupWorking)
    }

    @Test func reasonsNameTheHolidayEvenOnAWeekend() {
        #expect(statutory.nonWorkingReason(testDay("2025-04-26")) == .publicHoliday(.kingsDay))
        #expect(statutory.nonWorkingReason(testDay("2025-12-27")) == .notAWorkingWeekday(isoWeekday: 6))
        #expect(statutory.nonWorkingReason(testDay("2025-12-27"))?.description == "Saturday")
        #expect(statutory.nonWorkingReason(testDay("2025-12-23")) == nil)
    }

    /// Art. 1 Atw: a term ending on a Saturday, Sunday or holiday ends on the next working day.
    @Test(arguments: [
        ("2025-04-18", "2025-04-22", "2025-04-18"),  // Good Friday → past Easter Monday; pickups work on it
        ("2025-04-19", "2025-04-22", "2025-04-22"),  // Saturday before Easter
        ("2025-12-25", "2025-12-29", "2025-12-29"),  // Christmas on Thursday
        ("2026-12-25", "2026-12-28", "2026-12-28"),  // Christmas on Friday, Boxing Day on Saturday
        ("2027-12-25", "2027-12-27", "2027-12-27"),  // Christmas on Saturday, Boxing Day on Sunday
        ("2028-12-31", "2029-01-02", "2029-01-02"),  // Sunday, then New Year's Day: across the year
        ("2029-05-10", "2029-05-11", "2029-05-11"),  // Ascension Day
        ("2026-05-05", "2026-05-06", "2026-05-05"),  // Liberation Day, not a lustrum year
        ("2024-12-31", "2024-12-31", "2024-12-31"),  // a working day stays
    ])
    func rollForward(termEnd: String, statutoryExpected: String, pickupExpected: String) {
        #expect(statutory.rollForward(termEnd: testDay(termEnd)) == testDay(statutoryExpected))
        #expect(pickups.nextWorkingDay(onOrAfter: testDay(termEnd)) == testDay(pickupExpected))
    }

    /// Terms count from the day after the event; art. 2 Atw keeps at least two working days in a
    /// term of three days or more.
    @Test(arguments: [
        ("2025-04-01", 14, "2025-04-15"),  // plain: Tuesday to Tuesday
        ("2025-04-04", 14, "2025-04-22"),  // ends on Good Friday → Tuesday after Easter Monday
        ("2025-12-18", 7, "2025-12-29"),   // ends on Christmas → Monday 29th
        ("2026-12-18", 14, "2027-01-04"),  // ends on New Year's Day 2027 (Friday) → Monday
        ("2025-04-17", 3, "2025-04-23"),   // art. 2: Fri (Good Friday), Sat, Sun hold no working day → 2 needed
        ("2025-04-24", 3, "2025-04-28"),   // ends on Sunday 27 April → Monday; Fri 25 and Mon 28 give two
        ("2024-02-15", 14, "2024-02-29"),  // leap day
    ])
    func termEnd(event: String, days: Int, expected: String) {
        #expect(statutory.termEnd(after: testDay(event), days: days) == testDay(expected))
    }

    @Test(arguments: [
        ("2025-04-17", 1, "2025-04-22"),
        ("2025-04-22", -1, "2025-04-17"),
        ("2025-04-19", 0, "2025-04-19"),
        ("2025-04-19", 1, "2025-04-22"),
        ("2025-12-22", 5, "2025-12-31"),
        ("2025-12-31", 1, "2026-01-02"),
        ("2026-01-02", -2, "2025-12-30"),
    ])
    func addingWorkingDays(start: String, count: Int, expected: String) {
        #expect(statutory.adding(workingDays: count, to: testDay(start)) == testDay(expected))
    }

    @Test func workingDaysInAMonth() {
        // April 2025 has 22 weekdays; Atw removes Good Friday and Easter Monday (King's Day is a Saturday).
        #expect(statutory.workingDays(from: testDay("2025-04-01"), through: testDay("2025-04-30")) == 20)
        #expect(pickups.workingDays(from: testDay("2025-04-01"), through: testDay("2025-04-30")) == 21)
        #expect(statutory.workingDays(from: testDay("2025-04-30"), through: testDay("2025-04-01")) == 0)
    }

    @Test func previousWorkingDay() {
        #expect(statutory.previousWorkingDay(onOrBefore: testDay("2025-04-21")) == testDay("2025-04-17"))
    }

    @Test func closingDaysFromDataAndOtherWeekdays() throws {
        let calendar = try pickups.with(workingWeekdays: [1, 2, 3, 4, 5, 6], closedDays: [testDay("2025-12-24"): "office closed"])
        #expect(!calendar.isWorkingDay(testDay("2025-12-24")))
        #expect(calendar.nonWorkingReason(testDay("2025-12-24")) == .closed("office closed"))
        #expect(calendar.isWorkingDay(testDay("2025-12-27")))  // Saturday now works
        #expect(calendar.nextWorkingDay(onOrAfter: testDay("2025-12-24")) == testDay("2025-12-27"))
        #expect(!calendar.isWorkingDay(testDay("2025-04-26")))  // King's Day on that Saturday
    }

    @Test func hoursAreValidated() {
        #expect(throws: CalendarSettingsError.self) { try pickups.with(workingWeekdays: []) }
        #expect(throws: CalendarSettingsError.self) { try pickups.with(opensAt: 17 * 60, closesAt: 9 * 60) }
        #expect(throws: CalendarSettingsError.self) { try pickups.with(workingWeekdays: [0, 1]) }
    }

    @Test func workingHours() {
        let monday = testDay("2025-06-02")
        #expect(pickups.isWithinWorkingHours(day: monday, minute: 9 * 60))
        #expect(pickups.isWithinWorkingHours(day: monday, minute: 16 * 60 + 59))
        #expect(!pickups.isWithinWorkingHours(day: monday, minute: 17 * 60))
        #expect(!pickups.isWithinWorkingHours(day: monday, minute: 8 * 60 + 59))
        #expect(!pickups.isWithinWorkingHours(day: testDay("2025-06-09"), minute: 10 * 60))  // Whit Monday
    }
}
