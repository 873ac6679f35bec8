import Barcode
import TitleholdCore

/// The printable list a technician takes to a pickup visit (issue "Planning",
/// `titlehold pickups manifest VISIT`): client, contact, address, day and time window, every serial
/// with its description and a Code 128 barcode to scan at the door, and the access clause of
/// art. 10.3 of the terms, quoted in the Dutch of the terms because it is shown to the client.
///
/// Text is Dutch, like the letters the client receives. Templates: `pickups/manifest.html` and
/// `pickups/manifest.txt` under `Resources/templates/`.
public struct PickupManifest: Sendable {
    /// The client's contact for the visit; any part may be unknown.
    public struct Contact: Sendable, Hashable {
        public var name: String?
        public var phone: String?
        public var email: String?

        public init(name: String? = nil, phone: String? = nil, email: String? = nil) {
            self.name = name; self.phone = phone; self.email = email
        }
    }

    /// The output format.
    public enum Format: String, Sendable, CaseIterable {
        case text
        case html

        /// The template's name in the `TemplateLibrary`.
        public var templateName: String { self == .html ? "pickups/manifest.html" : "pickups/manifest.txt" }
    }

    /// Art. 10.3 of the supplier's general terms, word for word: the right to take back the goods and
    /// the client's duty to give free access to its premises.
    public static let accessClause =
        "Wij zijn gerechtig om goederen die onder eigendomsvoorbehoud zijn geleverd en nog bij de klant aanwezig zijn "
        + "terug te nemen indien de klant in gebreke is met de nakoming van zijn verplichtingen of in "
        + "betalingsmoeilijkheden verkeert of dreigt te gaan verkeren. De klant zal ons te allen tijde vrije toegang "
        + "verlenen tot zijn terreinen en/of gebouwen ter inspectie van de goederen en/of ter uitvoering van haar rechten."

    public var visit: PlannedVisit
    public var contact: Contact
    /// The supplier's name for the heading; `nil` leaves it out.
    public var supplierName: String?
    /// The client's number as the supplier knows it (KvK or debtor number); the ledger's internal id
    /// when not given.
    public var clientNumber: String?

    public init(visit: PlannedVisit, contact: Contact = Contact(), supplierName: String? = nil, clientNumber: String? = nil) {
        self.visit = visit; self.contact = contact; self.supplierName = supplierName; self.clientNumber = clientNumber
    }

    /// Renders the manifest with the templates in `library`.
    public func render(_ format: Format, with library: TemplateLibrary) throws(DocumentError) -> String {
        try library.render(context(), template: format.templateName)
    }

    /// The Mustache context: preformatted strings, `has…` flags for optional parts, and per item the
    /// barcode as SVG (for `{{{barcodeSVG}}}`), or why it has none.
    public func context() -> [String: Any] {
        var context: [String: Any] = [
            "visitID": visit.id,
            "clientName": visit.clientName,
            "clientID": clientNumber ?? String(visit.clientID),
            "siteAddress": visit.siteAddress,
            "date": Self.dutchDate(visit.date),
            "isoDate": visit.date.description,
            "timeWindow": visit.timeWindow,
            "start": visit.startISO8601,
            "end": visit.endISO8601,
            "technician": String(visit.technician),
            "itemCount": String(visit.items.count),
            "valueAtRisk": Self.euro(visit.valueAtRisk),
            "accessClause": Self.accessClause,
            "visitBarcodeSVG": (try? Code128.svg(visit.id, moduleWidth: 1.5, height: 40)) ?? "",
        ]
        func optional(_ key: String, _ value: String?) {
            let present = value.map { !$0.isEmpty } ?? false
            context["has" + key.prefix(1).uppercased() + key.dropFirst()] = present
            if present, let value { context[key] = value }
        }
        optional("supplierName", supplierName)
        optional("contactName", contact.name)
        optional("contactPhone", contact.phone)
        optional("contactEmail", contact.email)
        context["hasContact"] = [contact.name, contact.phone, contact.email].contains { !($0 ?? "").isEmpty }
        context["items"] = visit.items.enumerated().map { index, item -> [String: Any] in
            var entry: [String: Any] = [
                "number": String(index + 1), "serial": item.serial, "description": item.description,
                "value": Self.euro(item.value),
            ]
            do {
                entry["barcodeSVG"] = try Code128.svg(item.serial)
                entry["hasBarcode"] = true
            } catch {
                entry["hasBarcode"] = false
                entry["barcodeProblem"] = "geen streepjescode: \(error)"
            }
            return entry
        }
        return context
    }

    // MARK: Dutch formatting (the manifest is shown to the client)

    private static let weekdays = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
    private static let months = [
        "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
        "november", "december",
    ]

    /// `maandag 30 maart 2026`.
    static func dutchDate(_ day: Day) -> String {
        "\(weekdays[day.isoWeekday - 1]) \(day.dayOfMonth) \(months[day.month - 1]) \(day.year)"
    }

    /// `€ 1.234,50`, the Dutch way of writing euro amounts.
    static func euro(_ amount: Cents) -> String {
        let magnitude = amount.value.magnitude
        var whole = String(magnitude / 100)
        var groups: [String] = []
        while whole.count > 3 {
            groups.insert(String(whole.suffix(3)), at: 0)
            whole.removeLast(3)
        }
        groups.insert(whole, at: 0)
        let cents = magnitude % 100
        return "€ \(amount.value < 0 ? "-" : "")\(groups.joined(separator: ".")),\(cents < 10 ? "0" : "")\(cents)"
    }
}
