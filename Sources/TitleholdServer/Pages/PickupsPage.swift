import Documents
import Hummingbird
import LedgerStore
import TitleholdApp
import TitleholdCore

/// The pickups calendar (issue 6, The pages): the planned and closed visits (art. 10.3) on a
/// three-week calendar from this week's Monday, each linking to its manifest (the one of
/// `titlehold pickups manifest`), a button that plans again (`titlehold pickups plan`) and the
/// visits as iCalendar for Outlook.
struct PickupsPage {
    let env: ServiceEnvironment
    let renderer: PageRenderer

    static let calendarDays = 21

    func response(page: PageRequest, outcome: PickupService.Outcome? = nil) throws -> Response {
        let today = env.today()
        let stored = try env.ledger.visits().sorted { ($0.visit.date, $0.visit.startMinute, $0.visit.id) < ($1.visit.date, $1.visit.startMinute, $1.visit.id) }
        let monday = today.adding(days: 1 - today.isoWeekday)
        let rows = stored.map { visitValues($0, page: page) }
        var weeks: [[String: Any]] = []
        for week in 0..<(Self.calendarDays / 7) {
            let days: [[String: Any]] = (0..<7).map { offset in
                let day = monday.adding(days: week * 7 + offset)
                let visits = zip(stored, rows).filter { $0.0.visit.date == day }.map(\.1)
                return ["date": day.description, "dayOfMonth": String(day.dayOfMonth), "isToday": day == today,
                        "isWeekend": day.isoWeekday >= 6, "visits": visits]
            }
            weeks.append(["days": days])
        }
        let weekdays = PageLanguage.weekdayNames[page.language] ?? []
        var values: [String: Any] = [
            "weekdays": weekdays, "weeks": weeks, "visits": rows, "hasVisits": !rows.isEmpty,
        ]
        if let outcome {
            values["planned"] = true
            values["changes"] = outcome.plan.changes.map { "\($0)" }
            values["hasChanges"] = !outcome.plan.changes.isEmpty
            values["needsNotice"] = outcome.plan.needsNotice.map { "\($0.clientName) (\($0.serials.count))" }
            values["unplaced"] = outcome.plan.unplaced.map(\.description)
        }
        return renderer.html("pickups", values, title: page.label("pickupsTitle"), page: page)
    }

    func visitValues(_ stored: StoredVisit, page: PageRequest) -> [String: Any] {
        let visit = stored.visit
        return [
            "id": visit.id,
            "date": visit.date.description,
            "time": visit.timeWindow,
            "client": visit.clientName,
            "address": visit.siteAddress,
            "technician": String(visit.technician),
            "itemCount": String(visit.items.count),
            "serials": visit.serials.joined(separator: ", "),
            "value": PageFormat.money(visit.valueAtRisk, page.language),
            "state": page.label(stored.state == .planned ? "statePlanned" : "stateClosed"),
            "isClosed": stored.state == .closed,
            "manifestHref": "/pickups/\(PageRenderer.percentEncoded(visit.id))/manifest",
        ]
    }

    /// Plans again from today for 14 days, as `titlehold pickups plan` does, recording the user.
    func plan(principal: Principal) throws -> PickupService.Outcome {
        try PickupService(rules: env.rules, scope: env.scope).plan(
            ledger: env.ledger, from: env.today(), days: 14,
            context: ChangeContext(command: "page pickups plan", actor: principal.actor))
    }

    /// The printable manifest of one visit (HTML, Dutch, with the serials as barcodes).
    func manifest(visit id: String) throws -> Response {
        let stored = try env.ledger.visit(id)
        let html = try PickupManifest(visit: stored.visit, contact: .init(name: stored.visit.clientName),
                                      supplierName: env.print.letters.supplier.name)
            .render(.html, with: env.print.templates)
        return PageRenderer.document(html)
    }
}

extension PageLanguage {
    /// Monday first (ISO 8601).
    static let weekdayNames: [PageLanguage: [String]] = [
        .nl: ["ma", "di", "wo", "do", "vr", "za", "zo"],
        .en: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    ]
}
