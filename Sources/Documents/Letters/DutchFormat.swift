import TitleholdCore

/// Dutch notation of dates and amounts for letters to clients.
///
/// Written by hand instead of through a Foundation locale: the letters must read the same on every
/// machine, and a server's locale data (ICU version, missing `nl_NL`) must not change a legal
/// document. The notation follows the Dutch conventions (CLDR locale `nl`): day, month name in lower
/// case and year ("25 november 2026"); euro sign, a space, `.` between thousands and `,` before the
/// cents ("€ 1.234,56"; negative: "€ -10,50").
public enum DutchFormat {
    /// The month names, January first. Dutch writes them in lower case.
    public static let monthNames = [
        "januari", "februari", "maart", "april", "mei", "juni",
        "juli", "augustus", "september", "oktober", "november", "december",
    ]

    /// The weekday names, Monday (ISO weekday 1) first.
    public static let weekdayNames = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]

    /// "25 november 2026".
    public static func date(_ day: Day) -> String {
        "\(day.dayOfMonth) \(monthNames[day.month - 1]) \(day.year)"
    }

    /// "woensdag 25 november 2026": for dates a client must act on or be present at.
    public static func dateWithWeekday(_ day: Day) -> String {
        "\(weekdayNames[day.isoWeekday - 1]) \(date(day))"
    }

    /// "€ 1.234,56" from an amount in euro cents (art. 13.1: amounts in euro); "€ -10,50" when negative.
    public static func money(_ cents: Int64) -> String {
        let magnitude = cents.magnitude
        var whole = String(magnitude / 100)
        var groups: [Substring] = []
        while whole.count > 3 {
            groups.insert(Substring(whole.suffix(3)), at: 0)
            whole.removeLast(3)
        }
        groups.insert(Substring(whole), at: 0)
        let fraction = magnitude % 100
        let sign = cents < 0 ? "-" : ""
        return "€ \(sign)\(groups.joined(separator: ".")),\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// "€ 1.234,56" from `Cents`.
    public static func money(_ amount: Cents) -> String { money(amount.value) }

    /// "1 dag", "14 dagen".
    public static func days(_ count: Int) -> String { count == 1 ? "1 dag" : "\(count) dagen" }

    /// Joins names the Dutch way: "A", "A en B", "A, B en C".
    public static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " en " + (items.last ?? "")
        }
    }
}
