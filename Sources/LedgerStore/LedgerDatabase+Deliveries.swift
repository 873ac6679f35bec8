import Foundation
import GRDB
import TitleholdCore

/// One delivered item to record: which client got which serial, on which date, under which order.
public struct Delivery: Sendable, Equatable {
    public var client: String
    public var agreement: String
    /// The serial as normalised (trimmed, upper case); `rawScan` keeps what was scanned or typed.
    public var serial: String
    /// The product's GTIN as a GTIN-14 (shorter GTINs are padded), or `nil` when unknown.
    public var gtin: String?
    public var name: String?
    public var date: Day
    public var rawScan: String?
    public var address: String?

    public init(client: String, agreement: String, serial: String, gtin: String? = nil, name: String? = nil,
                date: Day, rawScan: String? = nil, address: String? = nil) {
        self.client = client; self.agreement = agreement
        self.serial = Delivery.normalise(serial: serial)
        self.gtin = gtin.flatMap(normaliseGTIN); self.name = name; self.date = date; self.rawScan = rawScan ?? serial; self.address = address
    }

    /// Serials are compared trimmed and upper-cased: scanners and people differ in case, vendors don't.
    public static func normalise(serial: String) -> String {
        serial.trimmingCharacters(in: .whitespacesAndNewlines).uppercased()
    }
}

/// What recording a delivery did.
public enum DeliveryOutcome: Sendable, Equatable {
    case recorded(itemID: Int64)
    /// The same serial was already delivered to the same client: nothing changed.
    case alreadyDelivered(itemID: Int64, on: Day)
}

extension LedgerDatabase {
    /// Records one delivered item (durable when this returns). Client and agreement are created
    /// when unknown. Delivering a serial already delivered to the same client is a no-op that
    /// says so; to another client it is refused.
    @discardableResult
    public func deliver(_ delivery: Delivery, context: ChangeContext) throws -> DeliveryOutcome {
        guard !delivery.serial.isEmpty else { throw LedgerError("the serial is empty") }
        guard delivery.serial.count <= 100 else { throw LedgerError("serial '\(delivery.serial.prefix(20))…' is longer than 100 characters") }
        guard !delivery.agreement.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw LedgerError("an agreement (order, quote or contract number) is required")
        }
        return try change(context) { db, record in
            let existing = try Row.fetchAll(
                db, sql: "SELECT item.id, item.client_id, item.delivered_on, client.key FROM item JOIN client ON client.id = item.client_id WHERE serial = ? AND (gtin = ? OR ? = '' OR gtin = '')",
                arguments: [delivery.serial, delivery.gtin ?? "", delivery.gtin ?? ""])
            let clientID = try Self.clientForHandle(delivery.client, in: db, record: record)
            if let row = existing.first {
                let day = Day(iso: row["delivered_on"] as String) ?? delivery.date
                if (row["client_id"] as Int64) == clientID { return .alreadyDelivered(itemID: row["id"], on: day) }
                throw LedgerError("serial \(delivery.serial) was already delivered to client \(row["key"] as String) on \(day)")
            }
            let agreementID = try Self.agreementFor(client: clientID, reference: delivery.agreement, in: db, record: record)
            try db.execute(
                sql: """
                    INSERT INTO item (client_id, agreement_id, serial, gtin, name, raw_scan, delivered_on, address)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [clientID, agreementID, delivery.serial, delivery.gtin ?? "", delivery.name, delivery.rawScan,
                            delivery.date.description, delivery.address])
            let itemID = db.lastInsertedRowID
            var details = ["client": delivery.client, "agreement": delivery.agreement, "date": delivery.date.description]
            if let gtin = delivery.gtin { details["gtin"] = gtin }
            if let raw = delivery.rawScan, raw != delivery.serial { details["raw_scan"] = raw }
            try record(AuditLog.Entry(action: "item.delivered", subject: delivery.serial, details: details))
            try Self.link(newItem: itemID, client: clientID, deliveredOn: delivery.date, in: db)
            return .recorded(itemID: itemID)
        }
    }

    /// Records an event of an item (returned, incorporated, resold, pledged, waived...).
    public func recordItemEvent(serial: String, _ event: ItemEvent, context: ChangeContext) throws {
        try change(context) { db, record in
            let id = try Self.uniqueItem(serial: serial, in: db)
            let delivered = try String.fetchOne(db, sql: "SELECT delivered_on FROM item WHERE id = ?", arguments: [id])
            if let delivered, event.date.description < delivered {
                throw LedgerError("item \(serial) was delivered on \(delivered); a \(event.kind.rawValue) event on \(event.date) cannot come before it")
            }
            try db.execute(sql: "INSERT INTO item_event (item_id, kind, date, note, outside_normal_course) VALUES (?, ?, ?, ?, ?)",
                           arguments: [id, event.kind.rawValue, event.date.description, event.note, event.outsideNormalCourse])
            var details = ["kind": event.kind.rawValue, "date": event.date.description]
            if let note = event.note { details["note"] = note }
            if event.outsideNormalCourse { details["outside_normal_course"] = "true" }
            try record(AuditLog.Entry(action: "item.event", subject: serial, details: details))
        }
    }
}

extension LedgerDatabase {
    /// Takes back a delivery recorded by mistake (an intake session's "undo"): the item is
    /// removed, and the event log keeps both the delivery and its undoing.
    public func undoDelivery(itemID: Int64, context: ChangeContext) throws {
        try change(context) { db, record in
            guard let row = try Row.fetchOne(db, sql: "SELECT serial, client_id FROM item WHERE id = ?", arguments: [itemID]) else {
                throw LedgerError("item \(itemID) is not in the ledger; nothing to undo")
            }
            try db.execute(sql: "DELETE FROM item_link WHERE item_id = ?", arguments: [itemID])
            try db.execute(sql: "DELETE FROM item_event WHERE item_id = ?", arguments: [itemID])
            try db.execute(sql: "DELETE FROM item WHERE id = ?", arguments: [itemID])
            try Self.relink(client: row["client_id"], in: db)
            try record(AuditLog.Entry(action: "item.undone", subject: row["serial"]))
        }
    }
}
