import Barcode
import TitleholdCore

/// The printable warranty sheet of one item (`titlehold warranty SERIAL --format html|text`):
/// the factory warranty status with the art. 18.1 line and where to claim, for the client or the
/// service desk. The layout is in `Resources/templates/warranty/sheet.{html,txt}.mustache`.
public enum WarrantySheet {
    /// A one-page A4 HTML sheet (inline CSS, Dutch and English labels) with the serial as a
    /// Code 128 barcode (ISO/IEC 15417), so a scanner at the manufacturer's desk reads it.
    /// A serial Code 128 set B cannot draw (not printable ASCII) is printed as text only.
    public static func html(_ status: WarrantyStatus, serial: String, client: String?, deliveredOn: Day,
                            on date: Day? = nil, templates: TemplateLibrary) throws(DocumentError) -> String {
        var context = values(status, serial: serial, client: client, deliveredOn: deliveredOn, on: date)
        if let svg = try? Code128.svg(serial, moduleWidth: 1.5, height: 50) {
            context["barcode"] = svg
        }
        return try templates.render(context, template: "warranty/sheet.html")
    }

    /// The same sheet as plain text (for the terminal or an e-mail).
    public static func text(_ status: WarrantyStatus, serial: String, client: String?, deliveredOn: Day,
                            on date: Day? = nil, templates: TemplateLibrary) throws(DocumentError) -> String {
        try templates.render(values(status, serial: serial, client: client, deliveredOn: deliveredOn, on: date),
                             template: "warranty/sheet.txt")
    }

    /// The template's values; absent keys are left out so `{{#key}}` sections can test them.
    static func values(_ status: WarrantyStatus, serial: String, client: String?, deliveredOn: Day, on date: Day?) -> [String: Any] {
        var context: [String: Any] = [
            "serial": serial,
            "deliveredOn": deliveredOn.description,
            "state": status.state.rawValue,
            "stateNL": dutchLabel(status.state),
            "stateEN": englishLabel(status.state),
            "reasons": status.reasons.filter { $0.article != "18.1" }.map { ["article": $0.article, "text": $0.text] },
            "article18_1": (status.reasons.first { $0.article == "18.1" } ?? WarrantyRule.article18_1(claimRoute: status.claimRoute)).text,
        ]
        context["hasReasons"] = status.reasons.contains { $0.article != "18.1" }
        if let client, !client.isEmpty { context["client"] = client }
        if let date { context["asOf"] = date.description }
        if let manufacturer = status.manufacturer { context["manufacturer"] = manufacturer }
        if let model = status.model { context["model"] = model }
        if let start = status.start { context["start"] = start.description }
        if let end = status.end { context["end"] = end.description }
        if let claim = status.claimRoute { context["claimRoute"] = claim }
        if let source = status.source { context["source"] = source }
        if let left = status.daysLeft {
            context["daysLeft"] = left >= 0
                ? "\(left) \(left == 1 ? "dag / day" : "dagen / days")"
                : "verlopen sinds \(-left) \(left == -1 ? "dag" : "dagen") / expired \(-left) \(left == -1 ? "day" : "days") ago"
        }
        return context
    }

    static func dutchLabel(_ state: WarrantyStatus.State) -> String {
        switch state {
        case .active: "Actief"
        case .expiring: "Loopt binnenkort af"
        case .expired: "Verlopen"
        case .unknown: "Onbekend"
        }
    }

    static func englishLabel(_ state: WarrantyStatus.State) -> String {
        switch state {
        case .active: "Active"
        case .expiring: "Expiring"
        case .expired: "Expired"
        case .unknown: "Unknown"
        }
    }
}
