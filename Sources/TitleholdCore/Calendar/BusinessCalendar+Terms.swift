/// Counting working days and ending terms on them.
///
/// Every search below ends: a calendar has at least one working weekday, holidays fall on a
/// handful of dates a year and the list of closing days is finite.
extension BusinessCalendar {
    /// `day` itself when it is a working day, else the first working day after it.
    public func nextWorkingDay(onOrAfter day: Day) -> Day {
        var candidate = day
        while !isWorkingDay(candidate) { candidate = candidate.adding(days: 1) }
        return candidate
    }

    /// `day` itself when it is a working day, else the last working day before it.
    public func previousWorkingDay(onOrBefore day: Day) -> Day {
        var candidate = day
        while !isWorkingDay(candidate) { candidate = candidate.adding(days: -1) }
        return candidate
    }

    /// Art. 1 Atw: a term that ends on a Saturday, Sunday or public holiday is extended to the next
    /// day that is none of these. rules.md applies the same to the terms of dunning letters (art. 13.4).
    public func rollForward(termEnd: Day) -> Day { nextWorkingDay(onOrAfter: termEnd) }

    /// The last day of a term of `days` days that starts on the day after `event` (a letter sent,
    /// a letter received), with the Atw applied:
    /// - art. 2 Atw: a term of at least 3 days is extended so that it holds at least 2 working days;
    /// - art. 1 Atw: a term ending on a non-working day ends on the next working day.
    ///
    /// The term runs from the day after `event` (art. 13.4 of the terms; rules.md "Dunning"), so a
    /// 14-day term of a letter sent on a Monday nominally ends on the Monday two weeks later.
    public func termEnd(after event: Day, days: Int) -> Day {
        var end = event.adding(days: days)
        if days >= 3 {
            while workingDays(from: event.adding(days: 1), through: end) < 2 { end = end.adding(days: 1) }
        }
        return rollForward(termEnd: end)
    }

    /// The day `workingDays` working days after `day` (before it when negative); `day` itself for 0.
    /// `day` does not need to be a working day: adding 1 to a Saturday gives the next Monday
    /// (when that is a working day).
    public func adding(workingDays count: Int, to day: Day) -> Day {
        var remaining = count.magnitude
        let step = count < 0 ? -1 : 1
        var candidate = day
        while remaining > 0 {
            candidate = candidate.adding(days: step)
            if isWorkingDay(candidate) { remaining -= 1 }
        }
        return candidate
    }

    /// The number of working days from `start` through `end`, both included; 0 when `end` is before `start`.
    public func workingDays(from start: Day, through end: Day) -> Int {
        guard start <= end else { return 0 }
        var count = 0
        var day = start
        while day <= end {
            if isWorkingDay(day) { count += 1 }
            day = day.adding(days: 1)
        }
        return count
    }
}
