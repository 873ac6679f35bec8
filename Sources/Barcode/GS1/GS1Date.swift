/// A date carried in a GS1 element (GS1 General Specifications §7.12), kept as printed: two-digit
/// year, month, and a day that may be 00 ("no specific day": the month as a whole, e.g. an expiry
/// date valid to the end of that month). Optional hour/minute/second come from AIs such as 7003,
/// 8008 and 4324.
///
/// The century is resolved with the §7.12 sliding window relative to a reference year the caller
/// passes (this module never reads the clock).
public struct GS1Date: Hashable, Sendable {
    /// Year as printed: two digits (YYMMDD forms) or four (YYYYMMDD forms, e.g. AI 7250).
    public let year: Int
    public let yearHasCentury: Bool
    public let month: Int
    /// 1...31, or 0 for "the month as a whole".
    public let day: Int
    public let hour: Int?
    public let minute: Int?
    public let second: Int?

    /// The four-digit year by the §7.12 rule: a two-digit year more than 50 years ahead of the
    /// reference year belongs to the previous century, more than 49 behind to the next one.
    public func fullYear(referenceYear: Int) -> Int {
        if yearHasCentury { return year }
        let century = referenceYear / 100 * 100
        let difference = year - referenceYear % 100
        if difference >= 51 { return century - 100 + year }
        if difference <= -50 { return century + 100 + year }
        return century + year
    }

    /// The calendar day, with day 00 read as the last day of the month (the §7.12 reading for
    /// expiry and best-before dates). Returns (year, month, day).
    public func resolved(referenceYear: Int) -> (year: Int, month: Int, day: Int) {
        let fullYear = fullYear(referenceYear: referenceYear)
        guard day == 0 else { return (fullYear, month, day) }
        let leap = fullYear % 4 == 0 && (fullYear % 100 != 0 || fullYear % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return (fullYear, month, (1...12).contains(month) ? lengths[month - 1] : 0)
    }

    /// ISO 8601 calendar date "YYYY-MM-DD" (day 00 resolved to the month's last day).
    public func isoDate(referenceYear: Int) -> String {
        let (y, m, d) = resolved(referenceYear: referenceYear)
        return "\(Self.pad(y, 4))-\(Self.pad(m, 2))-\(Self.pad(d, 2))"
    }

    /// ISO 8601 date and time "YYYY-MM-DDTHH:MM:SS" when the element carries a time.
    public func isoDateTime(referenceYear: Int) -> String? {
        guard let hour else { return nil }
        return "\(isoDate(referenceYear: referenceYear))T\(Self.pad(hour, 2)):\(Self.pad(minute ?? 0, 2)):\(Self.pad(second ?? 0, 2))"
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// Reads the date (and time) from an element whose first component has a date linter.
    /// A time of "9999" is read as "no time given" (the filler AIs 4324/4325 use for a date alone).
    static func extract(from element: GS1Element) -> GS1Date? {
        guard let entry = element.entry, let first = entry.components.first else { return nil }
        let bytes = Array(element.value.utf8)
        guard bytes.allSatisfy(GS1Linters.isDigit) else { return nil }
        let short = first.linters.contains { $0 == "yymmdd" || $0 == "yymmd0" }
        let long = first.linters.contains { $0 == "yyyymmdd" || $0 == "yyyymmd0" }
        guard short || long else { return nil }
        let dateLength = short ? 6 : 8
        guard bytes.count >= dateLength else { return nil }
        let v = bytes[...]
        let yearLength = dateLength - 4
        var hour: Int?
        var minute: Int?
        var second: Int?
        let timeDigits = Array(bytes.dropFirst(dateLength))
        let noTime: [UInt8] = [0x39, 0x39, 0x39, 0x39]
        if timeDigits.count >= 2, Array(timeDigits.prefix(4)) != noTime {
            hour = GS1Linters.number(timeDigits[...], 0, 2)
            if timeDigits.count >= 4 { minute = GS1Linters.number(timeDigits[...], 2, 2) }
            if timeDigits.count >= 6 { second = GS1Linters.number(timeDigits[...], 4, 2) }
        }
        let hasTime = entry.components.count > 1 && entry.components.dropFirst().contains { c in
            c.linters.contains { ["hhmi", "hh", "mi", "ss"].contains($0) }
        }
        return GS1Date(
            year: GS1Linters.number(v, 0, yearLength), yearHasCentury: long,
            month: GS1Linters.number(v, yearLength, 2), day: GS1Linters.number(v, yearLength + 2, 2),
            hour: hasTime ? hour : nil, minute: hasTime ? minute : nil, second: hasTime ? second : nil)
    }
}
