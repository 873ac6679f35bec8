import Testing
@testable import TitleholdCore

/// The half-yearly statutory rates (art. 6:119, 6:119a, 6:120 BW) and their data file.
@Suite struct InterestRateTableTests {
    @Test(arguments: [
        ("8", 80_000 as Int64, "8%"), ("12.25", 122_500, "12.25%"), ("10.15%", 101_500, "10.15%"),
        (" 0.5 ", 5_000, "0.5%"), ("11.1500", 111_500, "11.15%"), ("4.125", 41_250, "4.125%"), ("0", 0, "0%"),
    ])
    func parsesExactPercentages(text: String, perMillion: Int64, printed: String) {
        let rate = InterestRate(percent: text)
        #expect(rate?.perMillion == perMillion)
        #expect(rate?.description == printed)
    }

    @Test(arguments: ["", "abc", "-1", "1.23456", "1,5", "12.", ".5", "1e2", "12345"])
    func rejectsOtherText(text: String) {
        #expect(InterestRate(percent: text) == nil)
    }

    @Test func shippedFileMatchesTheBuiltInTable() throws {
        let fromFile = try StatutoryInterestTable(tsv: resourceText("rates/statutory-interest.tsv"))
        #expect(fromFile == StatutoryInterestTable.builtIn)
        #expect(fromFile.entries.count == 13)
    }

    @Test(arguments: [
        ("2019-12-31", ClientKind.business, nil as Int64?),
        ("2020-01-01", .business, 800),
        ("2022-12-31", .consumer, 200),
        ("2023-01-01", .consumer, 400),
        ("2023-01-01", .business, 1050),
        ("2023-06-30", .consumer, 400),
        ("2023-07-01", .consumer, 600),
        ("2024-06-30", .business, 1250),
        ("2024-07-01", .business, 1225),
        ("2025-01-01", .business, 1115),
        ("2025-07-01", .business, 1015),
        ("2026-01-01", .consumer, 400),
        ("2031-01-01", .consumer, 400),  // the last row holds until a newer one is added
    ])
    func rateOnADay(iso: String, kind: ClientKind, basisPoints: Int64?) {
        #expect(StatutoryInterestTable.builtIn.rate(on: testDay(iso), for: kind) == basisPoints.map { InterestRate(basisPoints: $0) })
    }

    @Test func knownThroughIsSixMonthsAfterTheLastRow() {
        #expect(StatutoryInterestTable.builtIn.knownThrough == testDay("2026-06-30"))
    }

    @Test(arguments: [
        ("2020-01-01\t2\n2020-07-01\t2\t8", 1, "6:119a"),
        ("from\tstatutory\tcommercial\n2020-13-01\t2\t8", 2, "YYYY-MM-DD"),
        ("2020-01-01\t2%%\t8", 1, "6:119 rate"),
        ("2020-01-01\t2\teight", 1, "6:119a rate"),
        ("2020-07-01\t2\t8\n# comment\n2020-01-01\t2\t8", 3, "not after"),
    ])
    func errorsNameTheLine(text: String, line: Int, mentions: String) {
        do {
            _ = try StatutoryInterestTable(tsv: text)
            Issue.record("expected an error for \(text)")
        } catch {
            #expect(error.line == line)
            #expect(error.message.contains(mentions))
        }
    }

    @Test func anEmptyTableIsAnError() {
        #expect(throws: RateTableError.self) { try StatutoryInterestTable(tsv: "# nothing\n") }
    }

    @Test func sourceColumnIsOptional() throws {
        let table = try StatutoryInterestTable(tsv: "2020-01-01\t2\t8\n")
        #expect(table.entries == [StatutoryInterestTable.Entry(
            from: testDay("2020-01-01"), statutory: InterestRate(basisPoints: 200), commercial: InterestRate(basisPoints: 800),
            source: "")])
    }
}
