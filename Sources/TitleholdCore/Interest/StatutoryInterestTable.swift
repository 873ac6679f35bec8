/// The Dutch statutory interest rates by period: the non-commercial rate of art. 6:119 BW
/// (consumers) and the commercial rate of art. 6:119a BW (businesses). Both are set per half
/// year (art. 6:120 BW: the commercial rate is the ECB main refinancing rate + 8 points).
///
/// The rates are data: `Resources/rates/statutory-interest.tsv` holds them for a person to
/// correct or extend each half year, `builtIn` holds the same rows so the rules work without files.
public struct StatutoryInterestTable: Sendable, Hashable {
    /// The rates in force from `from` until the next entry's `from`.
    public struct Entry: Sendable, Hashable {
        public var from: Day
        /// Art. 6:119 BW (wettelijke rente), owed by consumers.
        public var statutory: InterestRate
        /// Art. 6:119a BW (wettelijke handelsrente), owed by businesses.
        public var commercial: InterestRate
        /// Where the figure comes from, for a person checking it.
        public var source: String

        public init(from: Day, statutory: InterestRate, commercial: InterestRate, source: String) {
            self.from = from; self.statutory = statutory; self.commercial = commercial; self.source = source
        }

        /// The rate owed by a client of `kind`: commercial for businesses, statutory for consumers.
        public func rate(for kind: ClientKind) -> InterestRate {
            kind == .business ? commercial : statutory
        }
    }

    /// Entries in ascending order of `from`; never empty.
    public let entries: [Entry]

    /// A table of `entries`, which must be non-empty with strictly ascending start days.
    public init(entries: [Entry]) throws(RateTableError) {
        guard let first = entries.first else {
            throw RateTableError(line: nil, message: "the interest table has no rates")
        }
        var previous = first.from
        for entry in entries.dropFirst() {
            guard previous < entry.from else {
                throw RateTableError(
                    line: nil, message: "rates must be in ascending date order; \(entry.from) follows \(previous)")
            }
            previous = entry.from
        }
        self.entries = entries
    }

    private init(unchecked entries: [Entry]) { self.entries = entries }

    /// The entry in force on `day`, or `nil` before the table's first day.
    public func entry(on day: Day) -> Entry? {
        entries.last { $0.from <= day }
    }

    /// The rate a client of `kind` owes on `day` (art. 6:119 / 6:119a BW), or `nil` before the table's first day.
    public func rate(on day: Day, for kind: ClientKind) -> InterestRate? {
        entry(on: day)?.rate(for: kind)
    }

    /// The first day the table has a rate for.
    public var firstDay: Day { entries[0].from }

    /// The last day the table surely covers: rates are fixed per half year (art. 6:120 BW), so the
    /// last entry holds for six months. After that the last rate is only an assumption.
    public var knownThrough: Day {
        entries[entries.count - 1].from.adding(months: 6).adding(days: -1)
    }

    /// Days in (`after`, `through`] on which a new entry starts.
    func changes(after start: Day, through end: Day) -> [Day] {
        entries.map(\.from).filter { start < $0 && $0 <= end }
    }

    /// The rates as published, 2020–2026 (law-and-formats.md §3). The 2026-01-01 statutory rate
    /// is of medium confidence; the file in `Resources/rates/` is where a person corrects it.
    public static let builtIn = StatutoryInterestTable(unchecked: [
        row(2020, 1, 2_0000, 8_0000, "rijksoverheid; Rentetool"),
        row(2020, 7, 2_0000, 8_0000, "Rentetool"),
        row(2021, 1, 2_0000, 8_0000, "Rentetool"),
        row(2021, 7, 2_0000, 8_0000, "Rentetool"),
        row(2022, 1, 2_0000, 8_0000, "Rentetool"),
        row(2022, 7, 2_0000, 8_0000, "Rentetool (ECB 0%)"),
        row(2023, 1, 4_0000, 10_5000, "wieringa; Rentetool"),
        row(2023, 7, 6_0000, 12_0000, "wieringa; Rentetool"),
        row(2024, 1, 7_0000, 12_5000, "wieringa; smk"),
        row(2024, 7, 7_0000, 12_2500, "metaalunie"),
        row(2025, 1, 6_0000, 11_1500, "vvoadvocatuur"),
        row(2025, 7, 6_0000, 10_1500, "vanlaarhoven (25-09-2025)"),
        row(2026, 1, 4_0000, 10_1500, "Rentetool, public FAQ code; medium confidence, check the Staatsblad"),
    ])

    /// Rates are written as percent × 10,000 (`12_2500` = 12.25%) so the literal reads like the percentage.
    private static func row(_ year: Int, _ month: Int, _ statutory: Int64, _ commercial: Int64, _ source: String) -> Entry {
        let day = Day(ordinal: Day.ordinal(year: year, month: month, day: 1))
        return Entry(from: day, statutory: InterestRate(perMillion: statutory),
                     commercial: InterestRate(perMillion: commercial), source: source)
    }
}
