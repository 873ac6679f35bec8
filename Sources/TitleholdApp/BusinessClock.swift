import Foundation
import TitleholdCore

/// The supplier's local calendar: "today" is the date in Europe/Amsterdam, where the supplier
/// works and where its terms' dates fall. Rules never read the clock; the shell asks this.
public enum BusinessClock {
    public static let timeZone = TimeZone(identifier: "Europe/Amsterdam") ?? TimeZone(secondsFromGMT: 3600)!

    /// The calendar date in Europe/Amsterdam at `instant`.
    public static func day(at instant: Date) -> Day {
        let c = calendar.dateComponents([.year, .month, .day], from: instant)
        return Day(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1) ?? Day(ordinal: 0)
    }

    /// Today in Europe/Amsterdam. The service asks this on every request, and a calendar
    /// computation costs more than the rest of a look-up's date handling; the day is kept until
    /// the next local midnight (as the time zone database says), so it is worked out once a day.
    public static func today() -> Day { remembered.day(at: Date()) }

    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }()

    private static let remembered = Today()

    /// The last day worked out, with the instants it starts and the next one starts.
    private final class Today: @unchecked Sendable {
        // @unchecked: `day`, `from` and `until` are read and written with `lock` held only.
        private let lock = NSLock()
        private var day = Day(ordinal: 0)
        private var from = Date.distantFuture
        private var until = Date.distantPast

        func day(at now: Date) -> Day {
            lock.lock()
            defer { lock.unlock() }
            if from <= now, now < until { return day }
            day = BusinessClock.day(at: now)
            let start = BusinessClock.calendar.startOfDay(for: now)
            from = start
            until = BusinessClock.calendar.date(byAdding: .day, value: 1, to: start) ?? now
            return day
        }
    }
}
