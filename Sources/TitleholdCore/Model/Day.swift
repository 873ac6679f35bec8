/// A calendar date without a time of day: the unit of every legal date in the terms
/// (due dates, terms of letters, delivery dates). Instants are never used for these.
///
/// Stored as the number of days since 1970-01-01 in the proleptic Gregorian calendar, so
/// adding days and comparing are integer operations and no time zone can shift a date.
public struct Day: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public let ordinal: Int

    public init(ordinal: Int) { self.ordinal = ordinal }

    /// Creates a day from year, month (1–12) and day of month; `nil` when that date does not exist.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Day.daysIn(month: month, year: year) else { return nil }
        self.ordinal = Day.ordinal(year: year, month: month, day: day)
    }

    /// Parses `YYYY-MM-DD` (ISO 8601 calendar date, extended format). Anything else is `nil`.
    public init?(iso string: some StringProtocol) {
        let parsed = string.utf8.withContiguousStorageIfAvailable { Day(isoUTF8: UnsafeRawBufferPointer($0)) }
        guard let day = parsed ?? Array(string.utf8).withUnsafeBytes({ Day(isoUTF8: $0) }) else { return nil }
        self = day
    }

    /// `init(iso:)` over the UTF-8 bytes themselves: no copy (a look-up reads dates straight
    /// from SQLite's column text).
    public init?(isoUTF8 bytes: UnsafeRawBufferPointer) {
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for b in bytes[range] {
                guard b >= 48, b <= 57 else { return nil }
                value = value * 10 + Int(b - 48)
            }
            return value
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public var year: Int { components.year }
    public var month: Int { components.month }
    public var dayOfMonth: Int { components.day }

    /// ISO 8601 weekday: 1 = Monday … 7 = Sunday.
    public var isoWeekday: Int {
        // 1970-01-01 was a Thursday (4).
        let r = (ordinal + 3) % 7
        return (r < 0 ? r + 7 : r) + 1
    }

    public func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }

    /// The same day of month `months` later, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb).
    public func adding(months: Int) -> Day {
        let c = components
        let total = c.year * 12 + (c.month - 1) + months
        let y = total >= 0 ? total / 12 : (total - 11) / 12
        let m = total - y * 12 + 1
        let d = min(c.day, Day.daysIn(month: m, year: y))
        return Day(ordinal: Day.ordinal(year: y, month: m, day: d))
    }

    public func adding(years: Int) -> Day { adding(months: years * 12) }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(until other: Day) -> Int { other.ordinal - ordinal }

    public static func < (lhs: Day, rhs: Day) -> Bool { lhs.ordinal < rhs.ordinal }

    /// `body` with the ten bytes of `YYYY-MM-DD`, written digit by digit on the stack, for a year
    /// from 0 to 9999; `nil` for any other (`description` writes those). What JSON output
    /// writes: no string is made. Inlinable, so a caller in another module gets it specialized
    /// (unspecialized, each call looked its generic metadata up at run time).
    @inlinable
    public func withISOBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result? {
        let c = components
        guard (0...9999).contains(c.year) else { return nil }
        var bytes: (UInt64, UInt16) = (0, 0)
        return try withUnsafeMutableBytes(of: &bytes) { buffer in
            func put(_ value: Int, width: Int, at start: Int) {
                var value = value
                for index in stride(from: start + width - 1, through: start, by: -1) {
                    buffer[index] = UInt8(ascii: "0") + UInt8(value % 10)
                    value /= 10
                }
            }
            put(c.year, width: 4, at: 0)
            buffer[4] = UInt8(ascii: "-")
            put(c.month, width: 2, at: 5)
            buffer[7] = UInt8(ascii: "-")
            put(c.day, width: 2, at: 8)
            return try body(UnsafeRawBufferPointer(rebasing: buffer[0..<10]))
        }
    }

    /// `YYYY-MM-DD`: the ten bytes of `withISOBytes` as a string, which Swift keeps inline (no
    /// allocation): every report and JSON line carries several dates.
    public var description: String {
        if let text = withISOBytes({ String(decoding: $0, as: UTF8.self) }) { return text }
        let c = components
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let day = Day(iso: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not a YYYY-MM-DD date")
        }
        self = day
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    // MARK: Gregorian arithmetic (Howard Hinnant's days-from-civil algorithm)

    static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func ordinal(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    @usableFromInline var components: (year: Int, month: Int, day: Int) {
        let z = ordinal + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
