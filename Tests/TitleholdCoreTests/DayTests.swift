import Testing
import TitleholdCore

@Suite struct DayTests {
    @Test(arguments: [
        ("1970-01-01", 0, 4), ("2000-02-29", 11016, 2), ("2026-11-25", 20782, 3), ("1969-12-31", -1, 3),
        ("0001-01-01", -719162, 1), ("9999-12-31", 2932896, 5),
    ])
    func ordinalsAndWeekdays(iso: String, ordinal: Int, weekday: Int) {
        let day = Day(iso: iso)
        #expect(day?.ordinal == ordinal)
        #expect(day?.isoWeekday == weekday)
        #expect(day?.description == iso)
        // A substring and the UTF-8 bytes parse alike.
        #expect(Day(iso: ("x" + iso + "x").dropFirst().dropLast()) == day)
        #expect(Array(iso.utf8).withUnsafeBytes { Day(isoUTF8: $0) } == day)
        // The bytes JSON output writes are the description's.
        #expect(day?.withISOBytes { String(decoding: $0, as: UTF8.self) } == iso)
    }

    @Test func isoBytesOnlyForFourDigitYears() {
        let yearZero = Day(ordinal: -719_163), yearTenThousand = Day(ordinal: 2_932_897)
        #expect(yearZero.withISOBytes { String(decoding: $0, as: UTF8.self) } == "0000-12-31")
        #expect(yearZero.description == "0000-12-31")
        #expect(yearTenThousand.withISOBytes { _ in true } == nil)
        #expect(yearTenThousand.description == "10000-01-01")
    }

    @Test(arguments: ["2026-02-29", "2026-13-01", "2026-1-01", "20260101", "2026-01-01T00:00", "", "abcd-ef-gh"])
    func refusesWhatIsNotADate(text: String) {
        #expect(Day(iso: text) == nil)
        #expect(Array(text.utf8).withUnsafeBytes { Day(isoUTF8: $0) } == nil)
    }

    @Test func monthArithmeticClampsToTheMonthEnd() {
        #expect(d("2026-01-31").adding(months: 1) == d("2026-02-28"))
        #expect(d("2024-02-29").adding(years: 5) == d("2029-02-28"))
        #expect(d("2026-11-25").adding(months: -11) == d("2025-12-25"))
    }
}

@Suite struct CentsTests {
    @Test(arguments: [
        ("12", 1200), ("12.5", 1250), ("12.50", 1250), ("-0.05", -5), ("4425.25", 442525), ("1.230", 123), ("+3.00", 300),
        // xs:decimal allows a point with digits on one side only.
        ("1.", 100), (".5", 50), ("-.05", -5), ("+7.", 700),
    ])
    func parsesDecimalAmounts(text: String, cents: Int64) {
        #expect(Cents(decimal: text)?.value == cents)
    }

    @Test(arguments: ["", "1,50", "1.234", "1e3", "abc", ".", "-.", "+", "--1", "1 000", "1.2.3", "١٢"])
    func refusesWhatIsNotAnAmount(text: String) {
        #expect(Cents(decimal: text) == nil)
    }

    @Test(arguments: [
        (Int64(123456789), "EUR 1,234,567.89"), (0, "EUR 0.00"), (5, "EUR 0.05"), (-5, "EUR -0.05"), (100, "EUR 1.00"),
        (99_999, "EUR 999.99"), (100_000, "EUR 1,000.00"), (-123_456_78, "EUR -123,456.78"),
        (Int64.max, "EUR 92,233,720,368,547,758.07"), (Int64.min, "EUR -92,233,720,368,547,758.08"),
    ])
    func amountsForPeople(cents: Int64, text: String) {
        #expect(Cents(cents).description == text)
    }

    @Test func printsForPeople() {
        #expect(Cents(123456789).description == "EUR 1,234,567.89")
        #expect(Cents(-5).decimalString == "-0.05")
    }
}
