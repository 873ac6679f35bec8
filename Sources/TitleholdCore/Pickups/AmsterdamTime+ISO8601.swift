extension AmsterdamTime {
    /// Local time `minute` minutes after midnight on `day` in Amsterdam as ISO 8601 with the offset in
    /// force then: `2026-03-30T09:00:00+02:00` (summer) or `2026-10-26T09:00:00+01:00` (winter).
    ///
    /// Printed from the instant, so a local time the spring change skips comes out as the time the
    /// clocks showed (02:30 on the last Sunday of March prints as 03:30+02:00); working hours never
    /// touch those hours.
    public static func iso8601(day: Day, minute: Int) -> String {
        let utc = utcSeconds(day: day, minute: minute)
        let offset = offsetMinutes(atUTC: utc)
        let local = local(utcSeconds: utc)
        let sign = offset < 0 ? "-" : "+"
        return "\(local.day)T\(clock(local.minute)):00\(sign)\(twoDigits(abs(offset) / 60)):\(twoDigits(abs(offset) % 60))"
    }

    /// `HH:MM` for a minute of the day (0…1440; 1440 prints as 24:00).
    public static func clock(_ minute: Int) -> String { "\(twoDigits(minute / 60)):\(twoDigits(minute % 60))" }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
