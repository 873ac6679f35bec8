import Testing
@testable import TitleholdCore

/// Europe/Amsterdam local time by the EU summer-time rule, without tzdata (art. 4.2 of the terms:
/// working hours are local hours).
@Suite struct CalendarAmsterdamTimeTests {
    /// Seconds since 1970 of a UTC `YYYY-MM-DD` day at `hh:mm`.
    private func utc(_ iso: String, _ hour: Int, _ minute: Int) -> Int64 {
        Int64(testDay(iso).ordinal) * 86_400 + Int64(hour * 3_600 + minute * 60)
    }

    @Test(arguments: [
        (2024, "2024-03-31", "2024-10-27"),
        (2025, "2025-03-30", "2025-10-26"),
        (2026, "2026-03-29", "2026-10-25"),
        (2027, "2027-03-28", "2027-10-31"),
        (2030, "2030-03-31", "2030-10-27"),
    ])
    func summerTimeSpan(year: Int, start: String, end: String) {
        #expect(AmsterdamTime.summerTimeStart(year: year) == utc(start, 1, 0))
        #expect(AmsterdamTime.summerTimeEnd(year: year) == utc(end, 1, 0))
    }

    @Test(arguments: [
        // local day, local hh, mm → UTC day, hh, mm
        ("2025-01-15", 9, 0, "2025-01-15", 8, 0),     // winter: UTC+1
        ("2025-07-15", 9, 0, "2025-07-15", 7, 0),     // summer: UTC+2
        ("2025-01-01", 0, 30, "2024-12-31", 23, 30),  // across the year
        ("2025-03-30", 1, 59, "2025-03-30", 0, 59),   // just before the spring change
        ("2025-03-30", 2, 30, "2025-03-30", 1, 30),   // does not exist: read as winter time (03:30 CEST)
        ("2025-03-30", 3, 0, "2025-03-30", 1, 0),     // first summer-time minute
        ("2025-10-26", 1, 59, "2025-10-25", 23, 59),
        ("2025-10-26", 2, 30, "2025-10-26", 0, 30),   // happens twice: the first (summer time)
        ("2025-10-26", 3, 0, "2025-10-26", 2, 0),     // back on winter time
        ("2028-02-29", 17, 0, "2028-02-29", 16, 0),
    ])
    func localToUTC(day: String, hour: Int, minute: Int, utcDay: String, utcHour: Int, utcMinute: Int) {
        #expect(AmsterdamTime.utcSeconds(day: testDay(day), minute: hour * 60 + minute) == utc(utcDay, utcHour, utcMinute))
    }

    @Test(arguments: [
        ("2025-07-15", 7, 0, "2025-07-15", 9 * 60),
        ("2024-12-31", 23, 30, "2025-01-01", 30),
        ("2025-10-26", 0, 30, "2025-10-26", 2 * 60 + 30),
        ("2025-10-26", 1, 30, "2025-10-26", 2 * 60 + 30),  // the repeated hour, second time
        ("2025-03-30", 1, 0, "2025-03-30", 3 * 60),
    ])
    func utcToLocal(utcDay: String, hour: Int, minute: Int, localDay: String, localMinute: Int) {
        let local = AmsterdamTime.local(utcSeconds: utc(utcDay, hour, minute))
        #expect(local.day == testDay(localDay))
        #expect(local.minute == localMinute)
    }

    @Test func openingAndClosingInstants() {
        let summer = testDay("2025-06-02"), winter = testDay("2025-12-01")
        let pickups = BusinessCalendar.pickups
        #expect(pickups.opening(on: summer).timeIntervalSince1970 == Double(utc("2025-06-02", 7, 0)))
        #expect(pickups.closing(on: summer).timeIntervalSince1970 == Double(utc("2025-06-02", 15, 0)))
        #expect(pickups.opening(on: winter).timeIntervalSince1970 == Double(utc("2025-12-01", 8, 0)))
        #expect(AmsterdamTime.local(pickups.closing(on: winter)).minute == 17 * 60)
    }
}
