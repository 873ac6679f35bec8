import Barcode
import Documents
import Foundation
import Hummingbird
import LedgerStore
import TitleholdApp
import TitleholdCore

/// The look-up page (issue 6, The pages): one field for a typed or scanned serial, then the
/// item's owner with the reasons (art. 10.1), its factory warranty (art. 18), the client, the
/// invoices its price is on, and its history; a button prints the warranty sheet. The same
/// services as `titlehold owned` and `titlehold warranty` answer.
struct LookupPage {
    let env: ServiceEnvironment
    let renderer: PageRenderer

    func response(input: String?, gtin: String?, page: PageRequest) throws -> Response {
        let text = (input ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var values: [String: Any] = ["query": text]
        let title = page.label("lookupTitle")
        guard !text.isEmpty else {
            values["home"] = true
            return renderer.html("lookup", values, title: title, page: page)
        }
        let wanted = try Self.resolve(text, gtin: gtin, in: env.ledger)
        let items = try env.ledger.items(serial: wanted.serial)
        let matching = wanted.gtin.map { g in items.filter { $0.gtin == g } }.flatMap { $0.isEmpty ? nil : $0 } ?? items
        guard let item = matching.first else {
            values["notFound"] = wanted.serial
            return renderer.html("lookup", values, title: title, page: page, status: .notFound)
        }
        guard matching.count == 1 else {
            values["hasChoices"] = true
            values["choices"] = matching.map { item in
                ["serial": item.serial, "gtin": item.gtin ?? "", "name": item.name ?? "",
                 "href": renderer.link("/items/\(PageRenderer.percentEncoded(item.serial))", [("gtin", item.gtin ?? "")])]
            }
            return renderer.html("lookup", values, title: title, page: page)
        }
        values["item"] = try details(of: item, page: page)
        return renderer.html("lookup", values, title: "\(item.serial) – \(title)", page: page)
    }

    /// The printable warranty sheet of one item (the same sheet as `titlehold warranty SERIAL --format html`).
    func warrantySheet(serial: String, gtin: String?) throws -> Response {
        let item = try Self.single(serial: serial, gtin: gtin, in: env.ledger)
        let today = env.today()
        let report = env.warranty.report(item: item, override: try env.ledger.recordedWarranties()[item.id], on: today)
        let html = try WarrantySheet.html(report.status, serial: report.serial, client: report.clientName ?? report.client,
                                          deliveredOn: report.deliveredOn, on: today, templates: env.print.templates)
        return PageRenderer.document(html)
    }

    /// The typed text as a serial when the ledger knows it; else what a scanned barcode says
    /// (GS1 (01)+(21), a vendor label, …: `Barcode.interpret`, the reading intake uses).
    static func resolve(_ text: String, gtin: String?, in ledger: LedgerDatabase) throws -> (serial: String, gtin: String?) {
        let typed = Delivery.normalise(serial: text)
        if try !ledger.items(serial: typed).isEmpty { return (typed, gtin) }
        let scan = Barcode.interpret(text)
        if let serial = scan.serial, !serial.isEmpty { return (Delivery.normalise(serial: serial), gtin ?? scan.gtin) }
        return (typed, gtin)
    }

    static func single(serial: String, gtin: String?, in ledger: LedgerDatabase) throws -> ItemRecord {
        let items = try ledger.items(serial: Delivery.normalise(serial: serial)).filter { gtin == nil || $0.gtin == gtin }
        guard let item = items.first else { throw LedgerError("no item with serial '\(serial)' in the ledger") }
        guard items.count == 1 else {
            throw LedgerError("serial '\(serial)' is carried by \(items.count) items: add ?gtin= with one of \(items.compactMap(\.gtin).joined(separator: ", "))")
        }
        return item
    }

    // MARK: The item's block

    func details(of item: ItemRecord, page: PageRequest) throws -> [String: Any] {
        let today = env.today()
        let language = page.language
        let ownership = try OwnershipService(ledger: env.ledger, scope: env.scope).report(serial: item.serial, gtin: item.gtin, on: today)
        let override = try env.ledger.recordedWarranties()[item.id]
        let warranty = env.warranty.report(item: item, override: override, on: today)
        let clientLedger = try env.ledger.lookup(serial: item.serial, gtin: item.gtin).ledger
        let delivered = clientLedger?.items.first { $0.id == item.id }

        var values: [String: Any] = [
            "serial": item.serial,
            "gtin": item.gtin ?? "",
            "name": item.name ?? "",
            "client": PageFormat.client(key: item.clientKey, name: item.clientName),
            "agreement": item.agreement,
            "deliveredOn": item.deliveredOn.description,
            "ownerIsSupplier": ownership.owner == "supplier",
            "owner": ownership.owner,
            "ownerLabel": page.label(ownership.owner == "supplier" ? "ownerSupplier" : "ownerClient"),
            "reasons": ownership.reasons.map { ["text": $0.text, "article": $0.article] },
            "risk": ownership.risk.text,
            "sheetHref": renderer.link("/items/\(PageRenderer.percentEncoded(item.serial))/warranty-sheet",
                                       item.gtin.map { [("gtin", $0)] } ?? []),
        ]
        if let since = ownership.clientOwnsSince { values["ownerSince"] = since.description }
        if let back = ownership.backSince { values["backSince"] = back.description }
        values["warranty"] = warrantyValues(warranty.status, page: page)

        // Invoices the item's price is on, with what is still open today.
        var history: [(day: Day, order: Int, text: String, note: String)] = [
            (item.deliveredOn, 0, page.label("evDelivered") + " " + item.agreement, "")]
        if let clientLedger, let delivered {
            let allocation = PaymentAllocation(clientLedger, asOf: today)
            let invoices = clientLedger.invoices.filter { delivered.invoiceIDs.contains($0.id) }
                .sorted { ($0.issueDate, $0.number) < ($1.issueDate, $1.number) }
            values["hasInvoices"] = !invoices.isEmpty
            values["invoices"] = invoices.map { invoice -> [String: Any] in
                let open = allocation.balance(of: invoice.id)?.outstanding ?? invoice.payable
                return ["number": invoice.number, "issued": invoice.issueDate.description, "due": invoice.dueDate.description,
                        "amount": PageFormat.money(invoice.payable, language), "open": PageFormat.money(open, language),
                        "isPaid": open == .zero, "isOverdue": open > .zero && invoice.dueDate < today]
            }
            for invoice in invoices where invoice.issueDate <= today {
                history.append((invoice.issueDate, 1, page.label("evInvoiced") + " " + invoice.number, ""))
                for letter in clientLedger.letters[invoice.id] ?? [] where letter.sentOn <= today {
                    history.append((letter.sentOn, 2, page.label("evLetter") + ": " + page.label(Self.letterKey(letter.kind)) + " (" + invoice.number + ")", ""))
                }
            }
            for event in delivered.events where event.date <= today {
                history.append((event.date, 3, page.label(Self.eventKey(event.kind)), event.note ?? ""))
            }
        }
        if let override, override.recordedOn <= today {
            history.append((override.recordedOn, 4, page.label("evWarranty"), override.source))
        }
        values["history"] = history.sorted { ($0.day, $0.order) < ($1.day, $1.order) }.map {
            PageRenderer.dropEmpty(["date": $0.day.description, "text": $0.text, "note": $0.note])
        }
        return PageRenderer.dropEmpty(values)
    }

    func warrantyValues(_ status: WarrantyStatus, page: PageRequest) -> [String: Any] {
        var values: [String: Any] = [
            "state": status.state.rawValue,
            "stateLabel": page.label(Self.warrantyKey(status.state)),
            "stateClass": ["active": "ok", "expiring": "warn", "expired": "bad"][status.state.rawValue] ?? "",
            "reasons": status.reasons.map { ["text": $0.text, "article": $0.article] },
        ]
        if let manufacturer = status.manufacturer { values["manufacturer"] = manufacturer + (status.model.map { ", \($0)" } ?? "") }
        if let start = status.start { values["start"] = start.description }
        values["end"] = status.end?.description ?? page.label("lifetime")
        if let left = status.daysLeft { values["daysLeft"] = String(left) }
        if let route = status.claimRoute { values["claimRoute"] = route }
        return values
    }

    static func warrantyKey(_ state: WarrantyStatus.State) -> String {
        switch state {
        case .active: "warrantyActive"
        case .expiring: "warrantyExpiring"
        case .expired: "warrantyExpired"
        case .unknown: "warrantyUnknown"
        }
    }

    static func letterKey(_ kind: DunningLetter.Kind) -> String {
        switch kind {
        case .reminder1: "nextReminder1"
        case .reminder2: "nextReminder2"
        case .noticeOfDefault: "nextNotice_of_default"
        case .handedToCollections: "nextCollections"
        }
    }

    static func eventKey(_ kind: ItemEvent.Kind) -> String {
        switch kind {
        case .returned: "evReturned"
        case .repossessed: "evRepossessed"
        case .incorporated: "evIncorporated"
        case .resold: "evResold"
        case .pledged: "evPledged"
        case .waived: "evWaived"
        }
    }
}
