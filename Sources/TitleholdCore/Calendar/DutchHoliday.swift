/// The Dutch public holidays that close the supplier's working calendar (art. 4.2 of the terms:
/// "uitgezonderd zon- en feestdagen") and that extend statutory terms (art. 3 Algemene
/// termijnenwet). Easter Sunday and Whit Sunday are left out: they are Sundays anyway.
///
/// Which of Good Friday and Liberation Day count is a setting of each `BusinessCalendar`:
/// the Atw counts both every year (art. 3(1) and 3(2) Atw), employment practice often counts
/// neither, or Liberation Day only in lustrum years.
public enum DutchHoliday: String, Sendable, Hashable, Codable, CaseIterable {
    case newYearsDay
    case goodFriday
    case easterMonday
    case kingsDay
    case liberationDay
    case ascensionDay
    case whitMonday
    case christmasDay
    case boxingDay

    /// The date of this holiday in `year` (Gregorian calendar).
    ///
    /// King's Day is 27 April, or Saturday 26 April when the 27th is a Sunday (since 2014).
    /// Before 2014 the day was Queen's Day: 30 April, or 29 April when the 30th is a Sunday.
    public func date(in year: Int) -> Day {
        let easter = Easter.sunday(in: year)
        switch self {
        case .newYearsDay: return Self.fixed(year, 1, 1)
        case .goodFriday: return easter.adding(days: -2)
        case .easterMonday: return easter.adding(days: 1)
        case .kingsDay:
            let day = year >= 2014 ? Self.fixed(year, 4, 27) : Self.fixed(year, 4, 30)
            return day.isoWeekday == 7 ? day.adding(days: -1) : day
        case .liberationDay: return Self.fixed(year, 5, 5)
        case .ascensionDay: return easter.adding(days: 39)
        case .whitMonday: return easter.adding(days: 50)
        case .christmasDay: return Self.fixed(year, 12, 25)
        case .boxingDay: return Self.fixed(year, 12, 26)
        }
    }

    /// The Dutch name, as printed on letters and plans.
    public var dutchName: String {
        switch self {
        case .newYearsDay: return "Nieuwjaarsdag"
        case .goodFriday: return "Goede Vrijdag"
        case .easterMonday: return "Tweede Paasdag"
        case .kingsDay: return "Koningsdag"
        case .liberationDay: return "Bevrijdingsdag"
        case .ascensionDay: return "Hemelvaartsdag"
        case .whitMonday: return "Tweede Pinksterdag"
        case .christmasDay: return "Eerste Kerstdag"
        case .boxingDay: return "Tweede Kerstdag"
        }
    }

    /// The English name.
    public var englishName: String {
        switch self {
        case .newYearsDay: return "New Year's Day"
        case .goodFriday: return "Good Friday"
        case .easterMonday: return "Easter Monday"
        case .kingsDay: return "King's Day"
        case .liberationDay: return "Liberation Day"
        case .ascensionDay: return "Ascension Day"
        case .whitMonday: return "Whit Monday"
        case .christmasDay: return "Christmas Day"
        case .boxingDay: return "Boxing Day"
        }
    }

    /// Month and day are constants here, so the date always exists.
    private static func fixed(_ year: Int, _ month: Int, _ day: Int) -> Day {
        Day(ordinal: Day.ordinal(year: year, month: month, day: day))
    }
}

/// Easter Sunday by the Gregorian computus (the anonymous "Meeus/Jones/Butcher" algorithm),
/// which the movable Dutch holidays hang from: Good Friday (−2), Easter Monday (+1),
/// Ascension (+39) and Whit Monday (+50).
public enum Easter {
    /// Easter Sunday of a Gregorian `year` (valid from 1583 on).
    public static func sunday(in year: Int) -> Day {
        let a = year % 19
        let b = year / 100
        let c = year % 100
        let d = b / 4
        let e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4
        let k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return Day(ordinal: Day.ordinal(year: year, month: month, day: day))
    }
}
