import Foundation
import GRDB
import Importers
import TitleholdCore

extension LedgerDatabase {
    /// Records the credit entries (money received) of camt.053 statements, all files in one
    /// transaction. Each payment is matched to an invoice where it names one — by structured
    /// creditor reference, payment id, end-to-end id, or the invoice number in the remittance
    /// text — or else to a client by the account it came from or the payer's name (art. 6:43
    /// BW then allocates it, oldest due first). What matches nothing is kept as unmatched,
    /// never dropped. An entry already recorded from another statement is not recorded twice.
    public func importPayments(_ files: [ParsedFile<[StatementEntry]>], context: ChangeContext) throws -> [ImportOutcome] {
        try change(context) { db, record in
            var outcomes: [ImportOutcome] = []
            for file in files {
                if let when = try String.fetchOne(db, sql: "SELECT imported_at FROM imported_file WHERE sha256 = ?",
                                                  arguments: [file.sha256]) {
                    outcomes.append(ImportOutcome(fileName: file.fileName, status: .alreadyImported,
                                                  summary: "already imported on \(when.prefix(10)); nothing changed"))
                    continue
                }
                var credits = 0, matched = 0, unmatched = 0, duplicates = 0, skipped = 0, zero = 0
                for entry in file.content {
                    guard entry.isCredit, !entry.isReversal else { skipped += 1; continue }
                    guard entry.currency.uppercased() == "EUR" else {
                        throw LedgerError("\(file.fileName): entry \(entry.position) is in \(entry.currency); only euro is accepted (art. 13.1)")
                    }
                    // ISO 20022 amounts may be 0 (a booked credit of EUR 0.00, e.g. an interest
                    // settlement of nothing): no money was received, so there is no payment.
                    if entry.amount.value == 0 { zero += 1; continue }
                    guard entry.amount.isPositive else {
                        throw LedgerError("\(file.fileName): entry \(entry.position) has amount \(entry.amount.decimalString); a payment must be positive")
                    }
                    let key = Self.entryKey(entry)
                    if try Bool.fetchOne(db, sql: "SELECT 1 FROM payment WHERE entry_key = ?", arguments: [key]) == true {
                        duplicates += 1; continue
                    }
                    credits += 1
                    // RmtInf/Ustrd, else the bank's description of a transaction without RmtInf.
                    let remittance = entry.remittanceText.joined(separator: " ")
                    try db.execute(
                        sql: """
                            INSERT INTO payment (entry_key, account_iban, booking_date, value_date, amount_cents, debtor_name,
                                debtor_iban, end_to_end_id, structured_reference, remittance, file_name, file_sha256)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            """,
                        arguments: [key, entry.accountIBAN, entry.bookingDate.description, entry.valueDate?.description,
                                    entry.amount.value, entry.debtorName, entry.debtorIBAN, entry.endToEndID,
                                    entry.structuredReferences.first, remittance.isEmpty ? nil : remittance,
                                    file.fileName, file.sha256])
                    let paymentID = db.lastInsertedRowID
                    try Self.recordTokens(paymentID: paymentID, structured: entry.structuredReferences.first,
                                          endToEnd: entry.endToEndID, remittance: remittance, in: db)
                    let match = try Self.match(paymentID: paymentID, in: db)
                    if match.clientID != nil { matched += 1 } else { unmatched += 1 }
                    var details = ["amount_cents": String(entry.amount.value), "booking_date": entry.bookingDate.description,
                                   "matched_by": match.matchedBy ?? "none"]
                    if let invoice = match.invoiceNumber { details["invoice"] = invoice }
                    if let name = entry.debtorName { details["debtor"] = name }
                    try record(AuditLog.Entry(action: "payment.imported", subject: "payment \(paymentID)", details: details,
                                              fileName: file.fileName, fileSHA256: file.sha256))
                }
                try db.execute(sql: "INSERT INTO imported_file (sha256, file_name, kind, imported_at) VALUES (?, ?, 'camt053', ?)",
                               arguments: [file.sha256, file.fileName, AuditLog.isoInstant(now())])
                var summary = "\(credits) payment(s) received: \(matched) matched, \(unmatched) unmatched"
                if duplicates > 0 { summary += "; \(duplicates) already recorded from another statement" }
                if skipped > 0 { summary += "; \(skipped) debit or reversal entr\(skipped == 1 ? "y" : "ies") ignored" }
                if zero > 0 { summary += "; \(zero) credit entr\(zero == 1 ? "y" : "ies") of EUR 0.00 ignored" }
                outcomes.append(ImportOutcome(fileName: file.fileName, status: .imported, summary: summary))
            }
            return outcomes
        }
    }

    /// A stable identity of a bank entry across overlapping statements.
    static func entryKey(_ e: StatementEntry) -> String {
        let parts = [e.accountIBAN ?? "", e.bankReference ?? "", e.bookingDate.description, String(e.amount.value),
                     e.endToEndID ?? "", e.debtorIBAN ?? "", e.structuredReferences.joined(separator: ","),
                     e.bankReference == nil ? e.unstructured.joined(separator: " ") : ""]
        return sha256Hex(Data(parts.joined(separator: "|").utf8))
    }

    struct PaymentMatch { var clientID: Int64?; var invoiceNumber: String?; var matchedBy: String? }

    /// Matches one recorded payment and stores the result.
    @discardableResult
    static func match(paymentID: Int64, in db: Database) throws -> PaymentMatch {
        guard let p = try Row.fetchOne(db, sql: "SELECT * FROM payment WHERE id = ?", arguments: [paymentID]) else {
            return PaymentMatch()
        }
        func invoice(whereSQL: String, _ value: String) throws -> Row? {
            try Row.fetchOne(db, sql: "SELECT id, client_id, number FROM document WHERE kind = 'invoice' AND \(whereSQL) LIMIT 1",
                             arguments: [value])
        }
        var found: (Row, String)?
        let structured: String? = p["structured_reference"]
        let e2e: String? = p["end_to_end_id"]
        let remittance: String? = p["remittance"]
        if let s = structured, !s.isEmpty {
            if let r = try invoice(whereSQL: "payment_key = ?", referenceKey(s)) { found = (r, "structured_reference") }
            else if let r = try invoice(whereSQL: "number = ?", s) { found = (r, "structured_reference") }
        }
        if found == nil, let e = e2e, !e.isEmpty, e.uppercased() != "NOTPROVIDED" {
            if let r = try invoice(whereSQL: "number = ?", e) { found = (r, "end_to_end_id") }
            else if let r = try invoice(whereSQL: "payment_key = ?", referenceKey(e)) { found = (r, "end_to_end_id") }
        }
        if found == nil, let text = remittance, !text.isEmpty {
            if let r = try invoice(whereSQL: "payment_key = ?", referenceKey(text)) { found = (r, "payment_id") }
            else {
                for token in remittanceTokens(text) {
                    if let r = try invoice(whereSQL: "number = ?", token) { found = (r, "remittance_invoice_number"); break }
                    if token.count >= 6, let r = try invoice(whereSQL: "payment_key = ?", referenceKey(token)) {
                        found = (r, "payment_id"); break
                    }
                }
            }
        }
        var result = PaymentMatch()
        if let (row, how) = found {
            result = PaymentMatch(clientID: row["client_id"], invoiceNumber: row["number"], matchedBy: how)
            try db.execute(sql: "UPDATE payment SET client_id = ?, invoice_id = ?, matched_by = ? WHERE id = ?",
                           arguments: [row["client_id"] as Int64, row["id"] as Int64, how, paymentID])
            if let iban: String = p["debtor_iban"], !iban.isEmpty {
                try addIdentifiers([ClientIdentifier(scheme: .iban, value: iban)], to: row["client_id"], in: db)
            }
            return result
        }
        // No invoice named: the payer's account or name may still say whose payment it is.
        if let iban: String = p["debtor_iban"], !iban.isEmpty,
           let client = try Int64.fetchOne(db, sql: "SELECT client_id FROM client_identifier WHERE scheme = 'iban' AND value = ?",
                                           arguments: [iban]) {
            result = PaymentMatch(clientID: client, invoiceNumber: nil, matchedBy: "debtor_iban")
        } else if let name: String = p["debtor_name"], !name.isEmpty,
                  let client = try Int64.fetchOne(db, sql: "SELECT id FROM client WHERE name = ? COLLATE NOCASE LIMIT 2",
                                                  arguments: [name.trimmingCharacters(in: .whitespaces)]) {
            result = PaymentMatch(clientID: client, invoiceNumber: nil, matchedBy: "debtor_name")
        }
        if let client = result.clientID {
            try db.execute(sql: "UPDATE payment SET client_id = ?, invoice_id = NULL, matched_by = ? WHERE id = ?",
                           arguments: [client, result.matchedBy, paymentID])
        }
        return result
    }

    /// After new invoices arrive, payments not matched to an invoice whose references could name
    /// one of them (`references`: invoice numbers and payment-reference keys) get another chance.
    static func rematchPayments(naming references: [String], in db: Database,
                                record: (AuditLog.Entry) throws -> Void) throws {
        var candidates = Set<Int64>()
        let statement = try db.cachedStatement(sql: """
            SELECT payment_token.payment_id FROM payment_token JOIN payment ON payment.id = payment_token.payment_id
            WHERE payment_token.token = ? AND payment.invoice_id IS NULL
            """)
        for reference in Set(references) where !reference.isEmpty {
            candidates.formUnion(try Int64.fetchAll(statement, arguments: [reference]))
        }
        for id in candidates.sorted() {
            let match = try match(paymentID: id, in: db)
            if let invoice = match.invoiceNumber {
                try record(AuditLog.Entry(action: "payment.matched", subject: "payment \(id)",
                                          details: ["invoice": invoice, "matched_by": match.matchedBy ?? ""]))
            }
        }
    }

    /// Indexes the words of a payment's references under which an invoice number or payment
    /// reference arriving later could find it (the same words `match` tries).
    static func recordTokens(paymentID: Int64, structured: String?, endToEnd: String?, remittance: String?,
                             in db: Database) throws {
        var tokens = Set<String>()
        for text in [structured, endToEnd, remittance].compactMap({ $0 }) where !text.isEmpty {
            tokens.insert(text)
            tokens.insert(referenceKey(text))
            for token in remittanceTokens(text) {
                tokens.insert(token)
                if token.count >= 6 { tokens.insert(referenceKey(token)) }
            }
        }
        let statement = try db.cachedStatement(sql: "INSERT OR IGNORE INTO payment_token (payment_id, token) VALUES (?, ?)")
        for token in tokens where !token.isEmpty { try statement.execute(arguments: [paymentID, token]) }
    }

    /// Candidate invoice numbers in a remittance text: words split on spaces and separators that
    /// never occur inside an invoice number.
    static func remittanceTokens(_ text: String) -> [String] {
        let separators = CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: ",;:()[]\"'"))
        var tokens = text.components(separatedBy: separators).filter { !$0.isEmpty }
        tokens += tokens.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ".#")) }
        var seen = Set<String>()
        return tokens.filter { !$0.isEmpty && seen.insert($0).inserted }
    }
}
