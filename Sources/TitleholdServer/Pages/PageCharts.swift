import Documents
import LedgerStore
import TitleholdApp
import TitleholdCore

/// The two charts of the pages (issue 6: "a small chart where a picture says more than a
/// table"), from the same services as the CLI: the receivables by days past due (`DunningService`,
/// as `titlehold dunning`) and the warranty expiries by month (`WarrantyService`, as
/// `titlehold warranty expiring`). Drawn by `BarChart` as SVG.
enum PageCharts {
    /// The age classes of overdue receivables, in days past the due date.
    static let ageBuckets: [(label: String, range: ClosedRange<Int>)] = [
        ("0–30", 1...30), ("31–60", 31...60), ("61–90", 61...90), ("90+", 91...Int.max),
    ]

    /// The open principal (cents) of the overdue invoices in each age class on `date`. An invoice
    /// due today or later is not overdue and counts nowhere.
    static func receivableAmounts(_ invoices: [(dueDate: Day, openCents: Int64)], on date: Day) -> [Int64] {
        var amounts = Array(repeating: Int64(0), count: ageBuckets.count)
        for invoice in invoices {
            let late = invoice.dueDate.days(until: date)
            guard let index = ageBuckets.firstIndex(where: { $0.range.contains(late) }) else { continue }
            amounts[index] += invoice.openCents
        }
        return amounts
    }

    static func receivables(_ reports: [DunningReport], on date: Day, language: PageLanguage) -> BarChart {
        let amounts = receivableAmounts(reports.map { ($0.dueDate, $0.openCents) }, on: date)
        let days = language.label("days")
        let bars = zip(ageBuckets, amounts).map { bucket, cents in
            BarChart.Bar(label: "\(bucket.label) \(days)", value: cents, display: PageFormat.money(cents, language))
        }
        return BarChart(
            title: language.label("receivablesTitle"),
            description: "\(language.label("receivablesDesc")) \(date).",
            xAxisLabel: language.label("receivablesX"), yAxisLabel: language.label("receivablesY"), bars: bars,
            tickFormat: { wholeEuros($0, language) })
    }

    /// The first days of the 12 months from the month of `date` on.
    static func months(from date: Day) -> [Day] {
        guard let first = Day(year: date.year, month: date.month, day: 1) else { return [] }
        return (0..<12).map { first.adding(months: $0) }
    }

    /// How many warranties end in each of the 12 months from the month of `date` (those ending
    /// before `date` have ended already and are not counted).
    static func expiryCounts(service: WarrantyService, ledger: LedgerDatabase, on date: Day) throws -> [(month: Day, count: Int)] {
        let starts = months(from: date)
        guard let last = starts.last?.adding(months: 1) else { return [] }
        let reports = try service.expiring(within: date.days(until: last) - 1, in: ledger, on: date)
        var counts = Array(repeating: 0, count: starts.count)
        for report in reports {
            guard let end = report.status.end,
                  let index = starts.firstIndex(where: { $0.year == end.year && $0.month == end.month }) else { continue }
            counts[index] += 1
        }
        return Array(zip(starts, counts))
    }

    static func warrantyExpiries(_ counts: [(month: Day, count: Int)], on date: Day, language: PageLanguage) -> BarChart {
        let bars = counts.map { entry in
            BarChart.Bar(label: monthLabel(entry.month, language), value: Int64(entry.count), display: String(entry.count))
        }
        return BarChart(
            title: language.label("warrantyChartTitle"),
            description: "\(language.label("warrantyChartDesc")) \(date).",
            xAxisLabel: language.label("warrantyChartX"), yAxisLabel: language.label("warrantyChartY"), bars: bars)
    }

    static let monthNames: [PageLanguage: [String]] = [
        .nl: ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
        .en: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    ]

    /// "nov '26".
    static func monthLabel(_ month: Day, _ language: PageLanguage) -> String {
        let names = monthNames[language] ?? []
        let name = names.indices.contains(month.month - 1) ? names[month.month - 1] : String(month.month)
        return "\(name) '\(String(format: "%02d", month.year % 100))"
    }

    /// A tick of the money axis in whole euros: "€ 12.000" (nl), "EUR 12,000" (en).
    static func wholeEuros(_ cents: Int64, _ language: PageLanguage) -> String {
        String(PageFormat.money((cents / 100) * 100, language).dropLast(3))
    }
}
