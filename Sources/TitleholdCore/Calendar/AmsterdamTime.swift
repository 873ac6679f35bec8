import Foundation

/// Local time in Europe/Amsterdam without tzdata, so planning (art. 4.2 of the terms: working
/// hours) is testable on any machine.
///
/// The Netherlands keep CET (UTC+1) and, in summer, CEST (UTC+2). Summer time runs from the last
/// Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC (EU Directive 2000/84/EC,
/// the same rule since 1996). Dates before 1996 are computed with the same rule, which is not
/// what the clocks did then; the service never plans visits in the past.
public enum AmsterdamTime {
    /// The UTC instant (seconds since 1970-01-01T00:00Z) when summer time starts in `year`.
    public static func summerTimeStart(year: Int) -> Int64 { lastSundayOneAMUTC(year: year, month: 3) }

    /// The UTC instant when summer time ends in `year`.
    public static func summerTimeEnd(year: Int) -> Int64 { lastSundayOneAMUTC(year: year, month: 10) }

    /// Whether summer time (UTC+2) is in force at the UTC instant `utcSeconds`.
    public static func isSummerTime(atUTC utcSeconds: Int64) -> Bool {
        let year = Day(ordinal: Int(floorDiv(utcSeconds, 86_400))).year
        return summerTimeStart(year: year) <= utcSeconds && utcSeconds < summerTimeEnd(year: year)
    }

    /// The offset from UTC in minutes at the UTC instant: 120 in summer, 60 otherwise.
    public static func offsetMinutes(atUTC utcSeconds: Int64) -> Int { isSummerTime(atUTC: utcSeconds) ? 120 : 60 }

    /// The UTC instant of local time `minute` minutes after midnight on `day` in Amsterdam.
    ///
    /// Two local times need a choice:
    /// - a time that does not exist (02:00–02:59 on the spring change) is read with the winter
    ///   offset, i.e. moved forward by the hour the clocks skip (02:30 becomes 03:30 CEST);
    /// - a time that occurs twice (02:00–02:59 on the autumn change) is the first, summer-time one.
    public static func utcSeconds(day: Day, minute: Int) -> Int64 {
        let local = Int64(day.ordinal) * 86_400 + Int64(minute) * 60
        let asSummer = local - 7_200
        if isSummerTime(atUTC: asSummer) { return asSummer }
        return local - 3_600
    }

    /// The same instant as a Foundation `Date`.
    public static func instant(day: Day, minute: Int) -> Date {
        Date(timeIntervalSince1970: TimeInterval(utcSeconds(day: day, minute: minute)))
    }

    /// The local day and minute after midnight of a UTC instant.
    public static func local(utcSeconds: Int64) -> (day: Day, minute: Int) {
        let local = utcSeconds + Int64(offsetMinutes(atUTC: utcSeconds)) * 60
        let day = floorDiv(local, 86_400)
        let minute = (local - day * 86_400) / 60
        return (Day(ordinal: Int(day)), Int(minute))
    }

    /// The local day and minute of a Foundation `Date` (whole seconds, rounded down).
    public static func local(_ date: Date) -> (day: Day, minute: Int) {
        local(utcSeconds: Int64(date.timeIntervalSince1970.rounded(.down)))
    }

    private static func lastSundayOneAMUTC(year: Int, month: Int) -> Int64 {
        let last = Day(ordinal: Day.ordinal(year: year, month: month, day: 31))
        let sunday = last.adding(days: -(last.isoWeekday % 7))
        return Int64(sunday.ordinal) * 86_400 + 3_600
    }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}

extension BusinessCalendar {
    /// When the working day `day` opens, as a UTC instant (hours are Europe/Amsterdam local time).
    public func opening(on day: Day) -> Date { AmsterdamTime.instant(day: day, minute: opensAt) }

    /// When the working day `day` closes, as a UTC instant.
    public func closing(on day: Day) -> Date { AmsterdamTime.instant(day: day, minute: closesAt) }

    /// Whether local time `minute` on `day` is inside working hours on a working day (art. 4.2).
    public func isWithinWorkingHours(day: Day, minute: Int) -> Bool {
        isWorkingDay(day) && opensAt <= minute && minute < closesAt
    }
}
