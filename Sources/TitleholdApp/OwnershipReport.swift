import LedgerStore
import TitleholdCore

/// The printed answer to "is this item still the supplier's?" for one item on one date:
/// the verdict of the ownership rule (art. 10.1) with its reasons, beside the item's facts and
/// who bears the risk (art. 11) — risk is not ownership, so both are shown.
public struct OwnershipReport: Sendable, Encodable, Equatable {
    public var serial: String
    public var gtin: String?
    public var name: String?
    public var owner: String
    public var clientOwnsSince: Day?
    public var at: Day
    public var scope: String
    public var client: String
    public var clientName: String?
    public var agreement: String
    public var deliveredOn: Day
    public var risk: Risk
    /// Where the item is: "client" (on the client's premises), or "supplier" once it was returned
    /// or repossessed — then it no longer counts among the client's items.
    public var heldBy: String
    /// The day it came back to the supplier (returned or repossessed), if it did.
    public var backSince: Day?
    public var reasons: [Reason]

    /// Art. 11.1–2: risk of loss, theft and damage passes to the client on delivery.
    public struct Risk: Sendable, Encodable, Equatable {
        public var bearer: String
        public var since: Day?
        public var article: String
        public var text: String
    }

    public struct Reason: Sendable, Encodable, Equatable {
        public var kind: String
        public var article: String
        public var invoice: String?
        public var outstandingCents: Int64?
        public var dueDate: Day?
        public var daysOverdue: Int?
        public var date: Day?
        public var text: String
    }

    public init(item: ItemRecord, verdict: OwnershipVerdict, at: Day, scope: OwnershipScope, events: [ItemEvent] = []) {
        let back = events.filter { ($0.kind == .returned || $0.kind == .repossessed) && $0.date <= at }.map(\.date).min()
        heldBy = back == nil ? "client" : "supplier"
        backSince = back
        serial = item.serial; gtin = item.gtin; name = item.name
        owner = verdict.owner.rawValue
        clientOwnsSince = verdict.clientOwnsSince
        self.at = at
        self.scope = scope.rawValue
        client = item.clientKey; clientName = item.clientName; agreement = item.agreement; deliveredOn = item.deliveredOn
        if item.deliveredOn <= at {
            let delivered = item.deliveredOn
            risk = Risk(bearer: "client", since: delivered, article: "11", text: TextBuilder.string { text in
                text.append("at the client's risk since delivery on "); text.append(delivered); text.append(" (art. 11)")
            })
        } else {
            risk = Risk(bearer: "supplier", since: nil, article: "11", text: "not delivered yet: at the supplier's risk (art. 11)")
        }
        reasons = verdict.reasons.map {
            Reason(kind: $0.kind.rawValue, article: $0.article, invoice: $0.invoiceNumber,
                   outstandingCents: $0.outstanding?.value, dueDate: $0.dueDate, daysOverdue: $0.daysOverdue,
                   date: $0.date, text: $0.text)
        }
    }

    /// Plain text for a person.
    public var text: String {
        var lines: [String] = []
        let what = [name, gtin.map { "GTIN \($0)" }].compactMap { $0 }.joined(separator: ", ")
        lines.append("\(serial)\(what.isEmpty ? "" : " (\(what))")")
        if owner == "supplier" {
            lines.append("  owner on \(at): the SUPPLIER (retention of title, art. 10.1)")
        } else {
            lines.append("  owner on \(at): the CLIENT\(clientOwnsSince.map { " since \($0)" } ?? "")")
        }
        lines.append("  client: \(client)\(clientName.map { " (\($0))" } ?? ""), agreement \(agreement), delivered \(deliveredOn)")
        lines.append("  risk: \(risk.text)")
        if let backSince { lines.append("  back with the supplier since \(backSince) (returned or repossessed)") }
        lines.append("  because (scope: \(scope)):")
        for reason in reasons { lines.append("  - \(reason.text) [art. \(reason.article)]") }
        return lines.joined(separator: "\n")
    }
}

/// Looks items up and asks the ownership rule about them.
public struct OwnershipService: Sendable {
    public var ledger: LedgerDatabase
    public var scope: OwnershipScope

    public init(ledger: LedgerDatabase, scope: OwnershipScope) {
        self.ledger = ledger; self.scope = scope
    }

    /// The report for `serial` on `date`; an unknown or ambiguous serial is an error.
    ///
    /// Under scope `client` the client's other items are not decoded when the store gives its
    /// claim coverage instead (`LedgerDatabase.ownershipLookup`): the same verdict.
    public func report(serial: String, gtin: String? = nil, on date: Day) throws -> OwnershipReport {
        var found: OwnershipLookup
        if scope == .client {
            found = try ledger.ownershipLookup(serial: serial, gtin: gtin, on: date)
        } else {
            let (items, clientLedger) = try ledger.lookup(serial: serial, gtin: gtin)
            found = OwnershipLookup(items: items, ledger: clientLedger)
        }
        guard !found.items.isEmpty else {
            throw LedgerError("no item with serial '\(serial)'\(gtin.map { " and GTIN \($0)" } ?? "") in the ledger")
        }
        guard found.items.count == 1, found.ledger != nil else {
            throw LedgerError("serial '\(serial)' is carried by \(found.items.count) items (GTINs \(found.items.compactMap(\.gtin).joined(separator: ", "))): name one with --gtin")
        }
        // Moved out of the look-up, not copied: a copy took a reference count for each string
        // and list, and gave it back when the look-up ended (issue 2, Speed).
        let item = found.items.removeLast()
        let clientLedger = found.ledger.take()!
        if let coverage = found.coverage.take(), let history = found.history.take(),
           let position = clientLedger.items.firstIndex(where: { $0.id == item.id }) {
            let serials = found.serials
            let verdict = OwnershipRule(scope: scope).verdict(for: clientLedger.items[position], in: clientLedger, coverage: coverage,
                                                              history: history, deliveries: found.deliveries,
                                                              serial: { serials?.serial(at: $0) ?? "" }, on: date)
            return OwnershipReport(item: item, verdict: verdict, at: date, scope: scope, events: clientLedger.items[position].events)
        }
        return report(item: item, clientLedger: clientLedger, on: date)
    }

    func report(item: ItemRecord, clientLedger: ClientLedger, on date: Day) -> OwnershipReport {
        let delivered = clientLedger.items.first { $0.id == item.id }
            ?? ClientLedger.DeliveredItem(id: item.id, serial: item.serial, agreementID: item.agreementID,
                                          deliveredOn: item.deliveredOn, invoiceIDs: [])
        let verdict = OwnershipRule(scope: scope).verdict(for: delivered, in: clientLedger, on: date)
        return OwnershipReport(item: item, verdict: verdict, at: date, scope: scope, events: delivered.events)
    }

    /// Reports for all items (or one client's), optionally only those with the given owner.
    public func reports(client: String?, owner: OwnershipVerdict.Owner?, on date: Day) throws -> [OwnershipReport] {
        let items = try ledger.items(client: client)
        var ledgers: [Int64: ClientLedger] = [:]
        var result: [OwnershipReport] = []
        for item in items {
            let clientLedger: ClientLedger
            if let cached = ledgers[item.clientID] { clientLedger = cached } else {
                clientLedger = try ledger.clientLedger(clientID: item.clientID)
                ledgers[item.clientID] = clientLedger
            }
            let report = report(item: item, clientLedger: clientLedger, on: date)
            if let owner, report.owner != owner.rawValue { continue }
            result.append(report)
        }
        return result
    }
}

// MARK: JSON without `Encodable` (issue 6, Speed: the look-up endpoint's answer)

/// The same bytes as the synthesized `Encodable` conformance through `CompactJSONEncoder` (nil
/// members left out), keys in sorted order; `OwnershipReportJSONTests` compares the two with
/// Foundation's `JSONEncoder`.
extension OwnershipReport: JSONWritable {
    public func writeJSON(to json: inout JSONWriter) {
        json.beginObject()
        json.key("agreement"); json.string(agreement)
        json.key("at"); json.day(at)
        json.member("back_since", ifPresent: backSince) { $0.day($1) }
        json.key("client"); json.string(client)
        json.member("client_name", ifPresent: clientName) { $0.string($1) }
        json.member("client_owns_since", ifPresent: clientOwnsSince) { $0.day($1) }
        json.key("delivered_on"); json.day(deliveredOn)
        json.member("gtin", ifPresent: gtin) { $0.string($1) }
        json.key("held_by"); json.string(heldBy)
        json.member("name", ifPresent: name) { $0.string($1) }
        json.key("owner"); json.string(owner)
        json.key("reasons"); json.beginArray()
        for reason in reasons { reason.writeJSON(to: &json) }
        json.endArray()
        json.key("risk"); risk.writeJSON(to: &json)
        json.key("scope"); json.string(scope)
        json.key("serial"); json.string(serial)
        json.endObject()
    }
}

extension OwnershipReport.Risk {
    func writeJSON(to json: inout JSONWriter) {
        json.beginObject()
        json.key("article"); json.string(article)
        json.key("bearer"); json.string(bearer)
        json.member("since", ifPresent: since) { $0.day($1) }
        json.key("text"); json.string(text)
        json.endObject()
    }
}

extension OwnershipReport.Reason {
    func writeJSON(to json: inout JSONWriter) {
        json.beginObject()
        json.key("article"); json.string(article)
        json.member("date", ifPresent: date) { $0.day($1) }
        json.member("days_overdue", ifPresent: daysOverdue) { $0.integer($1) }
        json.member("due_date", ifPresent: dueDate) { $0.day($1) }
        json.member("invoice", ifPresent: invoice) { $0.string($1) }
        json.key("kind"); json.string(kind)
        json.member("outstanding_cents", ifPresent: outstandingCents) { $0.integer($1) }
        json.key("text"); json.string(text)
        json.endObject()
    }
}
