import Foundation
import GRDB
import TitleholdCore

/// A pickup visit as stored: the planner's visit (kept whole, so re-planning can pass it back
/// and keep its id), and what happened at the door.
public struct StoredVisit: Sendable {
    public enum State: String, Sendable { case planned, closed }
    /// How a visit ended (art. 10.3): everything on the manifest collected, some items not found,
    /// or access to the premises refused.
    public enum Outcome: String, Sendable, CaseIterable {
        case allCollected = "all-collected"
        case someNotFound = "some-not-found"
        case accessRefused = "access-refused"
    }

    public var visit: PlannedVisit
    public var state: State
    public var outcome: Outcome?
    public var closedOn: Day?
    public var note: String?
    /// Serials of the visit recorded as repossessed (scanned at the door).
    public var collected: Set<String>
}

extension LedgerDatabase {
    /// Replaces the planned (not yet closed) visits by `visits`, in one transaction.
    public func replacePlannedVisits(_ visits: [PlannedVisit], context: ChangeContext) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        try change(context) { db, record in
            let closed = Set(try String.fetchAll(db, sql: "SELECT id FROM pickup_visit WHERE state = 'closed'"))
            try db.execute(sql: "DELETE FROM pickup_visit WHERE state = 'planned'")
            for visit in visits {
                guard !closed.contains(visit.id) else {
                    throw LedgerError("visit \(visit.id) is closed already and cannot be planned again")
                }
                let json = String(decoding: try encoder.encode(visit), as: UTF8.self)
                try db.execute(
                    sql: "INSERT INTO pickup_visit (id, client_id, date, state, plan_json) VALUES (?, ?, ?, 'planned', ?)",
                    arguments: [visit.id, visit.clientID, visit.date.description, json])
            }
            try record(AuditLog.Entry(action: "pickups.planned", subject: "\(visits.count) visit(s)",
                                      details: ["visits": visits.map(\.id).joined(separator: ",")]))
        }
    }

    /// All visits, or only the planned ones, by date.
    public func visits(plannedOnly: Bool = false) throws -> [StoredVisit] {
        try writer.read { db in
            let sql = "SELECT * FROM pickup_visit\(plannedOnly ? " WHERE state = 'planned'" : "") ORDER BY date, id"
            return try Row.fetchAll(db, sql: sql).map { try Self.storedVisit($0, in: db) }
        }
    }

    /// One visit by id (a unique prefix of the id is enough).
    public func visit(_ id: String) throws -> StoredVisit {
        try writer.read { db in try Self.visit(id, in: db) }
    }

    static func visit(_ id: String, in db: Database) throws -> StoredVisit {
        let rows = try Row.fetchAll(db, sql: "SELECT * FROM pickup_visit WHERE id = ? OR id LIKE ? ESCAPE '\\' ORDER BY id",
                                    arguments: [id, id.replacingOccurrences(of: "%", with: "\\%") + "%"])
        if let exact = rows.first(where: { ($0["id"] as String) == id }) { return try storedVisit(exact, in: db) }
        guard let row = rows.first else { throw LedgerError("no pickup visit '\(id)'; see `titlehold pickups plan`") }
        guard rows.count == 1 else { throw LedgerError("'\(id)' names \(rows.count) visits; give more of the id") }
        return try storedVisit(row, in: db)
    }

    static func storedVisit(_ row: Row, in db: Database) throws -> StoredVisit {
        let json: String = row["plan_json"]
        let visit: PlannedVisit
        do { visit = try JSONDecoder().decode(PlannedVisit.self, from: Data(json.utf8)) } catch {
            throw LedgerError("the stored visit \(row["id"] as String) cannot be read: \(error)")
        }
        let collected = try String.fetchAll(db, sql: """
            SELECT item.serial FROM item_event JOIN item ON item.id = item_event.item_id
            WHERE item_event.kind = 'repossessed' AND item_event.note = ?
            """, arguments: ["visit \(visit.id)"])
        return StoredVisit(
            visit: visit, state: StoredVisit.State(rawValue: row["state"]) ?? .planned,
            outcome: (row["outcome"] as String?).flatMap(StoredVisit.Outcome.init(rawValue:)),
            closedOn: (row["closed_on"] as String?).flatMap { Day(iso: $0) }, note: row["note"], collected: Set(collected))
    }

    /// Records one item of a planned visit as repossessed (art. 10.3), durably, in its own transaction.
    /// A serial not on the visit's manifest is refused with the reason.
    public func repossess(serial: String, visit id: String, on date: Day, context: ChangeContext) throws -> (itemID: Int64, duplicate: Bool) {
        try change(context) { db, record in
            let stored = try Self.visit(id, in: db)
            guard stored.state == .planned else {
                throw LedgerError("visit \(stored.visit.id) is closed (\(stored.outcome?.rawValue ?? "")); open a new plan")
            }
            let wanted = Delivery.normalise(serial: serial)
            guard let listed = stored.visit.serials.first(where: { Delivery.normalise(serial: $0) == wanted }) else {
                throw LedgerError("\(serial) is not on the manifest of visit \(stored.visit.id): do not take it (art. 10.3 covers only the retained goods listed)")
            }
            let itemID = try Self.uniqueItem(serial: listed, in: db)
            if stored.collected.contains(listed) { return (itemID, true) }
            try db.execute(
                sql: "INSERT INTO item_event (item_id, kind, date, note) VALUES (?, 'repossessed', ?, ?)",
                arguments: [itemID, date.description, "visit \(stored.visit.id)"])
            try record(AuditLog.Entry(action: "item.repossessed", subject: listed,
                                      details: ["visit": stored.visit.id, "date": date.description]))
            return (itemID, false)
        }
    }

    /// Closes a visit with its outcome; what was not collected stays eligible for a next visit.
    public func closeVisit(_ id: String, outcome: StoredVisit.Outcome, on date: Day, note: String?,
                           context: ChangeContext) throws -> StoredVisit {
        try change(context) { db, record in
            let stored = try Self.visit(id, in: db)
            guard stored.state == .planned else { throw LedgerError("visit \(stored.visit.id) is closed already") }
            try db.execute(
                sql: "UPDATE pickup_visit SET state = 'closed', outcome = ?, closed_on = ?, note = ? WHERE id = ?",
                arguments: [outcome.rawValue, date.description, note, stored.visit.id])
            var details = ["outcome": outcome.rawValue, "collected": "\(stored.collected.count)/\(stored.visit.serials.count)"]
            if let note { details["note"] = note }
            try record(AuditLog.Entry(action: "pickups.closed", subject: stored.visit.id, details: details))
            return try Self.visit(stored.visit.id, in: db)
        }
    }

    /// Records pickup notices sent to clients (art. 10.3), with the letter's file name.
    public func recordPickupNotices(_ notices: [(clientID: Int64, sentOn: Day, fileName: String)], context: ChangeContext) throws {
        try change(context) { db, record in
            for notice in notices {
                try db.execute(sql: "INSERT INTO pickup_notice (client_id, sent_on, file_name) VALUES (?, ?, ?)",
                               arguments: [notice.clientID, notice.sentOn.description, notice.fileName])
                let key = try String.fetchOne(db, sql: "SELECT key FROM client WHERE id = ?", arguments: [notice.clientID]) ?? ""
                try record(AuditLog.Entry(action: "pickups.notice", subject: key,
                                          details: ["sent_on": notice.sentOn.description, "file": notice.fileName]))
            }
        }
    }

    /// The latest pickup notice per client sent on or before `date`.
    public func pickupNotices(through date: Day) throws -> [Int64: Day] {
        try writer.read { db in
            var result: [Int64: Day] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT client_id, MAX(sent_on) FROM pickup_notice WHERE sent_on <= ? GROUP BY client_id",
                                        arguments: [date.description]) {
                if let day = Day(iso: row[1] as String) { result[row[0]] = day }
            }
            return result
        }
    }

    /// Repossessed items with the invoice they were billed on: the accountant issues a credit note
    /// for each (the goods came back; the price is no longer owed for goods kept).
    public func repossessedItems() throws -> [(serial: String, client: String, repossessedOn: Day, invoice: String?, value: Cents?, visit: String?)] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT item.serial, client.key, item_event.date, document.number,
                       document_line.amount_cents / MAX(COALESCE(document_line.whole_units, 1), 1), item_event.note
                FROM item_event JOIN item ON item.id = item_event.item_id JOIN client ON client.id = item.client_id
                LEFT JOIN item_link ON item_link.item_id = item.id
                LEFT JOIN document ON document.id = item_link.document_id
                LEFT JOIN document_line ON document_line.id = item_link.line_id
                WHERE item_event.kind = 'repossessed' ORDER BY item_event.date, item.serial
                """).map { row in
                let note: String? = row[5]
                return (row[0], row[1], Day(iso: row[2] as String) ?? Day(ordinal: 0), row[3], (row[4] as Int64?).map { Cents($0) },
                        note.flatMap { $0.hasPrefix("visit ") ? String($0.dropFirst(6)) : nil })
            }
        }
    }
}
