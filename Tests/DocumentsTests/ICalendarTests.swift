import Foundation
import Testing
import TitleholdCore
@testable import Documents

/// The iCalendar export of planned pickups (issue "Planning", `--ics FILE`; RFC 5545), written and
/// parsed back.
@Suite struct ICalendarTests {
    private static let stamp = Date(timeIntervalSince1970: 1_774_000_000)  // 2026-03-20T09:46:40Z

    private static func visit(
        _ id: String, _ day: String, _ start: Int, _ end: Int, client: String = "Jansen & Zn, B.V.",
        address: String = "Keizersgracht 1, 1015 CJ Amsterdam", revision: Int = 0,
        items: [PickupCandidate.Item] = [.init(serial: "5CD1234XYZ", description: "HP EliteBook 840; 16 GB", value: 125_000)]
    ) -> PlannedVisit {
        PlannedVisit(
            id: id, clientID: 7, clientName: client, siteAddress: address, date: Day(iso: day) ?? Day(ordinal: 0),
            startMinute: start, endMinute: end, technician: 1, items: items, revision: revision)
    }

    private static let visits = [
        visit("3f0a91c2-20260330", "2026-03-30", 540, 600),
        visit("00ab12cd-20261026", "2026-10-26", 780, 890, client: "Café Zuid", address: "Laan 2\nUtrecht", revision: 3,
              items: [
                .init(serial: "A1", description: "Dock, USB-C", value: 9_900),
                .init(serial: "B2\\C3", description: "Monitor", value: 19_900),
              ]),
    ]

    private func parse(_ text: String) throws -> ICalendarComponent { try ICalendarReader.parse(text) }

    @Test func everyEventRoundTrips() throws {
        let text = ICalendar.pickups(Self.visits).serialized(stamp: Self.stamp)
        let calendar = try parse(text)
        #expect(calendar.name == "VCALENDAR")
        #expect(calendar.property("VERSION")?.value == "2.0")
        #expect(calendar.property("CALSCALE")?.value == "GREGORIAN")
        #expect(calendar.property("METHOD")?.value == "PUBLISH")
        #expect(calendar.property("PRODID")?.value.isEmpty == false)
        let events = calendar.components(named: "VEVENT")
        #expect(events.count == Self.visits.count)
        for (event, visit) in zip(events, Self.visits) {
            #expect(event.property("UID")?.text == "visit-\(visit.id)@titlehold")
            #expect(event.property("SEQUENCE")?.value == String(visit.revision))
            #expect(event.property("DTSTAMP")?.value == "20260320T094640Z")
            let start = event.property("DTSTART"), end = event.property("DTEND")
            #expect(start?.parameters["TZID"] == "Europe/Amsterdam")
            #expect(end?.parameters["TZID"] == "Europe/Amsterdam")
            #expect(start.map { localISO($0.value) } == String(visit.startISO8601.prefix(19)))
            #expect(end.map { localISO($0.value) } == String(visit.endISO8601.prefix(19)))
            #expect(event.property("LOCATION")?.text == visit.siteAddress)
            #expect(event.property("SUMMARY")?.text.contains(visit.clientName) == true)
            let description = event.property("DESCRIPTION")?.text ?? ""
            for item in visit.items {
                #expect(description.contains("\(item.serial) \(item.description)"), "\(description)")
            }
            #expect(description.contains("art. 10.3"))
        }
    }

    @Test func theTimeZoneIsAmsterdamWithTheEURules() throws {
        let calendar = try parse(ICalendar(events: []).serialized(stamp: Self.stamp))
        let zones = calendar.components(named: "VTIMEZONE")
        #expect(zones.count == 1)
        #expect(zones.first?.property("TZID")?.value == "Europe/Amsterdam")
        let daylight = zones.first?.components(named: "DAYLIGHT").first
        let standard = zones.first?.components(named: "STANDARD").first
        #expect(daylight?.property("TZOFFSETFROM")?.value == "+0100")
        #expect(daylight?.property("TZOFFSETTO")?.value == "+0200")
        #expect(daylight?.property("RRULE")?.value == "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU")
        #expect(standard?.property("TZOFFSETFROM")?.value == "+0200")
        #expect(standard?.property("TZOFFSETTO")?.value == "+0100")
        #expect(standard?.property("RRULE")?.value == "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU")
        // Each rule's DTSTART is itself a last Sunday of its month, at the local time the clocks change,
        // the same instant AmsterdamTime uses (01:00 UTC).
        for (rule, offsetBefore) in [(daylight, 60), (standard, 120)] {
            guard let value = rule?.property("DTSTART")?.value, let day = Day(iso: isoDate(value)) else {
                Issue.record("no DTSTART"); continue
            }
            #expect(day.isoWeekday == 7)
            #expect(day.adding(days: 7).month != day.month)
            let hour = Int(value.dropFirst(9).prefix(2)) ?? -1
            let utc = Int64(day.ordinal) * 86_400 + Int64(hour * 3_600 - offsetBefore * 60)
            let change = day.month == 3 ? AmsterdamTime.summerTimeStart(year: day.year) : AmsterdamTime.summerTimeEnd(year: day.year)
            #expect(utc == change)
        }
    }

    @Test func linesEndInCRLFAndStayWithin75Octets() throws {
        let long = (1...40).map { PickupCandidate.Item(serial: "SERIAL-\($0)", description: "Ноутбук «Łódź» €\($0)", value: 100) }
        let text = ICalendar.pickups([Self.visit("x-1", "2026-06-01", 540, 1000, items: long)]).serialized(stamp: Self.stamp)
        let bytes = Array(text.utf8)
        #expect(bytes.suffix(2) == [0x0D, 0x0A])
        var lines: [[UInt8]] = []
        var current: [UInt8] = []
        for (index, byte) in bytes.enumerated() {
            if byte == 0x0A {
                #expect(index > 0 && bytes[index - 1] == 0x0D, "bare LF at byte \(index)")
                lines.append(Array(current.dropLast()))
                current = []
            } else {
                current.append(byte)
            }
        }
        for line in lines {
            #expect(line.count <= 75)
            #expect(String(validating: line, as: UTF8.self) != nil, "a fold split a UTF-8 character")
        }
        let description = try parse(text).components(named: "VEVENT").first?.property("DESCRIPTION")?.text
        #expect(description?.contains("SERIAL-40 Ноутбук «Łódź» €40") == true)
    }

    @Test func foldingA200CharacterUTF8TextUnfoldsToTheSameText() throws {
        let pieces = ["é", "€", "😀", "a", "ß", "日本", "z"]
        let value = (0..<200).map { pieces[$0 % pieces.count] }.joined()
        let line = "DESCRIPTION:" + value
        let folded = ICalendar.fold(line)
        let physical = folded.components(separatedBy: "\r\n")
        #expect(physical.count > 1)
        for (index, part) in physical.enumerated() {
            #expect(part.utf8.count <= 75)
            if index > 0 { #expect(part.hasPrefix(" ")) }
        }
        let unfolded = try ICalendarReader.contentLines(Array(folded.utf8))
        #expect(unfolded.map(\.text) == [line])
        #expect(ICalendar.fold("SHORT:value") == "SHORT:value")
        let exactly75 = "X:" + String(repeating: "a", count: 73)
        #expect(ICalendar.fold(exactly75) == exactly75)
        #expect(ICalendar.fold(exactly75 + "b") == exactly75 + "\r\n b")
    }

    @Test("TEXT escaping", arguments: [
        ("a,b", "a\\,b"),
        ("a;b", "a\\;b"),
        ("back\\slash", "back\\\\slash"),
        ("two\nlines", "two\\nlines"),
        ("crlf\r\nline", "crlf\\nline"),
        ("plain: text", "plain: text"),
    ])
    func escaping(text: String, escaped: String) {
        #expect(ICalendar.escapeText(text) == escaped)
        #expect(ICalendarReader.unescapeText(escaped) == text.replacingOccurrences(of: "\r\n", with: "\n"))
    }

    @Test func theReaderHandlesQuotedParametersAndReportsBadFiles() throws {
        let text = "BEGIN:VCALENDAR\r\nX-A;X-P=\"a:b;c\";Y=z:value:with:colons\r\nEND:VCALENDAR\r\n"
        let property = try parse(text).property("X-A")
        #expect(property?.parameters == ["X-P": "a:b;c", "Y": "z"])
        #expect(property?.value == "value:with:colons")

        let error = #expect(throws: ICalendarReadError.self) {
            try ICalendarReader.parse("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VCALENDAR\r\n")
        }
        #expect(error?.line == 3)
        #expect(throws: ICalendarReadError.self) { try ICalendarReader.parse("BEGIN:VCALENDAR\r\n") }
        #expect(throws: ICalendarReadError.self) { try ICalendarReader.parse("VERSION:2.0\r\n") }
    }

    @Test func theSamePlanGivesTheSameBytes() {
        let a = ICalendar.pickups(Self.visits).serialized(stamp: Self.stamp)
        let b = ICalendar.pickups(Self.visits).serialized(stamp: Self.stamp)
        #expect(a == b)
    }

    /// `20260330T090000` → `2026-03-30T09:00:00`.
    private func localISO(_ value: String) -> String {
        let c = Array(value)
        guard c.count == 15 else { return value }
        return "\(isoDate(value))T\(String(c[9...10])):\(String(c[11...12])):\(String(c[13...14]))"
    }

    /// `20260330T…` → `2026-03-30`.
    private func isoDate(_ value: String) -> String {
        let c = Array(value)
        guard c.count >= 8 else { return value }
        return "\(String(c[0...3]))-\(String(c[4...5]))-\(String(c[6...7]))"
    }
}
