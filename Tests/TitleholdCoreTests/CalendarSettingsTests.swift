import Testing
@testable import TitleholdCore

/// The calendar settings files in Resources/calendar/ (art. 4.2 of the terms; art. 3 Atw).
@Suite struct CalendarSettingsTests {
    @Test func shippedFilesMatchTheBuiltInPresets() throws {
        let pickups = try BusinessCalendar(settings: resourceText("calendar/pickups.conf"), base: .statutoryTerms)
        #expect(pickups == BusinessCalendar.pickups)
        let statutory = try BusinessCalendar(settings: resourceText("calendar/statutory-terms.conf"), base: .pickups)
        #expect(statutory == BusinessCalendar.statutoryTerms)
    }

    @Test func readsEverySetting() throws {
        let text = """
            # a comment
            name = saturday-shop

            working-days = ma di wo do vr za
            hours = 08:30-16:45
            good-friday = holiday
            liberation-day = every-year
            closed = 2025-12-24 Christmas Eve
            closed = 2025-12-31
            """
        let calendar = try BusinessCalendar(settings: text, base: .pickups)
        #expect(calendar.name == "saturday-shop")
        #expect(calendar.workingWeekdays == [1, 2, 3, 4, 5, 6])
        #expect(calendar.opensAt == 8 * 60 + 30)
        #expect(calendar.closesAt == 16 * 60 + 45)
        #expect(calendar.goodFridayIsHoliday)
        #expect(calendar.liberationDay == .everyYear)
        #expect(calendar.closedDays == [testDay("2025-12-24"): "Christmas Eve", testDay("2025-12-31"): ""])
    }

    @Test(arguments: [
        ("name = x\nworking-days = mon funday", 2, "funday"),
        ("hours = 9-17", 1, "09:00-17:00"),
        ("hours = 09:00-25:00", 1, "09:00-17:00"),
        ("good-friday = maybe", 1, "good-friday"),
        ("liberation-day = sometimes", 1, "lustrum"),
        ("\n\nclosed = 24-12-2025 party", 3, "YYYY-MM-DD"),
        ("colour = blue", 1, "unknown setting 'colour'"),
        ("just words", 1, "key = value"),
    ])
    func errorsNameTheLine(text: String, line: Int, mentions: String) {
        do {
            _ = try BusinessCalendar(settings: text, base: .pickups)
            Issue.record("expected an error for \(text)")
        } catch {
            #expect(error.line == line)
            #expect(error.message.contains(mentions))
        }
    }

    @Test func emptyWorkingDaysIsRejected() {
        do {
            _ = try BusinessCalendar(settings: "working-days = ", base: .pickups)
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("no working weekdays"))
        }
    }
}
