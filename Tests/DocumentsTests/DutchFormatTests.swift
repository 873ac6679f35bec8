import Documents
import Testing
import TitleholdCore

@Suite("Dutch notation of dates and amounts")
struct DutchFormatTests {
    @Test("euro amounts from integer cents", arguments: [
        (Int64(0), "€ 0,00"),
        (5, "€ 0,05"),
        (100, "€ 1,00"),
        (99_999, "€ 999,99"),
        (123_456, "€ 1.234,56"),
        (100_000_000, "€ 1.000.000,00"),
        (-1_050, "€ -10,50"),
        (-5, "€ -0,05"),
        (-123_456_789, "€ -1.234.567,89"),
    ])
    func money(cents: Int64, expected: String) {
        #expect(DutchFormat.money(cents) == expected)
        #expect(DutchFormat.money(Cents(cents)) == expected)
    }

    @Test("every month is written by its Dutch name, in lower case", arguments: zip(1...12, [
        "1 januari 2026", "1 februari 2026", "1 maart 2026", "1 april 2026", "1 mei 2026", "1 juni 2026",
        "1 juli 2026", "1 augustus 2026", "1 september 2026", "1 oktober 2026", "1 november 2026", "1 december 2026",
    ]))
    func months(month: Int, expected: String) throws {
        let day = try #require(Day(year: 2026, month: month, day: 1))
        #expect(DutchFormat.date(day) == expected)
    }

    @Test("dates without leading zeros", arguments: [
        ("2027-01-01", "1 januari 2027"),
        ("2026-11-25", "25 november 2026"),
        ("2028-02-29", "29 februari 2028"),
        ("2026-12-31", "31 december 2026"),
    ])
    func dates(iso: String, expected: String) throws {
        #expect(DutchFormat.date(try #require(Day(iso: iso))) == expected)
    }

    @Test("dates with the weekday", arguments: [
        ("2026-12-07", "maandag 7 december 2026"),
        ("2026-11-25", "woensdag 25 november 2026"),
        ("2026-04-26", "zondag 26 april 2026"),
        ("2027-01-01", "vrijdag 1 januari 2027"),
    ])
    func weekdays(iso: String, expected: String) throws {
        #expect(DutchFormat.dateWithWeekday(try #require(Day(iso: iso))) == expected)
    }

    @Test("day counts and lists")
    func daysAndLists() {
        #expect(DutchFormat.days(1) == "1 dag")
        #expect(DutchFormat.days(14) == "14 dagen")
        #expect(DutchFormat.list([]) == "")
        #expect(DutchFormat.list(["A"]) == "A")
        #expect(DutchFormat.list(["A", "B"]) == "A en B")
        #expect(DutchFormat.list(["A", "B", "C"]) == "A, B en C")
    }
}
