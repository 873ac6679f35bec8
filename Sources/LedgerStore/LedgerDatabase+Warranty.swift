import GRDB
import TitleholdCore

extension LedgerDatabase {
    /// Records a warranty looked up at the manufacturer, or an extension (care pack), for the item
    /// carrying `serial` (`titlehold warranty set`); the latest recorded one counts (art. 18).
    public func recordWarranty(serial: String, _ warranty: WarrantyOverride, context: ChangeContext) throws {
        try change(context) { db, record in
            let id = try Self.uniqueItem(serial: serial, in: db)
            if let from = warranty.from, from > warranty.until {
                throw LedgerError("the warranty cannot end (\(warranty.until)) before it starts (\(from))")
            }
            guard !warranty.source.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw LedgerError("say where the warranty comes from with --source (e.g. the vendor's look-up page)")
            }
            try db.execute(
                sql: "INSERT INTO warranty (item_id, valid_from, valid_until, source, recorded_on) VALUES (?, ?, ?, ?, ?)",
                arguments: [id, warranty.from?.description, warranty.until.description, warranty.source,
                            warranty.recordedOn.description])
            var details = ["until": warranty.until.description, "source": warranty.source]
            if let from = warranty.from { details["from"] = from.description }
            try record(AuditLog.Entry(action: "item.warranty", subject: serial, details: details))
        }
    }

    /// The latest recorded warranty of every item that has one, by item id.
    public func recordedWarranties() throws -> [Int64: WarrantyOverride] {
        try writer.read { db in
            var result: [Int64: WarrantyOverride] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT * FROM warranty ORDER BY id") {
                guard let until = Day(iso: row["valid_until"] as String) else { continue }
                result[row["item_id"]] = WarrantyOverride(
                    from: (row["valid_from"] as String?).flatMap { Day(iso: $0) }, until: until, source: row["source"],
                    recordedOn: Day(iso: row["recorded_on"] as String) ?? until)
            }
            return result
        }
    }

    /// The one item carrying `serial`, or an error saying why there is none.
    static func uniqueItem(serial: String, in db: Database) throws -> Int64 {
        let ids = try Int64.fetchAll(db, sql: "SELECT id FROM item WHERE serial = ?", arguments: [Delivery.normalise(serial: serial)])
        guard let id = ids.first else { throw LedgerError("no item with serial \(serial) in the ledger") }
        guard ids.count == 1 else { throw LedgerError("serial \(serial) is ambiguous: \(ids.count) items carry it") }
        return id
    }
}
