import Foundation
import GRDB
import TitleholdCore

/// What an erasure clears (or, as a plan, would clear), field by field, and what it leaves.
public struct ErasureReport: Sendable, Encodable, Equatable {
    /// The client's key after the erasure (a key that was a person's name or a dropped identifier
    /// is replaced by `client-<id>`).
    public var client: String
    /// Whether the key was replaced.
    public var keyReplaced: Bool
    public var nameCleared: Bool
    public var addressCleared: Bool
    /// Identifiers dropped, as `scheme` (values are not repeated here).
    public var identifiersRemoved: [String]
    /// Identifiers kept (schemes), see `eraseClient` for why.
    public var identifiersKept: [String]
    public var itemAddressesCleared: Int
    public var itemEventNotesCleared: Int
    public var invoiceAddressesCleared: Int
    /// Payments whose payer name and/or account were cleared.
    public var paymentsCleared: Int
    public var statusNotesCleared: Int
    public var taxNoticeNotesCleared: Int
    public var pickupVisitsCleared: Int
    /// Letters and pickup notices written to disk for this client: the ledger keeps only their file
    /// names; the files themselves are outside it and are the operator's to delete or keep.
    public var filesOutsideLedger: [String]
    /// Whether the client was erased before (a `client.erased` event exists).
    public var erasedBefore: Bool

    /// Whether there is anything left to clear.
    public var changesAnything: Bool {
        keyReplaced || nameCleared || addressCleared || !identifiersRemoved.isEmpty || itemAddressesCleared > 0
            || itemEventNotesCleared > 0 || invoiceAddressesCleared > 0 || paymentsCleared > 0 || statusNotesCleared > 0
            || taxNoticeNotesCleared > 0 || pickupVisitsCleared > 0
    }
}

extension LedgerDatabase {
    /// Erases the personal parts of a client's data (art. 30 of the terms: at the end of the
    /// relationship the supplier deletes the personal data it holds), in one transaction, and
    /// records a `client.erased` event that holds counts, not the data.
    ///
    /// What is kept, and why: the supplier must keep its basic records — invoices, credit notes,
    /// payments received, the letters sent — for 7 years (art. 52 AWR, and art. 2:10 BW). So every
    /// invoice and credit note stays with its number, dates, lines and amounts; every payment with
    /// its date, amount and the invoice it paid; items with serial, product and delivery date (the
    /// ownership rule still answers for them, art. 10.1); statuses and letters with their dates.
    ///
    /// What goes: the client's name and address; the delivery addresses of its items and invoices;
    /// the payer's name and account (IBAN) on its payments (and on unmatched payments made from its
    /// accounts); free-text notes on item events, statuses, tax notices and visits (a note
    /// `visit <id>` on a repossessed item is kept: it is the visit's record, not a person's); the
    /// name and site address in stored pickup visits; and identifiers that can name a person:
    /// - a business (`kind` business) keeps its KvK, OIN, VAT, Peppol, other party ids and the
    ///   supplier's debtor number: they identify the company, are printed on the invoices that must
    ///   be kept (a VAT invoice states the buyer's VAT number, art. 35a Wet OB), and are public in
    ///   the trade register; its bank accounts (IBAN) go: they are a contact's personal data and
    ///   only served to match future payments;
    /// - a consumer keeps only the supplier's own debtor number (a pseudonym), everything else goes.
    ///
    /// The event log is not rewritten: it is hash-chained (`AuditLog`) and is itself part of the
    /// records kept under art. 52 AWR; what it recorded (e.g. a payer's name in `payment.imported`)
    /// stays there and shows in the export. Erasing twice is a no-op: nothing is left to clear, no
    /// event is recorded.
    @discardableResult
    public func eraseClient(_ handle: String, context: ChangeContext) throws -> ErasureReport {
        try change(context) { db, record in
            guard let id = try Self.findClient(handle, in: db) else { throw LedgerError("no client '\(handle)' in the ledger") }
            let report = try Erasure(db: db, clientID: id).run(apply: true)
            if report.changesAnything {
                try record(AuditLog.Entry(action: "client.erased", subject: report.client, details: report.eventDetails(clientID: id)))
            }
            return report
        }
    }

    /// What `eraseClient` would clear, without changing anything (the CLI's answer without `--yes`).
    public func erasurePlan(_ handle: String) throws -> ErasureReport {
        try writer.read { db in
            guard let id = try Self.findClient(handle, in: db) else { throw LedgerError("no client '\(handle)' in the ledger") }
            return try Erasure(db: db, clientID: id).run(apply: false)
        }
    }
}

extension ErasureReport {
    /// Counts only: the event must not carry the data it erased.
    func eventDetails(clientID: Int64) -> [String: String] {
        [
            "client_id": String(clientID), "key_replaced": String(keyReplaced), "name": String(nameCleared),
            "address": String(addressCleared), "identifiers_removed": identifiersRemoved.joined(separator: ","),
            "item_addresses": String(itemAddressesCleared), "item_event_notes": String(itemEventNotesCleared),
            "invoice_addresses": String(invoiceAddressesCleared), "payments": String(paymentsCleared),
            "status_notes": String(statusNotesCleared), "tax_notice_notes": String(taxNoticeNotesCleared),
            "pickup_visits": String(pickupVisitsCleared),
        ]
    }
}

/// Counts what there is to clear and, when `apply`, clears it with plain SQL updates, so the
/// `client_slice` triggers mark the client and `change` rebuilds its slice before committing.
private struct Erasure {
    let db: Database
    let clientID: Int64

    /// Schemes a business keeps (see `LedgerDatabase.eraseClient`).
    static let businessSchemes: Set<String> = ["kvk", "oin", "vat", "peppol", "party", "debtor"]
    static let consumerSchemes: Set<String> = ["debtor"]
    /// An item-event note that is a record of the service itself, not free text.
    static let keptNote = "(item_event.kind = 'repossessed' AND item_event.note LIKE 'visit %')"

    func run(apply: Bool) throws -> ErasureReport {
        guard let client = try Row.fetchOne(db, sql: "SELECT key, name, kind, address FROM client WHERE id = ?", arguments: [clientID])
        else { throw LedgerError("no client \(clientID) in the ledger") }
        let kept = client["kind"] as String == "consumer" ? Self.consumerSchemes : Self.businessSchemes
        let identifiers = try Row.fetchAll(db, sql: "SELECT scheme, value FROM client_identifier WHERE client_id = ? ORDER BY scheme",
                                           arguments: [clientID]).map { (scheme: $0[0] as String, value: $0[1] as String) }
        let keptIdentifiers = identifiers.filter { kept.contains($0.scheme) }
        let removed = identifiers.filter { !kept.contains($0.scheme) }
        let key: String = client["key"]
        let replacement = "client-\(clientID)"
        let keyReplaced = !keptIdentifiers.contains { $0.value == key } && key != replacement && !key.hasPrefix(replacement + "-")
        // Payments are picked before the IBAN identifiers go: unmatched ones are found by them.
        let payments = try LedgerDatabase.personalPaymentIDs(clientID: clientID, in: db)
        let paymentList = "(" + payments.map(String.init).joined(separator: ",") + ")"
        let erasedBefore = try Bool.fetchOne(db, sql: """
            SELECT 1 FROM event WHERE action = 'client.erased' AND json_extract(details, '$.client_id') = ?
            """, arguments: [String(clientID)]) ?? false

        var report = ErasureReport(
            client: keyReplaced ? try freeKey() : key, keyReplaced: keyReplaced,
            nameCleared: (client["name"] as String?) != nil, addressCleared: (client["address"] as String?) != nil,
            identifiersRemoved: removed.map(\.scheme), identifiersKept: keptIdentifiers.map(\.scheme),
            itemAddressesCleared: try count("SELECT count(*) FROM item WHERE client_id = ? AND address IS NOT NULL"),
            itemEventNotesCleared: try count("""
                SELECT count(*) FROM item_event JOIN item ON item.id = item_event.item_id
                WHERE item.client_id = ? AND item_event.note IS NOT NULL AND NOT \(Self.keptNote)
                """),
            invoiceAddressesCleared: try count("SELECT count(*) FROM document WHERE client_id = ? AND delivery_address IS NOT NULL"),
            paymentsCleared: payments.isEmpty ? 0 : try count("""
                SELECT count(*) FROM payment WHERE id IN \(paymentList) AND (debtor_name IS NOT NULL OR debtor_iban IS NOT NULL)
                """, arguments: []),
            statusNotesCleared: try count("SELECT count(*) FROM client_status WHERE client_id = ? AND note IS NOT NULL"),
            taxNoticeNotesCleared: try count("SELECT count(*) FROM tax_notice WHERE client_id = ? AND note IS NOT NULL"),
            pickupVisitsCleared: 0, filesOutsideLedger: try files(), erasedBefore: erasedBefore)
        let visits = try visitsToClear()
        report.pickupVisitsCleared = visits.count
        guard apply, report.changesAnything else { return report }

        try db.execute(sql: "UPDATE client SET name = NULL, address = NULL, key = ? WHERE id = ?", arguments: [report.client, clientID])
        for identifier in removed {
            try db.execute(sql: "DELETE FROM client_identifier WHERE client_id = ? AND scheme = ? AND value = ?",
                           arguments: [clientID, identifier.scheme, identifier.value])
        }
        try db.execute(sql: "UPDATE item SET address = NULL WHERE client_id = ? AND address IS NOT NULL", arguments: [clientID])
        try db.execute(sql: """
            UPDATE item_event SET note = NULL WHERE note IS NOT NULL AND NOT \(Self.keptNote)
              AND item_id IN (SELECT id FROM item WHERE client_id = ?)
            """, arguments: [clientID])
        try db.execute(sql: "UPDATE document SET delivery_address = NULL WHERE client_id = ? AND delivery_address IS NOT NULL",
                       arguments: [clientID])
        if !payments.isEmpty {
            try db.execute(sql: """
                UPDATE payment SET debtor_name = NULL, debtor_iban = NULL
                WHERE id IN \(paymentList) AND (debtor_name IS NOT NULL OR debtor_iban IS NOT NULL)
                """)
        }
        try db.execute(sql: "UPDATE client_status SET note = NULL WHERE client_id = ? AND note IS NOT NULL", arguments: [clientID])
        try db.execute(sql: "UPDATE tax_notice SET note = NULL WHERE client_id = ? AND note IS NOT NULL", arguments: [clientID])
        for (id, plan) in visits {
            try db.execute(sql: "UPDATE pickup_visit SET note = NULL, plan_json = ? WHERE id = ?", arguments: [plan, id])
        }
        return report
    }

    private func count(_ sql: String, arguments: StatementArguments? = nil) throws -> Int {
        try Int.fetchOne(db, sql: sql, arguments: arguments ?? [clientID]) ?? 0
    }

    /// `client-<id>`, or with a suffix when that key is taken.
    private func freeKey() throws -> String {
        var key = "client-\(clientID)"
        var n = 2
        while try Bool.fetchOne(db, sql: "SELECT 1 FROM client WHERE key = ? AND id <> ?", arguments: [key, clientID]) == true {
            key = "client-\(clientID)-\(n)"; n += 1
        }
        return key
    }

    private func files() throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT file_name FROM letter WHERE client_id = ?1 AND file_name IS NOT NULL
            UNION SELECT file_name FROM pickup_notice WHERE client_id = ?1 AND file_name IS NOT NULL ORDER BY 1
            """, arguments: [clientID])
    }

    /// Visits with a note, a client name or a site address, and their plan with those blanked.
    private func visitsToClear() throws -> [(id: String, plan: String)] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return try Row.fetchAll(db, sql: "SELECT id, note, plan_json FROM pickup_visit WHERE client_id = ? ORDER BY id",
                                arguments: [clientID]).compactMap { row in
            let json: String = row["plan_json"]
            guard var visit = try? JSONDecoder().decode(PlannedVisit.self, from: Data(json.utf8)) else {
                throw LedgerError("the stored visit \(row["id"] as String) cannot be read; nothing was erased")
            }
            guard (row["note"] as String?) != nil || !visit.clientName.isEmpty || !visit.siteAddress.isEmpty else { return nil }
            visit.clientName = ""; visit.siteAddress = ""
            return (row["id"], String(decoding: try encoder.encode(visit), as: UTF8.self))
        }
    }
}
