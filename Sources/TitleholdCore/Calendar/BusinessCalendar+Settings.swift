/// A problem in a calendar's settings: what is wrong and on which line of the file.
public struct CalendarSettingsError: Error, Hashable, Sendable, CustomStringConvertible {
    /// 1-based line in the settings text, `nil` when the problem is not tied to a line.
    public var line: Int?
    public var message: String

    public init(line: Int?, message: String) { self.line = line; self.message = message }

    public var description: String { line.map { "line \($0): \(message)" } ?? message }
}

extension BusinessCalendar {
    /// Reads calendar settings (the files in `Resources/calendar/`) on top of `base`.
    ///
    /// One setting per line as `key = value`; blank lines and lines starting with `#` are ignored.
    /// Keys (art. 4.2 of the terms; art. 3 Atw):
    /// - `name = pickups`
    /// - `working-days = mon tue wed thu fri` (also `ma di wo do vr za zo`)
    /// - `hours = 09:00-17:00` (Europe/Amsterdam local time)
    /// - `good-friday = holiday` or `working`
    /// - `liberation-day = never`, `every-year` or `lustrum`
    /// - `closed = 2025-12-24 reason to print` (repeatable: an extra closing day)
    ///
    /// The caller reads the file; this only parses text, so rules never touch the disk.
    public init(settings text: String, base: BusinessCalendar) throws(CalendarSettingsError) {
        var name = base.name, weekdays = base.workingWeekdays, opens = base.opensAt, closes = base.closesAt
        var goodFriday = base.goodFridayIsHoliday, liberation = base.liberationDay, closed = base.closedDays
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.trimmingSpaces
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let equals = line.firstIndex(of: "=") else {
                throw CalendarSettingsError(line: lineNumber, message: "expected 'key = value', found '\(line)'")
            }
            let key = line[..<equals].trimmingSpaces.lowercased()
            let value = line[line.index(after: equals)...].trimmingSpaces
            func fail(_ message: String) -> CalendarSettingsError {
                CalendarSettingsError(line: lineNumber, message: message)
            }
            switch key {
            case "name":
                guard !value.isEmpty else { throw fail("name is empty") }
                name = String(value)
            case "working-days":
                var set = Set<Int>()
                for token in value.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }) {
                    guard let weekday = Weekday.parse(token) else {
                        throw fail("'\(token)' is not a weekday; use mon tue wed thu fri sat sun")
                    }
                    set.insert(weekday)
                }
                weekdays = set
            case "hours":
                let parts = value.split(separator: "-")
                guard parts.count == 2, let from = Self.minutes(parts[0]), let to = Self.minutes(parts[1]) else {
                    throw fail("hours must look like 09:00-17:00, found '\(value)'")
                }
                opens = from; closes = to
            case "good-friday":
                switch value.lowercased() {
                case "holiday", "off": goodFriday = true
                case "working", "on": goodFriday = false
                default: throw fail("good-friday must be 'holiday' or 'working', found '\(value)'")
                }
            case "liberation-day":
                guard let rule = LiberationDayRule(rawValue: value.lowercased()) else {
                    throw fail("liberation-day must be never, every-year or lustrum, found '\(value)'")
                }
                liberation = rule
            case "closed":
                let dateText = value.prefix { $0 != " " && $0 != "\t" }
                guard let day = Day(iso: dateText) else {
                    throw fail("closed needs a date as YYYY-MM-DD first, found '\(value)'")
                }
                closed[day] = String(value.dropFirst(dateText.count).trimmingSpaces)
            default:
                throw fail("unknown setting '\(key)'; known: name, working-days, hours, good-friday, liberation-day, closed")
            }
        }
        do {
            self = try BusinessCalendar(
                name: name, workingWeekdays: weekdays, opensAt: opens, closesAt: closes,
                goodFridayIsHoliday: goodFriday, liberationDay: liberation, closedDays: closed)
        } catch {
            throw CalendarSettingsError(line: nil, message: error.message)
        }
    }

    /// `HH:MM` (00:00–24:00) as minutes after midnight.
    private static func minutes(_ text: Substring) -> Int? {
        let parts = text.trimmingSpaces.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
              parts[0].allSatisfy(\.isASCIIDigit), parts[1].allSatisfy(\.isASCIIDigit),
              let h = Int(parts[0]), let m = Int(parts[1]), h <= 24, m < 60, h * 60 + m <= 24 * 60 else { return nil }
        return h * 60 + m
    }
}
