import GRDB

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
}
