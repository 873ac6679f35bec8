import Foundation
import GRDB
import Importers
import TitleholdCore

/// A file read by an importer, ready to be recorded.
public struct ParsedFile<Content: Sendable>: Sendable {
    public var fileName: String
    public var sha256: String
    public var content: Content

    public init(fileName: String, sha256: String, content: Content) {
        self.fileName = fileName; self.sha256 = sha256; self.content = content
    }
}

/// What importing one file did.
public struct ImportOutcome: Sendable, Equatable {
    public enum Status: String, Sendable { case imported, alreadyImported = "already_imported" }
    public var fileName: String
    public var status: Status
    public var summary: String
}

extension LedgerDatabase {
    /// Records UBL invoices and credit notes, all files in one transaction: either every file is
    /// recorded or, on the first refusal, none is. A file imported before (same SHA-256) changes
    /// nothing; a document number that arrives again with other content is refused.
    public func importDocuments(_ files: [ParsedFile<ImportedDocument>], context: ChangeContext) throws -> [ImportOutcome] {
        try change(context) { db, record in
            var outcomes: [ImportOutcome] = []
            var touchedClients = Set<Int64>()
            var newReferences: [String] = []
            for file in files {
                if let when = try String.fetchOne(db, sql: "SELECT imported_at FROM imported_file WHERE sha256 = ?",
                                                  arguments: [file.sha256]) {
                    outcomes.append(ImportOutcome(fileName: file.fileName, status: .alreadyImported,
                                                  summary: "already imported on \(when.prefix(10)); nothing changed"))
                    continue
                }
                let (clientID, summary) = try Self.recordDocument(file, in: db, record: record)
                touchedClients.insert(clientID)
                newReferences.append(file.content.number)
                if let id = file.content.paymentID { newReferences.append(referenceKey(id)) }
                try db.execute(sql: "INSERT INTO imported_file (sha256, file_name, kind, imported_at) VALUES (?, ?, 'ubl', ?)",
                               arguments: [file.sha256, file.fileName, AuditLog.isoInstant(now())])
                outcomes.append(ImportOutcome(fileName: file.fileName, status: .imported, summary: summary))
            }
            for client in touchedClients { try Self.relink(client: client, in: db) }
            try Self.rematchPayments(naming: newReferences, in: db, record: record)
            return outcomes
        }
    }

    static func recordDocument(_ file: ParsedFile<ImportedDocument>, in db: Database,
                               record: (AuditLog.Entry) throws -> Void) throws -> (Int64, String) {
        let doc = file.content
        guard doc.currency.uppercased() == "EUR" else {
            throw LedgerError("\(file.fileName): amounts are in \(doc.currency); only euro is accepted (art. 13.1)")
        }
        let kind = doc.kind == .invoice ? "invoice" : "credit_note"
        let label = doc.kind == .invoice ? "invoice" : "credit note"
        let contentHash = sha256Hex(Data(String(reflecting: doc).utf8))
        if let existing = try Row.fetchOne(db, sql: "SELECT content_sha256, file_name FROM document WHERE kind = ? AND number = ?",
                                           arguments: [kind, doc.number]) {
            if (existing["content_sha256"] as String) == contentHash {
                return (try Int64.fetchOne(db, sql: "SELECT client_id FROM document WHERE kind = ? AND number = ?",
                                           arguments: [kind, doc.number]) ?? 0,
                        "\(label) \(doc.number) is already in the ledger with the same content; nothing changed")
            }
            throw LedgerError("\(file.fileName): \(label) \(doc.number) is already in the ledger (from \(existing["file_name"] as String)) with different content; refused rather than overwritten")
        }

        let identifiers = Self.identifiers(of: doc.buyer)
        let clientID: Int64
        if let found = try findClient(identifiers, in: db) {
            clientID = found
            try addIdentifiers(identifiers, to: found, in: db)
            try db.execute(sql: "UPDATE client SET name = COALESCE(name, ?), address = COALESCE(address, ?) WHERE id = ?",
                           arguments: [doc.buyer.name, doc.buyer.address, found])
        } else {
            let key = identifiers.first(where: { $0.scheme == .kvk })?.value
                ?? identifiers.first(where: { $0.scheme == .vat })?.value
                ?? identifiers.first?.value
                ?? doc.buyer.name
                ?? "buyer-of-\(doc.number)"
            clientID = try createClient(key: key, name: doc.buyer.name, kind: .business, address: doc.buyer.address,
                                        identifiers: identifiers, in: db)
            try record(AuditLog.Entry(action: "client.created", subject: key,
                                      details: ["name": doc.buyer.name ?? "", "from": doc.number]))
        }
        var agreementID: Int64?
        if let ref = (doc.orderReference ?? doc.contractReference)?.trimmingCharacters(in: .whitespaces), !ref.isEmpty {
            agreementID = try agreementFor(client: clientID, reference: ref, in: db, record: record)
        }
        // Art. 6:119a BW: without an agreed term, payment is due 30 days after receipt; the
        // issue date stands in for the day of receipt.
        let dueDate = doc.dueDate ?? doc.issueDate.adding(days: 30)
        try db.execute(
            sql: """
                INSERT INTO document (kind, number, client_id, agreement_id, issue_date, stated_due_date, due_date,
                    payable_cents, payment_id, payment_key, credited_number, delivery_address, file_name, content_sha256, bills_goods)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [kind, doc.number, clientID, agreementID, doc.issueDate.description, doc.dueDate?.description,
                        dueDate.description, doc.payable.value, doc.paymentID, doc.paymentID.map(referenceKey),
                        doc.billingReferences.first, doc.deliveryAddress, file.fileName, contentHash,
                        doc.lines.contains { $0.gtin != nil || !$0.serials.isEmpty }])
        let documentID = db.lastInsertedRowID
        for line in doc.lines {
            try db.execute(
                sql: """
                    INSERT INTO document_line (document_id, line_ref, gtin, sellers_item_id, name, quantity, whole_units, amount_cents)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [documentID, line.id, line.gtin.flatMap(normaliseGTIN), line.sellersItemID, line.name,
                            line.quantity, line.wholeUnits, line.lineExtension.value])
            let lineID = db.lastInsertedRowID
            for serial in line.serials {
                try db.execute(sql: "INSERT OR IGNORE INTO line_serial (line_id, serial) VALUES (?, ?)",
                               arguments: [lineID, Delivery.normalise(serial: serial)])
            }
        }
        let clientKey = try String.fetchOne(db, sql: "SELECT key FROM client WHERE id = ?", arguments: [clientID]) ?? ""
        var details = ["client": clientKey, "payable_cents": String(doc.payable.value), "issue_date": doc.issueDate.description,
                       "due_date": dueDate.description, "lines": String(doc.lines.count)]
        if let credited = doc.billingReferences.first { details["credits"] = credited }
        try record(AuditLog.Entry(action: "\(kind).imported", subject: doc.number, details: details,
                                  fileName: file.fileName, fileSHA256: file.sha256))
        let summary = "\(label) \(doc.number) for \(clientKey): \(doc.payable), due \(dueDate), \(doc.lines.count) line(s)"
        return (clientID, summary)
    }

    /// The buyer's identifiers, normalised; the most specific first.
    static func identifiers(of party: ImportedDocument.Party) -> [ClientIdentifier] {
        var result: [ClientIdentifier] = []
        if let legal = party.legalID { result.append(.fromDocument(scheme: legal.scheme, value: legal.value)) }
        for id in party.partyIDs { result.append(.fromDocument(scheme: id.scheme, value: id.value)) }
        if let endpoint = party.endpointID {
            let normalised = ClientIdentifier.fromDocument(scheme: endpoint.scheme, value: endpoint.value)
            if normalised.scheme == .kvk || normalised.scheme == .oin || normalised.scheme == .vat { result.append(normalised) }
            result.append(ClientIdentifier(scheme: .peppol, value: "\(endpoint.scheme ?? ""):\(endpoint.value)"))
        }
        for vat in party.vatIDs {
            result.append(ClientIdentifier(scheme: .vat, value: vat.uppercased().replacingOccurrences(of: " ", with: "")))
        }
        var seen = Set<ClientIdentifier>()
        return result.filter { seen.insert($0).inserted }
    }
}

/// A payment reference compared without spaces, punctuation or case: "Deb. 10202 / Fact. 12115118"
/// and "DEB10202FACT12115118" are the same reference.
func referenceKey(_ text: String) -> String {
    String(text.uppercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
}

/// A GTIN-8/12/13/14 as the 14-digit GTIN it is; anything else is kept as written.
func normaliseGTIN(_ text: String) -> String? {
    let t = text.trimmingCharacters(in: .whitespaces)
    guard !t.isEmpty else { return nil }
    guard t.allSatisfy(\.isASCII), t.allSatisfy(\.isNumber), [8, 12, 13, 14].contains(t.count) else { return t }
    return String(repeating: "0", count: 14 - t.count) + t
}
