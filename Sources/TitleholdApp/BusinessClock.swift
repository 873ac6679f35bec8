import Foundation
import TitleholdCore

/// The supplier's local calendar: "today" is the date in Europe/Amsterdam, where the supplier
/// works and where its terms' dates fall. Rules never read the clock; the shell asks this.
public enum BusinessClock {
    public static let timeZone = TimeZone(identifier: "Europe/Amsterdam") ?? TimeZone(secondsFromGMT: 3600)!

    /// The calendar date in Europe/Amsterdam at `instant`.
    public static func day(at instant: Date) -> Day {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: instant)
        return Day(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1) ?? Day(ordinal: 0)
    }

    public static func today() -> Day { day(at: Date()) }
}
