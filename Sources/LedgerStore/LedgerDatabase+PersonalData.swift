import Foundation
import GRDB
import TitleholdCore

/// Art. 30 of the terms (after the relationship ends, the supplier returns or deletes the personal
/// data it holds, at the client's choice) and art. 28 (it helps the client answer a data subject's
/// requests under art. 15–21 AVG): the export of everything the ledger holds about one client.
/// The erasure is in `LedgerDatabase+Erasure.swift`.
extension LedgerDatabase {
    /// Everything the ledger holds about the client named by `handle` (its key or any identifier):
    /// who it is, its agreements, items with their events and warranties, invoices and credit notes
    /// with their lines, payments (with the payer's name and account), letters, statuses, notices
    /// to the tax collector, pickup notices and visits, and the event-log entries about it.
    /// Read in one read transaction, so the parts agree with each other.
    public func exportClient(_ handle: String) throws -> ClientExport {
        try writer.read { db in
            guard let id = try Self.findClient(handle, in: db) else { throw LedgerError("no client '\(handle)' in the ledger") }
            return try PersonalDataReader(db: db, clientID: id).export()
        }
    }

    /// The payments that carry the client's personal data: its own, and unmatched ones paid from
    /// one of its accounts.
    static func personalPaymentIDs(clientID: Int64, in db: Database) throws -> [Int64] {
        try Int64.fetchAll(db, sql: """
            SELECT id FROM payment WHERE client_id = ?
               OR (client_id IS NULL AND debtor_iban IN (SELECT value FROM client_identifier WHERE client_id = ? AND scheme = 'iban'))
            ORDER BY booking_date, id
            """, arguments: [clientID, clientID])
    }
}

/// Reads one client's rows into a `ClientExport`.
private struct PersonalDataReader {
    let db: Database
    let clientID: Int64

    func export() throws -> ClientExport {
        guard let row = try Row.fetchOne(db, sql: "SELECT key, name, kind, address FROM client WHERE id = ?", arguments: [clientID])
        else { throw LedgerError("no client \(clientID) in the ledger") }
        let client = ClientExport.Client(key: row["key"], name: row["name"], kind: row["kind"], address: row["address"])
        let identifiers = try Row.fetchAll(
            db, sql: "SELECT scheme, value FROM client_identifier WHERE client_id = ? ORDER BY scheme, value", arguments: [clientID]
        ).map { ClientExport.Identifier(scheme: $0["scheme"], value: $0["value"]) }
        let agreements = try Row.fetchAll(
            db, sql: "SELECT reference, kind_override FROM agreement WHERE client_id = ? ORDER BY reference", arguments: [clientID]
        ).map { ClientExport.Agreement(reference: $0["reference"], kindOverride: $0["kind_override"]) }
        let items = try self.items()
        let payments = try self.payments()
        let events = try self.events(client: client, identifiers: identifiers, items: items, payments: payments.ids)
        return ClientExport(
            client: client, identifiers: identifiers, agreements: agreements, items: items,
            invoices: try documents(kind: "invoice"), creditNotes: try documents(kind: "credit_note"),
            payments: payments.records, letters: try letters(), statuses: try statuses(), taxNotices: try taxNotices(),
            pickupNotices: try pickupNotices(), pickupVisits: try pickupVisits(), events: events.list, erasedAt: events.erasedAt)
    }

    private func items() throws -> [ClientExport.Item] {
        var events: [Int64: [ClientExport.ItemEventRecord]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT item_event.item_id, item_event.kind, item_event.date, item_event.note, item_event.outside_normal_course
            FROM item_event JOIN item ON item.id = item_event.item_id WHERE item.client_id = ? ORDER BY item_event.id
            """, arguments: [clientID]) {
            events[row[0], default: []].append(ClientExport.ItemEventRecord(kind: row[1], date: row[2], note: row[3],
                                                                           outsideNormalCourse: row[4]))
        }
        var warranties: [Int64: [ClientExport.WarrantyRecord]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT warranty.item_id, warranty.valid_from, warranty.valid_until, warranty.source, warranty.recorded_on
            FROM warranty JOIN item ON item.id = warranty.item_id WHERE item.client_id = ? ORDER BY warranty.id
            """, arguments: [clientID]) {
            warranties[row[0], default: []].append(ClientExport.WarrantyRecord(validFrom: row[1], validUntil: row[2], source: row[3],
                                                                              recordedOn: row[4]))
        }
        return try Row.fetchAll(db, sql: """
            SELECT item.id, item.serial, item.gtin, item.name, item.raw_scan, item.delivered_on, agreement.reference, item.address,
                   document.number
            FROM item JOIN agreement ON agreement.id = item.agreement_id
            LEFT JOIN item_link ON item_link.item_id = item.id LEFT JOIN document ON document.id = item_link.document_id
            WHERE item.client_id = ? ORDER BY item.serial, item.gtin
            """, arguments: [clientID]).map { row in
            let id: Int64 = row[0]
            let gtin: String = row[2]
            return ClientExport.Item(serial: row[1], gtin: gtin.isEmpty ? nil : gtin, name: row[3], rawScan: row[4],
                                     deliveredOn: row[5], agreement: row[6], address: row[7], invoice: row[8],
                                     events: events[id] ?? [], warranties: warranties[id] ?? [])
        }
    }

    private func documents(kind: String) throws -> [ClientExport.Document] {
        var serials: [Int64: [String]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT line_serial.line_id, line_serial.serial FROM line_serial
            JOIN document_line ON document_line.id = line_serial.line_id JOIN document ON document.id = document_line.document_id
            WHERE document.client_id = ? AND document.kind = ? ORDER BY line_serial.serial
            """, arguments: [clientID, kind]) {
            serials[row[0], default: []].append(row[1])
        }
        var lines: [Int64: [ClientExport.Line]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT document_line.* FROM document_line JOIN document ON document.id = document_line.document_id
            WHERE document.client_id = ? AND document.kind = ? ORDER BY document_line.id
            """, arguments: [clientID, kind]) {
            let lineID: Int64 = row["id"]
            lines[row["document_id"], default: []].append(ClientExport.Line(
                lineRef: row["line_ref"], gtin: row["gtin"], sellersItemID: row["sellers_item_id"], name: row["name"],
                quantity: row["quantity"], wholeUnits: row["whole_units"], amountCents: row["amount_cents"],
                serials: serials[lineID] ?? []))
        }
        return try Row.fetchAll(db, sql: """
            SELECT document.*, agreement.reference FROM document LEFT JOIN agreement ON agreement.id = document.agreement_id
            WHERE document.client_id = ? AND document.kind = ? ORDER BY document.issue_date, document.number
            """, arguments: [clientID, kind]).map { row in
            ClientExport.Document(
                number: row["number"], agreement: row["reference"], issueDate: row["issue_date"], statedDueDate: row["stated_due_date"],
                dueDate: row["due_date"], payableCents: row["payable_cents"], paymentID: row["payment_id"],
                creditedNumber: row["credited_number"], deliveryAddress: row["delivery_address"], fileName: row["file_name"],
                lines: lines[row["id"]] ?? [])
        }
    }

    private func payments() throws -> (records: [ClientExport.Payment], ids: [Int64]) {
        let ids = try LedgerDatabase.personalPaymentIDs(clientID: clientID, in: db)
        let records = try ids.compactMap { id in
            try Row.fetchOne(db, sql: """
                SELECT payment.*, document.number FROM payment LEFT JOIN document ON document.id = payment.invoice_id
                WHERE payment.id = ?
                """, arguments: [id]).map { row in
                ClientExport.Payment(
                    bookingDate: row["booking_date"], valueDate: row["value_date"], amountCents: row["amount_cents"],
                    debtorName: row["debtor_name"], debtorIBAN: row["debtor_iban"], accountIBAN: row["account_iban"],
                    endToEndID: row["end_to_end_id"], structuredReference: row["structured_reference"], remittance: row["remittance"],
                    invoice: row["number"], matchedBy: row["matched_by"], fileName: row["file_name"])
            }
        }
        return (records, ids)
    }

    private func letters() throws -> [ClientExport.Letter] {
        try Row.fetchAll(db, sql: """
            SELECT letter.*, document.number FROM letter JOIN document ON document.id = letter.invoice_id
            WHERE letter.client_id = ? ORDER BY letter.sent_on, letter.id
            """, arguments: [clientID]).map { row in
            ClientExport.Letter(invoice: row["number"], kind: row["kind"], sentOn: row["sent_on"], origin: row["origin"],
                                principalCents: row["principal_cents"], interestCents: row["interest_cents"],
                                costsCents: row["costs_cents"], termEndsOn: row["term_ends_on"], fileName: row["file_name"])
        }
    }

    private func statuses() throws -> [ClientExport.Status] {
        try Row.fetchAll(db, sql: "SELECT * FROM client_status WHERE client_id = ? ORDER BY since, id", arguments: [clientID]).map { row in
            ClientExport.Status(status: row["status"], since: row["since"], coolingOffUntil: row["cooling_off_until"], note: row["note"],
                                recordedOn: row["recorded_on"])
        }
    }

    private func taxNotices() throws -> [ClientExport.TaxNotice] {
        try Row.fetchAll(db, sql: "SELECT sent_on, note FROM tax_notice WHERE client_id = ? ORDER BY sent_on", arguments: [clientID])
            .map { ClientExport.TaxNotice(sentOn: $0["sent_on"], note: $0["note"]) }
    }

    private func pickupNotices() throws -> [ClientExport.PickupNotice] {
        try Row.fetchAll(db, sql: "SELECT sent_on, file_name FROM pickup_notice WHERE client_id = ? ORDER BY sent_on", arguments: [clientID])
            .map { ClientExport.PickupNotice(sentOn: $0["sent_on"], fileName: $0["file_name"]) }
    }

    private func pickupVisits() throws -> [ClientExport.PickupVisit] {
        try Row.fetchAll(db, sql: "SELECT id FROM pickup_visit WHERE client_id = ? ORDER BY date, id", arguments: [clientID]).map { row in
            let stored = try LedgerDatabase.visit(row["id"], in: db)
            return ClientExport.PickupVisit(
                id: stored.visit.id, date: stored.visit.date.description, state: stored.state.rawValue,
                outcome: stored.outcome?.rawValue, closedOn: stored.closedOn?.description, note: stored.note,
                clientName: stored.visit.clientName.isEmpty ? nil : stored.visit.clientName,
                siteAddress: stored.visit.siteAddress.isEmpty ? nil : stored.visit.siteAddress, serials: stored.visit.serials)
        }
    }

    /// Events whose subject is the client, one of its identifiers, items, documents, payments or
    /// visits, or whose details name the client.
    private func events(client: ClientExport.Client, identifiers: [ClientExport.Identifier], items: [ClientExport.Item],
                        payments: [Int64]) throws -> (list: [ClientExport.Event], erasedAt: String?) {
        var subjects = Set([client.key])
        subjects.formUnion(identifiers.map(\.value))
        subjects.formUnion(items.map(\.serial))
        subjects.formUnion(payments.map { "payment \($0)" })
        subjects.formUnion(try String.fetchAll(db, sql: "SELECT number FROM document WHERE client_id = ?", arguments: [clientID]))
        subjects.formUnion(try String.fetchAll(db, sql: "SELECT id FROM pickup_visit WHERE client_id = ?", arguments: [clientID]))
        let subjectList = String(decoding: try JSONEncoder().encode(subjects.sorted()), as: UTF8.self)
        var erasedAt: String?
        let list = try Row.fetchAll(db, sql: """
            SELECT seq, recorded_at, command, actor, action, subject, details FROM event
            WHERE subject IN (SELECT value FROM json_each(?))
               OR json_extract(details, '$.client') IN (SELECT value FROM json_each(?))
               OR (action = 'client.erased' AND json_extract(details, '$.client_id') = ?)
            ORDER BY seq
            """, arguments: [subjectList, subjectList, String(clientID)]).map { row in
            let details = (try? JSONDecoder().decode([String: String].self, from: Data((row["details"] as String).utf8))) ?? [:]
            let event = ClientExport.Event(seq: row["seq"], recordedAt: row["recorded_at"], command: row["command"], actor: row["actor"],
                                           action: row["action"], subject: row["subject"], details: details)
            if event.action == "client.erased" { erasedAt = event.recordedAt }
            return event
        }
        return (list, erasedAt)
    }
}
