/// The supplier's working calendar: which days count as working days and during which hours.
///
/// Two uses, two presets:
/// - `statutoryTerms`: the Algemene termijnenwet (Atw). A statutory term that ends on a Saturday,
///   Sunday or public holiday moves to the next working day (art. 1 Atw); the public holidays are
///   those of art. 3 Atw, which counts Good Friday (art. 3(2)) and 5 May every year. Used to roll
///   the terms of dunning letters (art. 13.4 of the terms) and the 14-day letter (art. 6:96(6) BW).
/// - `pickups`: the supplier's usual working days and hours (art. 4.2 of the terms: never on
///   Sundays or public holidays), in employment (cao) practice: Good Friday is a working day
///   unless set otherwise, Liberation Day is a day off in lustrum years only.
///
/// Extra closing days (a company day off, a decree under art. 3(3) Atw) and the working weekdays
/// are data: see `init(settings:base:)` and `Resources/calendar/`.
public struct BusinessCalendar: Sendable, Hashable {
    /// Whether 5 May (Bevrijdingsdag) is a holiday.
    public enum LiberationDayRule: String, Sendable, Hashable, Codable, CaseIterable {
        /// Never a holiday.
        case never
        /// A holiday every year (art. 3(1) Atw).
        case everyYear = "every-year"
        /// A holiday in lustrum years only (years divisible by 5: 2025, 2030…), the usual cao rule.
        case lustrum
    }

    /// A short name for messages ("statutory-terms", "pickups").
    public let name: String
    /// ISO weekdays (1 = Monday … 7 = Sunday) that are working days; never empty.
    public let workingWeekdays: Set<Int>
    /// Opening time in minutes after local (Europe/Amsterdam) midnight.
    public let opensAt: Int
    /// Closing time in minutes after local midnight; later than `opensAt`.
    public let closesAt: Int
    /// Whether Good Friday is a holiday (art. 3(2) Atw says yes for statutory terms).
    public let goodFridayIsHoliday: Bool
    public let liberationDay: LiberationDayRule
    /// Extra closing days with the reason to print.
    public let closedDays: [Day: String]

    /// Creates a calendar, checking that it has at least one working weekday and sensible hours.
    public init(
        name: String, workingWeekdays: Set<Int> = [1, 2, 3, 4, 5], opensAt: Int = 9 * 60, closesAt: Int = 17 * 60,
        goodFridayIsHoliday: Bool, liberationDay: LiberationDayRule, closedDays: [Day: String] = [:]
    ) throws(CalendarSettingsError) {
        guard !workingWeekdays.isEmpty else {
            throw CalendarSettingsError(line: nil, message: "calendar '\(name)' has no working weekdays; name at least one of mon…sun")
        }
        guard workingWeekdays.allSatisfy({ (1...7).contains($0) }) else {
            throw CalendarSettingsError(line: nil, message: "calendar '\(name)': weekdays must be 1 (Monday) … 7 (Sunday)")
        }
        guard 0 <= opensAt, opensAt < closesAt, closesAt <= 24 * 60 else {
            throw CalendarSettingsError(
                line: nil, message: "calendar '\(name)': opening hours must lie within one day and open before they close")
        }
        self.init(unchecked: name, workingWeekdays, opensAt, closesAt, goodFridayIsHoliday, liberationDay, closedDays)
    }

    private init(
        unchecked name: String, _ weekdays: Set<Int>, _ opensAt: Int, _ closesAt: Int, _ goodFriday: Bool,
        _ liberationDay: LiberationDayRule, _ closedDays: [Day: String]
    ) {
        self.name = name; self.workingWeekdays = weekdays; self.opensAt = opensAt; self.closesAt = closesAt
        self.goodFridayIsHoliday = goodFriday; self.liberationDay = liberationDay; self.closedDays = closedDays
    }

    /// Statutory terms (art. 1–3 Atw): Monday–Friday, Good Friday and 5 May every year are holidays.
    public static let statutoryTerms = BusinessCalendar(
        unchecked: "statutory-terms", [1, 2, 3, 4, 5], 9 * 60, 17 * 60, true, .everyYear, [:])

    /// Pickups (art. 4.2 of the terms): Monday–Friday 09:00–17:00 Europe/Amsterdam; Good Friday is a
    /// working day and Liberation Day a holiday in lustrum years only, unless the settings say otherwise.
    public static let pickups = BusinessCalendar(
        unchecked: "pickups", [1, 2, 3, 4, 5], 9 * 60, 17 * 60, false, .lustrum, [:])

    /// Returns a copy with other settings, validated like `init`.
    public func with(
        name: String? = nil, workingWeekdays: Set<Int>? = nil, opensAt: Int? = nil, closesAt: Int? = nil,
        goodFridayIsHoliday: Bool? = nil, liberationDay: LiberationDayRule? = nil, closedDays: [Day: String]? = nil
    ) throws(CalendarSettingsError) -> BusinessCalendar {
        try BusinessCalendar(
            name: name ?? self.name, workingWeekdays: workingWeekdays ?? self.workingWeekdays,
            opensAt: opensAt ?? self.opensAt, closesAt: closesAt ?? self.closesAt,
            goodFridayIsHoliday: goodFridayIsHoliday ?? self.goodFridayIsHoliday,
            liberationDay: liberationDay ?? self.liberationDay, closedDays: closedDays ?? self.closedDays)
    }

    // MARK: Holidays

    /// Whether `holiday` closes this calendar in `year`.
    public func observes(_ holiday: DutchHoliday, in year: Int) -> Bool {
        switch holiday {
        case .goodFriday: return goodFridayIsHoliday
        case .liberationDay:
            switch liberationDay {
            case .never: return false
            case .everyYear: return true
            case .lustrum: return year % 5 == 0
            }
        default: return true
        }
    }

    /// The public holidays this calendar observes in `year`, in date order (some may fall on a weekend).
    public func holidays(in year: Int) -> [(day: Day, holiday: DutchHoliday)] {
        DutchHoliday.allCases.filter { observes($0, in: year) }
            .map { (day: $0.date(in: year), holiday: $0) }
            .sorted { $0.day < $1.day }
    }

    /// The observed public holiday on `day`, if any.
    public func holiday(on day: Day) -> DutchHoliday? {
        let year = day.year
        return DutchHoliday.allCases.first { observes($0, in: year) && $0.date(in: year) == day }
    }

    // MARK: Working days

    /// Why `day` is not a working day, or `nil` when it is one (art. 4.2 of the terms, art. 1 and 3 Atw).
    /// A holiday is named even when it falls on a weekend, so messages say "King's Day" rather than "Saturday".
    public func nonWorkingReason(_ day: Day) -> NonWorkingReason? {
        if let holiday = holiday(on: day) { return .publicHoliday(holiday) }
        if let reason = closedDays[day] { return .closed(reason) }
        if !workingWeekdays.contains(day.isoWeekday) { return .notAWorkingWeekday(isoWeekday: day.isoWeekday) }
        return nil
    }

    /// Whether `day` is a working day: a working weekday that is no observed holiday and no closing day.
    public func isWorkingDay(_ day: Day) -> Bool { nonWorkingReason(day) == nil }
}

/// Why a day is not a working day.
public enum NonWorkingReason: Sendable, Hashable, CustomStringConvertible {
    /// Not one of the calendar's working weekdays (Saturday and Sunday by default).
    case notAWorkingWeekday(isoWeekday: Int)
    /// A public holiday the calendar observes.
    case publicHoliday(DutchHoliday)
    /// An extra closing day from the calendar's data, with its reason.
    case closed(String)

    public var description: String {
        switch self {
        case .notAWorkingWeekday(let weekday): return Weekday.englishName(weekday)
        case .publicHoliday(let holiday): return "\(holiday.englishName) (\(holiday.dutchName))"
        case .closed(let reason): return reason.isEmpty ? "closing day" : "closing day: \(reason)"
        }
    }
}

/// ISO weekday numbers and their names, for settings files and messages.
public enum Weekday {
    private static let english = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    private static let tokens: [String: Int] = [
        "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6, "sun": 7,
        "ma": 1, "di": 2, "wo": 3, "do": 4, "vr": 5, "za": 6, "zo": 7,
    ]

    /// "Monday" … "Sunday" for ISO weekday 1 … 7.
    public static func englishName(_ isoWeekday: Int) -> String {
        (1...7).contains(isoWeekday) ? english[isoWeekday - 1] : "weekday \(isoWeekday)"
    }

    /// Parses `mon`…`sun`, Dutch `ma`…`zo`, or a full English name, case-insensitively.
    public static func parse(_ text: some StringProtocol) -> Int? {
        let lower = text.lowercased()
        if let n = tokens[lower] { return n }
        return english.firstIndex { $0.lowercased() == lower }.map { $0 + 1 }
    }
}
