import Foundation
import TitleholdCore

/// An iCalendar (RFC 5545) document of timed events in Europe/Amsterdam, as Outlook, Google Calendar and
/// Apple Calendar import it: the export of planned pickups (issue "Planning", `--ics FILE`).
///
/// What the writer guarantees (RFC 5545 section in brackets):
/// - `VCALENDAR` with `VERSION:2.0`, `PRODID`, `CALSCALE:GREGORIAN`, `METHOD:PUBLISH` (§3.7);
/// - the `VTIMEZONE` of Europe/Amsterdam, so every program reads local times the same way (§3.6.5);
/// - per event `UID`, `SEQUENCE`, `DTSTAMP` in UTC, `DTSTART`/`DTEND` with `TZID=Europe/Amsterdam`,
///   `SUMMARY`, `LOCATION`, `DESCRIPTION` (§3.6.1);
/// - TEXT values escaped (`\\`, `\;`, `\,`, `\n`, §3.3.11), lines ended by CRLF and folded at 75
///   octets without splitting a UTF-8 character (§3.1).
public struct ICalendar: Sendable, Hashable {
    /// One timed event in Amsterdam local time.
    public struct Event: Sendable, Hashable {
        /// Globally unique and stable across exports: importing again updates the event (§3.8.4.7).
        public var uid: String
        /// Revision of the event; programs keep the highest (§3.8.7.4).
        public var sequence: Int
        public var day: Day
        /// Local minutes after midnight.
        public var startMinute: Int
        public var endMinute: Int
        public var summary: String
        public var location: String
        public var description: String

        public init(
            uid: String, sequence: Int = 0, day: Day, startMinute: Int, endMinute: Int, summary: String,
            location: String, description: String
        ) {
            self.uid = uid; self.sequence = sequence; self.day = day; self.startMinute = startMinute
            self.endMinute = endMinute; self.summary = summary; self.location = location; self.description = description
        }
    }

    /// The `PRODID`: who made the file (§3.7.3).
    public var productID: String
    /// A display name for programs that show one (`X-WR-CALNAME`, a common extension); `nil` for none.
    public var name: String?
    public var events: [Event]

    public init(productID: String = "-//Titlehold//Pickups//EN", name: String? = nil, events: [Event]) {
        self.productID = productID; self.name = name; self.events = events
    }

    /// The document as text. `stamp` is the `DTSTAMP` of every event (when the file was made); it is
    /// passed in so the same plan gives the same bytes in tests.
    public func serialized(stamp: Date) -> String {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:" + Self.escapeText(productID), "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
        ]
        if let name { lines.append("X-WR-CALNAME:" + Self.escapeText(name)) }
        lines += Self.amsterdamTimeZone
        let stampText = Self.utcDateTime(stamp)
        for event in events {
            lines += [
                "BEGIN:VEVENT",
                "UID:" + Self.escapeText(event.uid),
                "SEQUENCE:\(max(0, event.sequence))",
                "DTSTAMP:" + stampText,
                "DTSTART;TZID=\(Self.timeZoneID):" + Self.localDateTime(day: event.day, minute: event.startMinute),
                "DTEND;TZID=\(Self.timeZoneID):" + Self.localDateTime(day: event.day, minute: event.endMinute),
                "SUMMARY:" + Self.escapeText(event.summary),
                "LOCATION:" + Self.escapeText(event.location),
                "DESCRIPTION:" + Self.escapeText(event.description),
                "STATUS:CONFIRMED",
                "TRANSP:OPAQUE",
                "END:VEVENT",
            ]
        }
        lines.append("END:VCALENDAR")
        return lines.map(Self.fold).joined(separator: "\r\n") + "\r\n"
    }

    // MARK: Value formats

    /// Escapes a TEXT value (§3.3.11): backslash, semicolon and comma get a backslash; a line break
    /// (LF, CRLF or CR) becomes `\n`.
    public static func escapeText(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\r\n", "\n", "\r": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }

    /// Folds one content line (§3.1): at most 75 octets per line, continuation lines start with one
    /// space. Breaks fall between characters, so a multi-byte UTF-8 character is never split.
    public static func fold(_ line: String) -> String {
        guard line.utf8.count > 75 else { return line }
        var result = ""
        var current = ""
        var budget = 75
        var used = 0
        for character in line {
            let size = character.utf8.count
            if used + size > budget, used > 0 {
                result += current + "\r\n "
                current = ""
                used = 0
                budget = 74  // the leading space counts
            }
            current.append(character)
            used += size
        }
        return result + current
    }

    /// `YYYYMMDDTHHMMSS`, a local DATE-TIME (§3.3.5, form 3 with TZID). 24:00 is written as 00:00 of the next day.
    static func localDateTime(day: Day, minute: Int) -> String {
        let carry = minute >= 0 ? minute / 1440 : (minute - 1439) / 1440
        let date = day.adding(days: carry)
        let rest = minute - carry * 1440
        return "\(date.description.filter { $0 != "-" })T\(twoDigits(rest / 60))\(twoDigits(rest % 60))00"
    }

    /// `YYYYMMDDTHHMMSSZ`, a UTC DATE-TIME (§3.3.5, form 2), whole seconds.
    static func utcDateTime(_ date: Date) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = Int(seconds - days * 86_400)
        let day = Day(ordinal: Int(days))
        return "\(day.description.filter { $0 != "-" })T\(twoDigits(rest / 3600))\(twoDigits(rest / 60 % 60))\(twoDigits(rest % 60))Z"
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
