import GRDB
import TitleholdCore

/// Everything the rules need about one client: who it is, its ledger slice, and its standing
/// (status history, tax notices). `dunning` and `flags` evaluate the rules over many of these.
public struct ClientFile: Sendable {
    public var id: Int64
    public var key: String
    public var name: String?
    public var address: String?
    public var ledger: ClientLedger
    public var standing: ClientStanding

    /// The client as printed: its key, and its name when known.
    public var label: String { name.map { "\(key) (\($0))" } ?? key }
}

extension LedgerDatabase {
    /// The files of the given clients (all clients when `ids` is nil), read in one read transaction.
    /// A few clients are read with the per-client statements `owned` uses; many with one scan of
    /// each table, grouped by client — the same result, in far fewer round trips.
    public func clientFiles(ids: [Int64]? = nil) throws -> [ClientFile] {
        try writer.read { db in
            if let ids, ids.count <= 64 {
                return try ids.compactMap { id in
                    guard let row = try Row.fetchOne(db, sql: "SELECT id, key, name, kind, address FROM client WHERE id = ?",
                                                     arguments: [id]) else { return nil }
                    let kind = ClientKind(rawValue: row["kind"] as String) ?? .business
                    return ClientFile(id: id, key: row["key"], name: row["name"], address: row["address"],
                                      ledger: try Self.clientLedger(clientID: id, kind: kind, in: db),
                                      standing: try Self.standing(clientID: id, in: db))
                }
            }
            var files = try PortfolioScan(db).files()
            if let ids {
                let wanted = Set(ids)
                files.removeAll { !wanted.contains($0.id) }
            }
            return files
        }
    }

    /// Clients that can be in default or in difficulties on some day: those with a 2nd reminder or
    /// notice of default recorded, or with a status other than normal. Only they can have items
    /// eligible for repossession (art. 10.3), so `flags` reads only their files.
    public func clientsWithDefaultSignals() throws -> [Int64] {
        try writer.read { db in
            try Int64.fetchAll(db, sql: """
                SELECT client_id FROM letter WHERE kind IN ('reminder-2', 'notice-of-default')
                UNION SELECT client_id FROM client_status WHERE status <> 'normal'
                ORDER BY 1
                """)
        }
    }
}

/// One pass over each table, building every client's file (see `LedgerDatabase.clientFiles`).
private struct PortfolioScan {
    let db: Database
    init(_ db: Database) { self.db = db }

    func files() throws -> [ClientFile] {
        let agreementsWithItems = Set(try Int64.fetchAll(db, sql: "SELECT DISTINCT agreement_id FROM item"))
        let agreementsBillingGoods = Set(try Int64.fetchAll(
            db, sql: "SELECT DISTINCT agreement_id FROM document WHERE bills_goods AND agreement_id IS NOT NULL"))
        let linkedDocuments = Set(try Int64.fetchAll(db, sql: "SELECT DISTINCT document_id FROM item_link"))

        var invoices: [Int64: [ClientLedger.Invoice]] = [:]
        var credits: [Int64: [(number: String, issueDate: Day, amount: Cents, credited: String?)]] = [:]
        let documents = try Row.fetchCursor(db, sql: """
            SELECT d.client_id, d.id, d.kind, d.number, d.agreement_id, d.issue_date, d.due_date, d.payable_cents,
                   d.payment_id, d.credited_number, d.bills_goods, a.kind_override
            FROM document d LEFT JOIN agreement a ON a.id = d.agreement_id ORDER BY d.client_id, d.kind, d.number
            """)
        while let row = try documents.next() {
            let client: Int64 = row[0]
            let issueDate = day(row[5])
            if (row[2] as String) == "credit_note" {
                credits[client, default: []].append((row[3], issueDate, Cents(row[7] as Int64), row[9]))
                continue
            }
            let documentID: Int64 = row[1]
            let agreement: Int64? = row[4]
            let isGoods: Bool
            if let override = row[11] as String? {
                isGoods = override == "goods"
            } else if let agreement {
                isGoods = agreementsWithItems.contains(agreement) || agreementsBillingGoods.contains(agreement)
            } else {
                isGoods = (row[10] as Bool) || linkedDocuments.contains(documentID)
            }
            invoices[client, default: []].append(ClientLedger.Invoice(
                id: documentID, number: row[3], agreementID: agreement, isGoods: isGoods, issueDate: issueDate,
                dueDate: day(row[6]), payable: Cents(row[7] as Int64), paymentID: row[8]))
        }

        var payments: [Int64: [ClientLedger.Payment]] = [:]
        let paymentRows = try Row.fetchCursor(db, sql: """
            SELECT client_id, id, booking_date, amount_cents, invoice_id FROM payment WHERE client_id IS NOT NULL
            ORDER BY client_id, booking_date, amount_cents
            """)
        while let row = try paymentRows.next() {
            payments[row[0], default: []].append(ClientLedger.Payment(
                id: row[1], bookingDate: day(row[2]), amount: Cents(row[3] as Int64), invoiceID: row[4]))
        }

        var events: [Int64: [ItemEvent]] = [:]
        let eventRows = try Row.fetchCursor(db, sql: "SELECT item_id, kind, date, note, outside_normal_course FROM item_event ORDER BY id")
        while let row = try eventRows.next() {
            guard let kind = ItemEvent.Kind(rawValue: row[1]), let date = Day(iso: row[2] as String) else { continue }
            events[row[0], default: []].append(ItemEvent(kind: kind, date: date, note: row[3], outsideNormalCourse: row[4]))
        }
        var items: [Int64: [ClientLedger.DeliveredItem]] = [:]
        let itemRows = try Row.fetchCursor(db, sql: """
            SELECT item.client_id, item.id, item.serial, item.agreement_id, item.delivered_on, item_link.document_id,
                   document_line.amount_cents / MAX(COALESCE(document_line.whole_units, 1), 1)
            FROM item LEFT JOIN item_link ON item_link.item_id = item.id
            LEFT JOIN document_line ON document_line.id = item_link.line_id
            ORDER BY item.client_id, item.serial
            """)
        while let row = try itemRows.next() {
            let id: Int64 = row[1]
            let link: Int64? = row[5]
            items[row[0], default: []].append(ClientLedger.DeliveredItem(
                id: id, serial: row[2], agreementID: row[3], deliveredOn: day(row[4]), invoiceIDs: link.map { [$0] } ?? [],
                events: events[id] ?? [], value: (row[6] as Int64?).map { Cents($0) }))
        }

        var letters: [Int64: [Int64: [DunningLetter]]] = [:]
        let letterRows = try Row.fetchCursor(db, sql: "SELECT client_id, invoice_id, kind, sent_on FROM letter ORDER BY id")
        while let row = try letterRows.next() {
            guard let kind = DunningLetter.Kind(rawValue: row[2]), let sent = Day(iso: row[3] as String) else { continue }
            letters[row[0], default: [:]][row[1], default: []].append(DunningLetter(kind: kind, sentOn: sent))
        }

        var standings: [Int64: ClientStanding] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT * FROM client_status ORDER BY client_id, since, id") {
            standings[row["client_id"], default: ClientStanding()].statuses.append(LedgerDatabase.statusRecord(row))
        }
        for row in try Row.fetchAll(db, sql: "SELECT client_id, sent_on FROM tax_notice ORDER BY client_id, sent_on") {
            if let sent = Day(iso: row[1] as String) { standings[row[0], default: ClientStanding()].taxNotices.append(sent) }
        }

        var files: [ClientFile] = []
        for row in try Row.fetchAll(db, sql: "SELECT id, key, name, kind, address FROM client ORDER BY id") {
            let id: Int64 = row[0]
            let clientInvoices = invoices[id] ?? []
            let byNumber = Dictionary(clientInvoices.map { ($0.number, $0.id) }, uniquingKeysWith: { a, _ in a })
            let creditNotes = (credits[id] ?? []).map {
                ClientLedger.CreditNote(number: $0.number, issueDate: $0.issueDate, amount: $0.amount,
                                        invoiceID: $0.credited.flatMap { byNumber[$0] })
            }
            let ledger = ClientLedger(
                clientKind: ClientKind(rawValue: row[3] as String) ?? .business, invoices: clientInvoices,
                creditNotes: creditNotes, payments: payments[id] ?? [], items: items[id] ?? [], letters: letters[id] ?? [:])
            files.append(ClientFile(id: id, key: row[1], name: row[2], address: row[4], ledger: ledger,
                                    standing: standings[id] ?? ClientStanding()))
        }
        return files
    }

    private func day(_ text: String) -> Day { Day(iso: text) ?? Day(ordinal: 0) }
}

/// What a person needs to find a delivered item on site: what it is and where it was delivered.
public struct ItemWhereabouts: Sendable, Hashable {
    public var serial: String
    public var gtin: String?
    public var name: String?
    /// The site: the delivery address recorded at delivery, else the invoice's delivery address,
    /// else the client's address (nil when none is known).
    public var address: String?
}

extension LedgerDatabase {
    /// The whereabouts of the given items, by item id.
    public func whereabouts(items ids: [Int64]) throws -> [Int64: ItemWhereabouts] {
        guard !ids.isEmpty else { return [:] }
        return try writer.read { db in
            var result: [Int64: ItemWhereabouts] = [:]
            for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
                let marks = chunk.map { _ in "?" }.joined(separator: ",")
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT item.id, item.serial, item.gtin, item.name,
                           COALESCE(NULLIF(item.address, ''), NULLIF(document.delivery_address, ''), NULLIF(client.address, ''))
                    FROM item JOIN client ON client.id = item.client_id
                    LEFT JOIN item_link ON item_link.item_id = item.id
                    LEFT JOIN document ON document.id = item_link.document_id
                    WHERE item.id IN (\(marks))
                    """, arguments: StatementArguments(chunk))
                while let row = try rows.next() {
                    let gtin: String = row[2]
                    result[row[0]] = ItemWhereabouts(serial: row[1], gtin: gtin.isEmpty ? nil : gtin, name: row[3], address: row[4])
                }
            }
            return result
        }
    }
}
