import GRDB
import TitleholdCore

/// A dunning letter to record as sent (art. 13.4): by `titlehold letters send`, which wrote it, or
/// by `titlehold letters record`, for a letter sent outside Titlehold.
public struct SentLetter: Sendable, Hashable {
    public enum Origin: String, Sendable { case titlehold, external }

    public var invoice: String
    public var kind: DunningLetter.Kind
    public var sentOn: Day
    public var origin: Origin
    /// What the letter stated, when Titlehold wrote it: open principal, interest and costs to `sentOn`.
    public var principal: Cents?
    public var interest: Cents?
    public var costs: Cents?
    public var termEndsOn: Day?
    public var fileName: String?

    public init(invoice: String, kind: DunningLetter.Kind, sentOn: Day, origin: Origin, principal: Cents? = nil,
                interest: Cents? = nil, costs: Cents? = nil, termEndsOn: Day? = nil, fileName: String? = nil) {
        self.invoice = invoice; self.kind = kind; self.sentOn = sentOn; self.origin = origin
        self.principal = principal; self.interest = interest; self.costs = costs; self.termEndsOn = termEndsOn
        self.fileName = fileName
    }
}

extension LedgerDatabase {
    /// Records letters as sent, all or none (one transaction). Refused: an unknown invoice, a letter
    /// dated before the invoice was issued, and the same letter recorded twice.
    public func recordLetters(_ letters: [SentLetter], context: ChangeContext) throws {
        try change(context) { db, record in
            for letter in letters {
                guard let row = try Row.fetchOne(
                    db, sql: "SELECT id, client_id, issue_date FROM document WHERE kind = 'invoice' AND number = ?",
                    arguments: [letter.invoice])
                else { throw LedgerError("no invoice '\(letter.invoice)' in the ledger; import it first") }
                let issued: String = row["issue_date"]
                guard letter.sentOn.description >= issued else {
                    throw LedgerError("invoice \(letter.invoice) was issued on \(issued); a \(letter.kind.label) dated \(letter.sentOn) cannot come before it")
                }
                let invoiceID: Int64 = row["id"]
                if try Bool.fetchOne(db, sql: "SELECT 1 FROM letter WHERE invoice_id = ? AND kind = ? AND sent_on = ?",
                                     arguments: [invoiceID, letter.kind.rawValue, letter.sentOn.description]) == true {
                    throw LedgerError("the \(letter.kind.label) of invoice \(letter.invoice) sent on \(letter.sentOn) is already recorded")
                }
                try db.execute(
                    sql: """
                        INSERT INTO letter (client_id, invoice_id, kind, sent_on, origin, principal_cents, interest_cents,
                                            costs_cents, term_ends_on, file_name)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [row["client_id"], invoiceID, letter.kind.rawValue, letter.sentOn.description,
                                letter.origin.rawValue, letter.principal?.value, letter.interest?.value, letter.costs?.value,
                                letter.termEndsOn?.description, letter.fileName])
                var details = ["kind": letter.kind.rawValue, "sent_on": letter.sentOn.description, "origin": letter.origin.rawValue]
                if let file = letter.fileName { details["file"] = file }
                try record(AuditLog.Entry(action: "letter.sent", subject: letter.invoice, details: details))
            }
        }
    }
}

extension LedgerDatabase {
    /// The client that invoice `number` was issued to; an unknown number is an error.
    public func client(ofInvoice number: String) throws -> Int64 {
        try writer.read { db in
            guard let id = try Int64.fetchOne(db, sql: "SELECT client_id FROM document WHERE kind = 'invoice' AND number = ?",
                                              arguments: [number])
            else { throw LedgerError("no invoice '\(number)' in the ledger") }
            return id
        }
    }
}
