import GRDB
import TitleholdCore

/// A delivered item as listed and looked up.
public struct ItemRecord: Sendable, Equatable {
    public var id: Int64
    public var serial: String
    public var gtin: String?
    public var name: String?
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
    static let itemColumns = LookupSQL.itemColumns

    static func itemRecord(_ row: Row) -> ItemRecord {
        let gtin: String = row["gtin"]
        return ItemRecord(id: row["id"], serial: row["serial"], gtin: gtin.isEmpty ? nil : gtin, name: row["name"],
                          deliveredOn: Day(iso: row["delivered_on"] as String) ?? Day(ordinal: 0),
                          clientID: row["client_id"], clientKey: row["key"], clientName: row["client_name"],
                          agreementID: row["agreement_id"], agreement: row["reference"])
    }

    /// The items carrying `serial` (normalised); more than one only when different GTINs share a serial.
    public func items(serial: String) throws -> [ItemRecord] {
        try writer.read { db in
            try Row.fetchAll(db.cachedStatement(sql: LookupSQL.itemBySerial),
                             arguments: [Delivery.normalise(serial: serial)]).map { Self.itemRecord($0) }
        }
    }

    /// The items carrying `serial` and, when exactly one does, its client's ledger slice, as of one
    /// moment of the ledger.
    ///
    /// The slice is the stored snapshot (`ClientSlice`), read by the same single statement as the
    /// item — one statement reads one consistent state, so it runs without an explicit read
    /// transaction (`unsafeRead`: no BEGIN/COMMIT round). Only when no snapshot is stored is the
    /// whole look-up done again in a read transaction, rebuilding the slice from the rows; both
    /// give the same value. On a ledger file the statement runs on the dedicated look-up
    /// connection (`LookupConnections`) when one is free, else on the pool; both read the same rows.
    public func lookup(serial: String, gtin: String? = nil) throws -> (items: [ItemRecord], ledger: ClientLedger?) {
        let normalised = Self.lookupSerial(serial)
        if let answer = try fastLookup(serial: normalised, gtin: gtin) { return (answer.items, answer.ledger) }
        if let answer = try writer.unsafeRead({ db in try Self.lookup(serial: normalised, gtin: gtin, rebuilding: false, in: db) }) {
            return answer
        }
        return try writer.read { db in
            // With `rebuilding: true` there is always an answer.
            try Self.lookup(serial: normalised, gtin: gtin, rebuilding: true, in: db) ?? ([], nil)
        }
    }

    /// `Delivery.normalise(serial:)`, skipped when it would return `serial` unchanged: ASCII
    /// without lower-case letters and without white space at either end (what a scanner sends).
    /// The Foundation trim and case mapping cost about as much as a tenth of a look-up.
    static func lookupSerial(_ serial: String) -> String {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
        // Over the string's own bytes where it keeps them together (a native string does): the
        // UTF-8 view's iterator cost as much as the rest of this check.
        let asIs = serial.utf8.withContiguousStorageIfAvailable { utf8 -> Bool in
            guard let first = utf8.first, let last = utf8.last, !isSpace(first), !isSpace(last) else { return false }
            for byte in utf8 where byte >= 0x80 || (0x61...0x7A).contains(byte) { return false }
            return true
        }
        return asIs == true ? serial : Delivery.normalise(serial: serial)
    }

    /// The look-up on `db`; `nil` when one item matched, its slice is not stored and `rebuilding` is false.
    static func lookup(serial: String, gtin: String?, rebuilding: Bool, in db: Database) throws
        -> (items: [ItemRecord], ledger: ClientLedger?)?
    {
        var items: [ItemRecord] = []
        var kinds: [ClientKind] = []
        var stored: [ClientLedger?] = []
        let rows = try Row.fetchCursor(db.cachedStatement(sql: LookupSQL.itemWithSliceBySerial), arguments: [serial])
        while let row = try rows.next() {
            items.append(Self.itemRecord(positional: row))
            kinds.append(ClientKind(rawValue: row[8] as String) ?? .business)
            stored.append(try row.withUnsafeData(atIndex: 11) { data in
                data.flatMap { $0.withUnsafeBytes(ClientSliceCodec.decode) }
            })
        }
        if let gtin, let wanted = normaliseGTIN(gtin) {
            let keep = items.indices.filter { items[$0].gtin == wanted }
            items = keep.map { items[$0] }; kinds = keep.map { kinds[$0] }; stored = keep.map { stored[$0] }
        }
        guard items.count == 1 else { return (items, nil) }
        if let ledger = stored[0] { return (items, ledger) }
        guard rebuilding else { return nil }
        return (items, try Self.clientLedger(clientID: items[0].clientID, kind: kinds[0], in: db))
    }

    /// An `ItemRecord` from the columns of `LookupSQL.itemColumns`, by position (the hot path).
    static func itemRecord(positional row: Row) -> ItemRecord {
        let gtin: String = row[2]
        return ItemRecord(id: row[0], serial: row[1], gtin: gtin.isEmpty ? nil : gtin, name: row[3],
                          deliveredOn: Day(iso: row[4] as String) ?? Day(ordinal: 0), clientID: row[5], clientKey: row[6],
                          clientName: row[7], agreementID: row[9], agreement: row[10])
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
            return try Row.fetchAll(db, sql: sql, arguments: args).map { Self.itemRecord($0) }
        }
    }

    /// The slice of the ledger the rules need for one client.
    public func clientLedger(clientID: Int64) throws -> ClientLedger {
        try writer.read { db in try Self.clientLedger(clientID: clientID, in: db) }
    }

    static func clientLedger(clientID: Int64, in db: Database) throws -> ClientLedger {
        let kindText = try String.fetchOne(db.cachedStatement(sql: LookupSQL.clientKind), arguments: [clientID])
        return try clientLedger(clientID: clientID, kind: kindText.flatMap(ClientKind.init(rawValue:)) ?? .business, in: db)
    }

    static func clientLedger(clientID: Int64, kind: ClientKind, in db: Database) throws -> ClientLedger {
        var invoices: [ClientLedger.Invoice] = []
        var invoiceByNumber: [String: Int64] = [:]
        var creditRows: [(number: String, issueDate: Day, amount: Cents, credited: String?)] = []
        let documents = try Row.fetchCursor(db.cachedStatement(sql: LookupSQL.documentsOfClient), arguments: [clientID])
        while let row = try documents.next() {
            // Columns by position, in the order of LookupSQL.documentsOfClient.
            let issueDate = Day(iso: row[4] as String) ?? Day(ordinal: 0)
            if (row[1] as String) == "credit_note" {
                creditRows.append((row[2], issueDate, Cents(row[6] as Int64), row[8]))
                continue
            }
            let invoice = ClientLedger.Invoice(
                id: row[0], number: row[2], agreementID: row[3], isGoods: row[9], issueDate: issueDate,
                dueDate: Day(iso: row[5] as String) ?? Day(ordinal: 0), payable: Cents(row[6] as Int64), paymentID: row[7])
            invoices.append(invoice)
            invoiceByNumber[invoice.number] = invoice.id
        }
        var creditNotes: [ClientLedger.CreditNote] = []
        for credit in creditRows {
            // A credit note reduces the client's own invoice of that number; one naming no such
            // invoice stays a credit of the client (`PaymentAllocation.unallocatedCredit`).
            let invoiceID = credit.credited.flatMap { invoiceByNumber[$0] }
            creditNotes.append(ClientLedger.CreditNote(number: credit.number, issueDate: credit.issueDate,
                                                       amount: credit.amount, invoiceID: invoiceID))
        }
        var payments: [ClientLedger.Payment] = []
        let paymentRows = try Row.fetchCursor(db.cachedStatement(sql: LookupSQL.paymentsOfClient), arguments: [clientID])
        while let row = try paymentRows.next() {
            payments.append(ClientLedger.Payment(id: row[0], bookingDate: Day(iso: row[1] as String) ?? Day(ordinal: 0),
                                                 amount: Cents(row[2] as Int64), invoiceID: row[3]))
        }
        var events: [Int64: [ItemEvent]] = [:]
        let eventRows = try Row.fetchCursor(db.cachedStatement(sql: LookupSQL.itemEventsOfClient), arguments: [clientID])
        while let row = try eventRows.next() {
            guard let kind = ItemEvent.Kind(rawValue: row[1]), let date = Day(iso: row[2] as String) else { continue }
            events[row[0], default: []].append(ItemEvent(kind: kind, date: date, note: row[3], outsideNormalCourse: row[4]))
        }
        var letters: [Int64: [DunningLetter]] = [:]
        let letterRows = try Row.fetchCursor(db.cachedStatement(sql: LookupSQL.lettersOfClient), arguments: [clientID])
        while let row = try letterRows.next() {
            guard let kind = DunningLetter.Kind(rawValue: row[1]), let sent = Day(iso: row[2] as String) else { continue }
            letters[row[0], default: []].append(DunningLetter(kind: kind, sentOn: sent))
        }
        var items: [ClientLedger.DeliveredItem] = []
        let itemRows = try Row.fetchCursor(db.cachedStatement(sql: LookupSQL.itemsOfClient), arguments: [clientID])
        while let row = try itemRows.next() {
            let id: Int64 = row[0]
            let link: Int64? = row[4]
            items.append(ClientLedger.DeliveredItem(
                id: id, serial: row[1], agreementID: row[2], deliveredOn: Day(iso: row[3] as String) ?? Day(ordinal: 0),
                invoiceIDs: link.map { [$0] } ?? [], events: events[id] ?? [], value: (row[5] as Int64?).map { Cents($0) }))
        }
        return ClientLedger(clientKind: kind, invoices: invoices, creditNotes: creditNotes, payments: payments, items: items,
                            letters: letters)
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
}
