import Hummingbird
import TitleholdApp
import TitleholdCore

/// The flags board (issue 6, The pages): the items eligible for repossession (art. 10.3) grouped
/// by client, with why, and what blocks their pickup (art. 63a/241a/376 Fw, 22bis Iw) — the
/// page of `titlehold flags`.
struct FlagsPage {
    let env: ServiceEnvironment
    let renderer: PageRenderer

    func response(page: PageRequest) throws -> Response {
        let today = env.today()
        let reports = try FlagService(rules: env.rules, scope: env.scope).flags(in: env.ledger, on: today).map(FlagReport.init)
        var clients: [(key: String, reports: [FlagReport])] = []
        for report in reports {
            if let last = clients.indices.last, clients[last].key == report.client { clients[last].reports.append(report) } else {
                clients.append((report.client, [report]))
            }
        }
        let groups: [[String: Any]] = clients.map { group in
            var seen = Set<String>()
            let reasons = group.reports.flatMap(\.reasons).filter { seen.insert($0.text).inserted }
            return [
                "client": PageFormat.client(key: group.key, name: group.reports.first?.clientName),
                "count": String(group.reports.count),
                "reasons": reasons.map { ["text": $0.text, "article": $0.article] },
                "items": group.reports.map { report -> [String: Any] in
                    var item: [String: Any] = [
                        "serial": report.serial,
                        "href": "/items/\(PageRenderer.percentEncoded(report.serial))",
                        "mayPickUp": report.mayPickUp,
                        "blocks": report.blocks.map { ["text": $0.text, "article": $0.article] },
                        "breaches": report.breaches.map { ["text": $0.text, "article": $0.article] },
                    ]
                    if let until = report.blockedUntil { item["blockedUntil"] = until.description }
                    return item
                },
            ]
        }
        let values: [String: Any] = ["clients": groups, "hasClients": !groups.isEmpty]
        return renderer.html("flags", values, title: page.label("flagsTitle"), page: page)
    }
}
