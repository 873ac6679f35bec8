/// The statements `OwnershipService.report(serial:on:)` runs, as the store writes them today
/// (`LedgerDatabase.lookup(serial:gtin:)` and `LedgerDatabase.clientLedger(clientID:in:)` in
/// Sources/LedgerStore/LedgerDatabase+Queries.swift). Only used by the profile, to say which of
/// them the time goes to; if the store's SQL changes, change these with it.
enum ClientLedgerQueries {
    struct Query {
        var name: String
        var sql: String
        /// Whether the argument is the serial (else the client id).
        var bySerial = false
        /// A variant for comparison, not run by the store (left out of the "all statements" sum).
        var isVariant = false
    }

    static let all: [Query] = [
        Query(name: "items(serial:) item+client+agreement", sql: """
            SELECT item.id, item.serial, item.gtin, item.name, item.raw_scan, item.delivered_on, item.client_id, client.key,
                   client.name AS client_name, item.agreement_id, agreement.reference
            FROM item JOIN client ON client.id = item.client_id
            JOIN agreement ON agreement.id = item.agreement_id WHERE item.serial = ?
            """, bySerial: true),
        Query(name: "client kind", sql: "SELECT kind FROM client WHERE id = ?"),
        Query(name: "documents with is_goods", sql: """
            SELECT d.id, d.kind, d.number, d.agreement_id, d.issue_date, d.due_date, d.payable_cents, d.payment_id,
                   d.credited_number,
                   CASE
                     WHEN a.kind_override IS NOT NULL THEN a.kind_override = 'goods'
                     WHEN d.agreement_id IS NOT NULL THEN
                       EXISTS (SELECT 1 FROM item WHERE item.agreement_id = d.agreement_id)
                       OR EXISTS (SELECT 1 FROM document d2 JOIN document_line l ON l.document_id = d2.id
                                  WHERE d2.agreement_id = d.agreement_id
                                    AND (l.gtin IS NOT NULL OR EXISTS (SELECT 1 FROM line_serial s WHERE s.line_id = l.id)))
                     ELSE EXISTS (SELECT 1 FROM document_line l WHERE l.document_id = d.id
                                    AND (l.gtin IS NOT NULL OR EXISTS (SELECT 1 FROM line_serial s WHERE s.line_id = l.id)))
                          OR EXISTS (SELECT 1 FROM item_link k WHERE k.document_id = d.id)
                   END AS is_goods
            FROM document d LEFT JOIN agreement a ON a.id = d.agreement_id
            WHERE d.client_id = ?
            """),
        // Not a statement of the store: the documents query with the goods flag read from a column
        // instead of three correlated EXISTS per document (here the flag is a constant, as if stored at
        // write time), to show what storing it would save.
        Query(name: "documents, goods flag stored (variant)", sql: """
            SELECT d.id, d.kind, d.number, d.agreement_id, d.issue_date, d.due_date, d.payable_cents, d.payment_id,
                   d.credited_number, COALESCE(a.kind_override = 'goods', 1) AS is_goods
            FROM document d LEFT JOIN agreement a ON a.id = d.agreement_id
            WHERE d.client_id = ?
            """, isVariant: true),
        Query(name: "payments", sql: "SELECT id, booking_date, amount_cents, invoice_id FROM payment WHERE client_id = ?"),
        Query(name: "item links", sql: """
            SELECT item_link.item_id, item_link.document_id FROM item_link JOIN item ON item.id = item_link.item_id
            WHERE item.client_id = ?
            """),
        Query(name: "item events", sql: """
            SELECT item_event.item_id, item_event.kind, item_event.date, item_event.note FROM item_event
            JOIN item ON item.id = item_event.item_id WHERE item.client_id = ?
            """),
        Query(name: "items of client", sql: "SELECT id, serial, agreement_id, delivered_on FROM item WHERE client_id = ?"),
    ]
}
