extension ICalendar {
    /// The `TZID` used for every local time.
    public static let timeZoneID = "Europe/Amsterdam"

    /// The VTIMEZONE of Europe/Amsterdam (RFC 5545 §3.6.5), the same rule `AmsterdamTime` computes:
    /// summer time (CEST, UTC+2) from the last Sunday of March 02:00 local time, winter time
    /// (CET, UTC+1) from the last Sunday of October 03:00 local time (EU Directive 2000/84/EC).
    ///
    /// `DTSTART` of each rule is its first occurrence in 1970 (29 March and 25 October 1970 were the
    /// last Sundays of those months), so the rules cover every date a plan can have. Outlook needs the
    /// VTIMEZONE to place `TZID` times; the `X-LIC-LOCATION` line helps programs that map to tzdata.
    static let amsterdamTimeZone: [String] = [
        "BEGIN:VTIMEZONE",
        "TZID:\(timeZoneID)",
        "X-LIC-LOCATION:\(timeZoneID)",
        "BEGIN:DAYLIGHT",
        "TZOFFSETFROM:+0100",
        "TZOFFSETTO:+0200",
        "TZNAME:CEST",
        "DTSTART:19700329T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
        "END:DAYLIGHT",
        "BEGIN:STANDARD",
        "TZOFFSETFROM:+0200",
        "TZOFFSETTO:+0100",
        "TZNAME:CET",
        "DTSTART:19701025T030000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
        "END:STANDARD",
        "END:VTIMEZONE",
    ]
}
