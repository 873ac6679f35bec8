import GRDB
import TitleholdCore

/// A delivered item as listed and looked up.
public struct ItemRecord: Sendable, Equatable {
    public var id: Int64
    public var serial: String
    public var gtin: String?
    public var name: String?
    public var rawScan: String?
    public var deliveredOn: Day
    public var clientID: Int64
    public var clientKey: String
    public var clientName: String?
    public var agreementID: Int64
    public var agreement: String
}

/// An invoice or credit note as listed.
public struct DocumentRecord: Sendable, Equatable {
    public var id: Int64
    public var kind: String
    public var number: String
    public var clientKey: String
    public var issueDate: Day
    public var dueDate: Day
    public var payable: Cents
}

/// A payment that matched no client or invoice.
public struct UnmatchedPayment: Sendable, Equatable {
    public var id: Int64
    public var bookingDate: Day
    public var amount: Cents
    public var debtorName: String?
    public var debtorIBAN: String?
    public var remittance: String?
    public var fileName: String
}

extension LedgerDatabase {
    static let itemColumns = """
        item.id, item.serial, item.gtin, item.name, item.raw_scan, item.delivered_on, item.client_id, client.key,
        client.name AS client_name, item.agreement_id, agreement.reference
        """

    static func itemRecord(_ row: Row) -> ItemRecord {
        let gtin: String = row["gtin"]
        return ItemRecord(id: row["id"], serial: row["serial"], gtin: gtin.isEmpty ? nil : gtin, name: row["name"],
                          rawScan: row["raw_scan"], deliveredOn: Day(iso: row["delivered_on"] as String) ?? Day(ordinal: 0),
                          clientID: row["client_id"], clientKey: row["key"], clientName: row["client_name"],
                          agreementID: row["agreement_id"], agreement: row["reference"])
    }

    /// The items carrying `serial` (normalised); more than one only when different GTINs share a serial.
    public func items(serial: String) throws -> [ItemRecord] {
        try writer.read { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT \(Self.itemColumns) FROM item JOIN client ON client.id = item.client_id
                JOIN agreement ON agreement.id = item.agreement_id WHERE item.serial = ?
                """), arguments: [Delivery.normalise(serial: serial)]).map(Self.itemRecord)
        }
    }

    /// The items carrying `serial` and, when exactly one does, its client's ledger slice — read in
    /// one read transaction, so the answer is consistent and the look-up is one round trip.
    public func lookup(serial: String, gtin: String? = nil) throws -> (items: [ItemRecord], ledger: ClientLedger?) {
        try writer.read { db in
            var items = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT \(Self.itemColumns) FROM item JOIN client ON client.id = item.client_id
                JOIN agreement ON agreement.id = item.agreement_id WHERE item.serial = ?
                """), arguments: [Delivery.normalise(serial: serial)]).map(Self.itemRecord)
            if let gtin, let wanted = normaliseGTIN(gtin) { items = items.filter { $0.gtin == wanted } }
            guard items.count == 1 else { return (items, nil) }
            return (items, try Self.clientLedger(clientID: items[0].clientID, in: db))
        }
    }

    /// All items, or one client's, in delivery order.
    public func items(client: String?) throws -> [ItemRecord] {
        try writer.read { db in
            var sql = "SELECT \(Self.itemColumns) FROM item JOIN client ON client.id = item.client_id JOIN agreement ON agreement.id = item.agreement_id"
            var args: StatementArguments = []
            if let client {
                guard let id = try Self.findClient(client, in: db) else { throw LedgerError("no client '\(client)' in the ledger") }
                sql += " WHERE item.client_id = ?"; args += [id]
            }
            sql += " ORDER BY item.client_id, item.delivered_on, item.id"
            return try Row.fetchAll(db, sql: sql, arguments: args).map(Self.itemRecord)
        }
    }

    /// The slice of the ledger the rules need for one client.
    public func clientLedger(clientID: Int64) throws -> ClientLedger {
        try writer.read { db in try Self.clientLedger(clientID: clientID, in: db) }
    }

    static func clientLedger(clientID: Int64, in db: Database) throws -> ClientLedger {
        let kindText = try String.fetchOne(db.cachedStatement(sql: "SELECT kind FROM client WHERE id = ?"), arguments: [clientID]) ?? "business"
        // An invoice is a goods invoice when its agreement is of kind goods (set by hand, or
        // inferred: it has delivered items or lines with a GTIN or serial), or, without an
        // agreement, when its own lines bill goods (art. 10.1; rules.md, Ownership).
        let documents = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT d.id, d.kind, d.number, d.agreement_id, d.issue_date, d.due_date, d.payable_cents, d.payment_id,
                   d.credited_number,
                   CASE
                     WHEN a.kind_override IS NOT NULL THEN a.kind_override = 'goods'
                     WHEN d.agreement_id IS NOT NULL THEN
                       EXISTS (SELECT 1 FROM item WHERE item.agreement_id = d.agreement_id)
                       OR EXISTS (SELECT 1 FROM document d2 WHERE d2.agreement_id = d.agreement_id AND d2.bills_goods)
                     ELSE d.bills_goods OR EXISTS (SELECT 1 FROM item_link k WHERE k.document_id = d.id)
                   END AS is_goods
            FROM document d LEFT JOIN agreement a ON a.id = d.agreement_id
            WHERE d.client_id = ?
            """), arguments: [clientID])
        var invoices: [ClientLedger.Invoice] = []
        var invoiceByNumber: [String: Int64] = [:]
        var creditRows: [Row] = []
        for row in documents {
            if (row["kind"] as String) == "credit_note" { creditRows.append(row); continue }
            let invoice = ClientLedger.Invoice(
                id: row["id"], number: row["number"], agreementID: row["agreement_id"], isGoods: row["is_goods"],
                issueDate: Day(iso: row["issue_date"] as String) ?? Day(ordinal: 0),
                dueDate: Day(iso: row["due_date"] as String) ?? Day(ordinal: 0),
                payable: Cents(row["payable_cents"] as Int64), paymentID: row["payment_id"])
            invoices.append(invoice)
            invoiceByNumber[invoice.number] = invoice.id
        }
        var creditNotes: [ClientLedger.CreditNote] = []
        for row in creditRows {
            let credited: String? = row["credited_number"]
            var invoiceID = credited.flatMap { invoiceByNumber[$0] }
            if invoiceID == nil, let credited {
                // A credit note may name an invoice of the same buyer recorded under another client record.
                invoiceID = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM document WHERE kind = 'invoice' AND number = ? AND client_id = ?"),
                                               arguments: [credited, clientID])
            }
            creditNotes.append(ClientLedger.CreditNote(
                number: row["number"], issueDate: Day(iso: row["issue_date"] as String) ?? Day(ordinal: 0),
                amount: Cents(row["payable_cents"] as Int64), invoiceID: invoiceID))
        }
        let payments = try Row.fetchAll(db.cachedStatement(sql: "SELECT id, booking_date, amount_cents, invoice_id FROM payment WHERE client_id = ?"),
                                        arguments: [clientID]).map { row in
            ClientLedger.Payment(id: row["id"], bookingDate: Day(iso: row["booking_date"] as String) ?? Day(ordinal: 0),
                                 amount: Cents(row["amount_cents"] as Int64), invoiceID: row["invoice_id"])
        }
        var links: [Int64: [Int64]] = [:]
        for row in try Row.fetchAll(db.cachedStatement(sql: """
            SELECT item_link.item_id, item_link.document_id FROM item_link JOIN item ON item.id = item_link.item_id
            WHERE item.client_id = ?
            """), arguments: [clientID]) {
            links[row["item_id"], default: []].append(row["document_id"])
        }
        var events: [Int64: [ItemEvent]] = [:]
        for row in try Row.fetchAll(db.cachedStatement(sql: """
            SELECT item_event.item_id, item_event.kind, item_event.date, item_event.note FROM item_event
            JOIN item ON item.id = item_event.item_id WHERE item.client_id = ?
            """), arguments: [clientID]) {
            guard let kind = ItemEvent.Kind(rawValue: row["kind"]), let date = Day(iso: row["date"] as String) else { continue }
            events[row["item_id"], default: []].append(ItemEvent(kind: kind, date: date, note: row["note"]))
        }
        let items = try Row.fetchAll(db.cachedStatement(sql: "SELECT id, serial, agreement_id, delivered_on FROM item WHERE client_id = ?"),
                                     arguments: [clientID]).map { row -> ClientLedger.DeliveredItem in
            let id: Int64 = row["id"]
            return ClientLedger.DeliveredItem(
                id: id, serial: row["serial"], agreementID: row["agreement_id"],
                deliveredOn: Day(iso: row["delivered_on"] as String) ?? Day(ordinal: 0),
                invoiceIDs: links[id] ?? [], events: events[id] ?? [])
        }
        return ClientLedger(clientKind: ClientKind(rawValue: kindText) ?? .business, invoices: invoices,
                            creditNotes: creditNotes, payments: payments, items: items)
    }

    /// Payments kept because they matched no client (`titlehold payments unmatched`).
    public func unmatchedPayments() throws -> [UnmatchedPayment] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM payment WHERE client_id IS NULL ORDER BY booking_date, id").map { row in
                UnmatchedPayment(id: row["id"], bookingDate: Day(iso: row["booking_date"] as String) ?? Day(ordinal: 0),
                                 amount: Cents(row["amount_cents"] as Int64), debtorName: row["debtor_name"],
                                 debtorIBAN: row["debtor_iban"], remittance: row["remittance"], fileName: row["file_name"])
            }
        }
    }

    /// The invoice numbers keyed by document id, for the given ids (to print reasons).
    public func clientKey(id: Int64) throws -> String? {
        try writer.read { db in try String.fetchOne(db, sql: "SELECT key FROM client WHERE id = ?", arguments: [id]) }
    }
}
