import Foundation
import Testing
import TitleholdApp
import TitleholdCore

/// "Today" for the service is the date in Europe/Amsterdam, also just before and after local
/// midnight in winter (UTC+1) and summer (UTC+2), and the remembered day is today's.
@Suite struct BusinessClockTests {
    @Test(arguments: [
        ("2026-01-15T22:59:59Z", "2026-01-15"), ("2026-01-15T23:00:00Z", "2026-01-16"),
        ("2026-07-15T21:59:59Z", "2026-07-15"), ("2026-07-15T22:00:00Z", "2026-07-16"),
        ("2026-03-28T23:00:00Z", "2026-03-29"), ("2026-10-24T21:59:59Z", "2026-10-24"),
        ("2026-10-24T22:00:00Z", "2026-10-25"), ("2026-12-31T23:00:00Z", "2027-01-01"),
    ])
    func theDayIsAmsterdams(instant: String, day: String) throws {
        let date = try #require(ISO8601DateFormatter().date(from: instant))
        #expect(BusinessClock.day(at: date) == Day(iso: day))
    }

    @Test func todayIsTheDayNow() {
        let before = BusinessClock.day(at: Date())
        let today = BusinessClock.today()
        let after = BusinessClock.day(at: Date())
        #expect(today == before || today == after)
        #expect(BusinessClock.today() == today || BusinessClock.today() == after)
    }
}
