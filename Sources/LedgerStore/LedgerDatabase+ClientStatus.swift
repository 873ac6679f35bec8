import GRDB
import TitleholdCore

/// What the repossession rules need to know about a client beyond its invoices: its status
/// history and the notices sent to the tax collector (art. 22bis Iw).
public struct ClientStanding: Sendable, Hashable {
    /// Oldest first, as recorded (each was validated against those before it when recorded).
    public var statuses: [ClientStatusHistory.Entry]
    public var taxNotices: [Day]
    public init(statuses: [ClientStatusHistory.Entry] = [], taxNotices: [Day] = []) {
        self.statuses = statuses; self.taxNotices = taxNotices
    }

    /// The history as the rules read it. Entries were validated one by one when recorded, so they
    /// are taken as they are here (not validated again: one entry that a later check would refuse
    /// must not erase the client's whole status).
    public var history: ClientStatusHistory { ClientStatusHistory(recorded: statuses) }
}

extension LedgerDatabase {
    /// Appends a status to the client's history after checking it against the history so far
    /// (`ClientStatusHistory.recording`: cooling-off limits of art. 63a/241a/376 Fw, one extension).
    public func recordClientStatus(_ handle: String, _ entry: ClientStatusHistory.Entry, context: ChangeContext) throws {
        try change(context) { db, record in
            guard let id = try Self.findClient(handle, in: db) else { throw LedgerError("no client '\(handle)' in the ledger") }
            let history = try ClientStatusHistory(validating: Self.standing(clientID: id, in: db).statuses)
            do { _ = try history.recording(entry) } catch { throw LedgerError("client \(handle): \(error)") }
            try db.execute(
                sql: "INSERT INTO client_status (client_id, status, since, cooling_off_until, note, recorded_on) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [id, entry.status.rawValue, entry.since.description, entry.coolingOffUntil?.description, entry.note,
                            entry.recordedOn.description])
            var details = ["status": entry.status.rawValue, "since": entry.since.description]
            if let until = entry.coolingOffUntil { details["cooling_off_until"] = until.description }
            if let note = entry.note { details["note"] = note }
            try record(AuditLog.Entry(action: "client.status", subject: handle, details: details))
        }
    }

    /// Records that the tax collector (ontvanger) was notified of an intended repossession (art. 22bis Iw).
    public func recordTaxNotice(_ handle: String, sentOn: Day, note: String?, context: ChangeContext) throws {
        try change(context) { db, record in
            guard let id = try Self.findClient(handle, in: db) else { throw LedgerError("no client '\(handle)' in the ledger") }
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM tax_notice WHERE client_id = ? AND sent_on = ?",
                                 arguments: [id, sentOn.description]) == true {
                throw LedgerError("a tax-collector notice for '\(handle)' sent on \(sentOn) is already recorded")
            }
            try db.execute(sql: "INSERT INTO tax_notice (client_id, sent_on, note) VALUES (?, ?, ?)",
                           arguments: [id, sentOn.description, note])
            var details = ["sent_on": sentOn.description]
            if let note { details["note"] = note }
            try record(AuditLog.Entry(action: "client.tax_notice", subject: handle, details: details))
        }
    }

    /// The client's status history and tax notices.
    public func standing(client handle: String) throws -> (clientID: Int64, standing: ClientStanding) {
        try writer.read { db in
            guard let id = try Self.findClient(handle, in: db) else { throw LedgerError("no client '\(handle)' in the ledger") }
            return (id, try Self.standing(clientID: id, in: db))
        }
    }

    static func standing(clientID: Int64, in db: Database) throws -> ClientStanding {
        let statuses = try Row.fetchAll(
            db, sql: "SELECT * FROM client_status WHERE client_id = ? ORDER BY since, id", arguments: [clientID]
        ).map(Self.statusRecord)
        let notices = try String.fetchAll(db, sql: "SELECT sent_on FROM tax_notice WHERE client_id = ? ORDER BY sent_on",
                                          arguments: [clientID]).compactMap { Day(iso: $0) }
        return ClientStanding(statuses: statuses, taxNotices: notices)
    }

    static func statusRecord(_ row: Row) -> ClientStatusHistory.Entry {
        ClientStatusHistory.Entry(status: ClientStatus(rawValue: row["status"] as String) ?? .normal, since: Day(iso: row["since"] as String) ?? Day(ordinal: 0),
                           coolingOffUntil: (row["cooling_off_until"] as String?).flatMap { Day(iso: $0) },
                           note: row["note"], recordedOn: Day(iso: row["recorded_on"] as String) ?? Day(ordinal: 0))
    }
}
