import GRDB
import TitleholdCore

extension LedgerDatabase {
    /// Links a client's delivered items to the invoice lines that bill them, from scratch, so the
    /// result is the same whatever order deliveries and invoices arrived in:
    /// 1. a line that lists serials (`cac:ItemInstance/cbc:SerialID`) bills exactly those items;
    /// 2. otherwise a line with a GTIN bills as many not yet linked items of the same agreement and
    ///    GTIN as its whole quantity, oldest delivery first, lines in invoice order;
    /// 3. lines of invoices that name no agreement then take the client's remaining items with their GTIN.
    static func relink(client clientID: Int64, in db: Database) throws {
        try db.execute(sql: "DELETE FROM item_link WHERE item_id IN (SELECT id FROM item WHERE client_id = ?)",
                       arguments: [clientID])
        // 1. By serial.
        try db.execute(sql: """
            INSERT OR IGNORE INTO item_link (item_id, line_id, document_id)
            SELECT item.id, document_line.id, document.id
            FROM document
            JOIN document_line ON document_line.document_id = document.id
            JOIN line_serial ON line_serial.line_id = document_line.id
            JOIN item ON item.serial = line_serial.serial AND item.client_id = document.client_id
            WHERE document.client_id = ? AND document.kind = 'invoice'
            ORDER BY document.issue_date, document.id, document_line.id
            """, arguments: [clientID])
        // 2 and 3. By agreement (or none) and GTIN, quantity-aware.
        let lines = try Row.fetchAll(db, sql: """
            SELECT document_line.id AS line_id, document.id AS document_id, document.agreement_id, document_line.gtin,
                   document_line.whole_units,
                   (SELECT COUNT(*) FROM item_link WHERE item_link.line_id = document_line.id) AS linked,
                   (SELECT COUNT(*) FROM line_serial WHERE line_serial.line_id = document_line.id) AS serials
            FROM document JOIN document_line ON document_line.document_id = document.id
            WHERE document.client_id = ? AND document.kind = 'invoice' AND document_line.gtin IS NOT NULL
              AND document_line.whole_units > 0
            ORDER BY document.agreement_id IS NULL, document.issue_date, document.id, document_line.id
            """, arguments: [clientID])
        for line in lines {
            let serials: Int = line["serials"]
            guard serials == 0 else { continue }
            let capacity = (line["whole_units"] as Int) - (line["linked"] as Int)
            guard capacity > 0 else { continue }
            let agreementID: Int64? = line["agreement_id"]
            try db.execute(sql: """
                INSERT INTO item_link (item_id, line_id, document_id)
                SELECT item.id, ?, ? FROM item
                WHERE item.client_id = ? AND item.gtin = ? AND (? IS NULL OR item.agreement_id = ?)
                  AND NOT EXISTS (SELECT 1 FROM item_link WHERE item_link.item_id = item.id)
                ORDER BY item.delivered_on, item.id
                LIMIT ?
                """, arguments: [line["line_id"], line["document_id"], clientID, line["gtin"] as String,
                                 agreementID, agreementID, capacity])
        }
    }

    /// Links one newly delivered item without relinking the whole client: the same result as
    /// `relink` when the item is the client's latest delivery (it then comes last in relink's
    /// order), which is what intake produces; a back-dated delivery relinks the client in full.
    /// A client without invoices needs nothing at all — the common case at delivery.
    static func link(newItem itemID: Int64, client clientID: Int64, deliveredOn: Day, in db: Database) throws {
        guard try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM document WHERE client_id = ? AND kind = 'invoice' LIMIT 1"),
                                arguments: [clientID]) == true else { return }
        let latest = try String.fetchOne(db.cachedStatement(sql: "SELECT MAX(delivered_on) FROM item WHERE client_id = ? AND id <> ?"),
                                         arguments: [clientID, itemID])
        if let latest, latest > deliveredOn.description { return try relink(client: clientID, in: db) }
        try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO item_link (item_id, line_id, document_id)
            SELECT item.id, document_line.id, document.id
            FROM item JOIN line_serial ON line_serial.serial = item.serial
            JOIN document_line ON document_line.id = line_serial.line_id
            JOIN document ON document.id = document_line.document_id
            WHERE item.id = ? AND document.client_id = ? AND document.kind = 'invoice'
            ORDER BY document.issue_date, document.id, document_line.id LIMIT 1
            """).execute(arguments: [itemID, clientID])
        try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO item_link (item_id, line_id, document_id)
            SELECT item.id, l.id, d.id
            FROM item JOIN document d ON d.client_id = item.client_id AND d.kind = 'invoice'
                 AND (d.agreement_id IS NULL OR d.agreement_id = item.agreement_id)
            JOIN document_line l ON l.document_id = d.id AND l.gtin = item.gtin AND l.whole_units > 0
            WHERE item.id = ? AND item.gtin <> ''
              AND NOT EXISTS (SELECT 1 FROM line_serial s WHERE s.line_id = l.id)
              AND (SELECT COUNT(*) FROM item_link k WHERE k.line_id = l.id) < l.whole_units
            ORDER BY d.agreement_id IS NULL, d.issue_date, d.id, l.id LIMIT 1
            """).execute(arguments: [itemID])
    }
}
