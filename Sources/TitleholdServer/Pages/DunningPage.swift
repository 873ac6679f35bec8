import Hummingbird
import TitleholdApp
import TitleholdCore

/// The dunning list (issue 6, The pages): the letters that may go out today first, then every
/// open invoice with its step in the timeline of art. 13.4, the interest (art. 6:119/6:119a BW)
/// and collection costs (art. 6:96 BW) — `titlehold dunning` as a page — and the receivables by
/// days past due as a chart.
struct DunningPage {
    let env: ServiceEnvironment
    let renderer: PageRenderer

    func reports(on date: Day) throws -> [DunningReport] {
        try DunningService(rules: env.rules).openInvoices(in: env.ledger.clientFiles(), on: date).map(DunningReport.init)
    }

    func response(page: PageRequest) throws -> Response {
        let today = env.today()
        let language = page.language
        let reports = try reports(on: today)
        let rows = reports.map { row($0, today: today, page: page) }
        let due = zip(reports, rows).filter { $0.0.mayTakeNextStep && $0.0.nextStep != nil }.map(\.1)
        let chart = PageCharts.receivables(reports, on: today, language: language).svg(id: "receivables")
        let values: [String: Any] = [
            "rows": rows, "hasRows": !rows.isEmpty,
            "due": due, "hasDue": !due.isEmpty,
            "chart": chart,
        ]
        return renderer.html("dunning", values, title: page.label("dunningTitle"), page: page)
    }

    func row(_ report: DunningReport, today: Day, page: PageRequest) -> [String: Any] {
        let language = page.language
        var row: [String: Any] = [
            "invoice": report.invoice,
            "client": PageFormat.client(key: report.client, name: report.clientName),
            "due": report.dueDate.description,
            "daysPastDue": String(max(0, report.dueDate.days(until: today))),
            "open": PageFormat.money(report.openCents, language),
            "interest": PageFormat.money(report.interestCents, language),
            "costs": PageFormat.money(report.costsCents, language),
            "total": PageFormat.money(report.totalCents, language),
            "step": page.label("step" + Self.capitalised(report.step)),
            "stepCode": report.step,
            "mayTakeNextStep": report.mayTakeNextStep,
            "reasons": report.reasons.map { ["text": $0.text, "article": $0.article] },
        ]
        if let next = report.nextStep {
            row["nextStep"] = page.label("next" + Self.capitalised(next))
            row["nextStepCode"] = next
        }
        if let on = report.nextStepOn { row["nextStepOn"] = on.description }
        return row
    }

    /// `reminder1_sent` -> `Reminder1_sent`, the label key's tail.
    static func capitalised(_ code: String) -> String { code.prefix(1).uppercased() + code.dropFirst() }
}
